"""The results of `dedup` (plain data): its thresholds, each removal and kept paragraph."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from precis.summarize.facts import FactCheck
from precis.summarize.restatement import (
    RESTATEMENT_COVERAGE,
    RESTATEMENT_COVERAGE_MARKED,
    RESTATEMENT_FACTS_SLACK,
    RESTATEMENT_MIN_TERMS,
)

SHINGLE_SIZE = 3



NEAR_JACCARD = 0.6



NEAR_CONTAINMENT = 0.8



@dataclass(frozen=True)
class Thresholds:
    """Tunable thresholds of `dedup` (each default is a named constant of dedup.py or
    restatement.py)."""

    near_jaccard: float = NEAR_JACCARD
    near_containment: float = NEAR_CONTAINMENT
    shingle_size: int = SHINGLE_SIZE
    restatement: float = RESTATEMENT_COVERAGE
    restatement_marked: float = RESTATEMENT_COVERAGE_MARKED
    restatement_facts_slack: float = RESTATEMENT_FACTS_SLACK
    min_terms: int = RESTATEMENT_MIN_TERMS
    boilerplate: bool = True

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Thresholds:
        valid = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - valid)
        if unknown:
            raise TypeError(f"unknown dedup threshold(s) {unknown}; valid: {sorted(valid)}")
        return cls(**{k: v for k, v in options.items() if v is not None})



@dataclass(frozen=True)
class Removal:
    """One removal: paragraph `index` of the original split, what went, under which rule."""

    index: int
    text: str
    rule: str
    duplicate_of: tuple[int, ...] = ()
    score: float | None = None
    partial: bool = False  # True: a line or prefix of the paragraph, the rest is kept
    reason: str = ""
    facts: tuple[FactCheck, ...] = ()  # the facts checked, each with where it is stated

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {
            "duplicate_of": list(self.duplicate_of),
            "facts": [f.to_dict() for f in self.facts],
        }



@dataclass(frozen=True)
class Kept:
    """A kept paragraph; `note` says why when it resembles another one."""

    index: int
    text: str
    similar_to: tuple[int, ...] = ()
    score: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"similar_to": list(self.similar_to)}



@dataclass(frozen=True)
class DedupResult:
    text: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    kept: tuple[Kept, ...]
    source_paragraphs: int
    thresholds: Thresholds = field(default_factory=Thresholds)
    html: bool = False
    format: str = "text"  # the input's format (precis.formats): text, markdown or html
    metadata: dict[str, Any] = field(default_factory=dict)  # title, date, author, detection

    def counts(self) -> dict[str, int]:
        """Removals per rule."""
        return dict(Counter(r.rule for r in self.removed))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "kept": [k.to_dict() for k in self.kept],
            "removed": [r.to_dict() for r in self.removed],
            "source_paragraphs": self.source_paragraphs,
            "counts": self.counts(),
            "thresholds": dataclasses.asdict(self.thresholds),
            "html": self.html,
            "format": self.format,
            "metadata": self.metadata,
        }

