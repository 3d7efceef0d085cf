"""Facts of a paragraph, and whether kept paragraphs state them: the safety check of dedup.

A paragraph is removed (exact, near-duplicate, restatement) only when every fact it carries is
stated by the kept paragraph(s) it matches and no kept paragraph it matches says the opposite
(`check`). Facts come from families, one module each behind `FactFamily`, listed in `FAMILIES`:

- ``number`` (facts_numbers.py): digits and words ("trois", "vingt-deux", "3,5 millions"),
  ordinals ("troisième", "1er"), approximations ("une dizaine"), signs ("+0,4"), percentages;
- ``date`` (facts_dates.py): weekdays, months, relative days ("hier", "demain", "la veille");
- ``entity`` (facts_entities.py): capitalized words wherever they stand, sentence-initial names
  included (a gazetteer of common sentence openers and the article's own lowercase words tell
  "Retailleau a défendu" from "Selon le maire");
- ``polarity`` (facts_polarity.py): negations (ne...pas/jamais/plus, aucun, sans) with the word
  they bear on, and antonym or reversal poles (hausse/baisse, reconnu/nié, adopté/rejeté,
  condamné/acquitté, "placé en garde à vue"/"remis en liberté", ...).

Each checked fact is reported (`FactCheck`: its kind, value, surface, and the kept paragraph and
words that state it), so that the JSON of a removal shows why it was safe.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from precis.summarize.facts_base import Fact, FactFamily
from precis.summarize.paragraphs import fold_accents
from precis.summarize.terms import words


@dataclass(frozen=True)
class FactCheck:
    """One checked fact: `stated_in` is the kept paragraph (0-based index) that states it,
    None when no matched paragraph does; `where` is how that paragraph says it."""

    kind: str
    value: str
    surface: str
    stated_in: int | None
    where: str = ""
    applies: bool = True  # False: the kept text never speaks of it (see FactFamily.relevant)

    @property
    def stated(self) -> bool:
        return self.stated_in is not None or not self.applies

    def describe(self) -> str:
        return f"{self.kind} « {self.surface} »"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "surface": self.surface,
            "stated_in": self.stated_in,
            "where": self.where,
            "applies": self.applies,
        }


@dataclass(frozen=True)
class FactReport:
    """The facts of a paragraph checked against the kept paragraphs it matches."""

    checks: tuple[FactCheck, ...]
    conflicts: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[FactCheck, ...]:
        return tuple(c for c in self.checks if not c.stated)

    @property
    def safe(self) -> bool:
        """True when removing the paragraph loses no fact."""
        return not self.missing and not self.conflicts

    def why_kept(self) -> str:
        """The reasons, for a kept paragraph's note."""
        parts = []
        if self.missing:
            parts.append("not stated there: " + ", ".join(c.describe() for c in self.missing))
        if self.conflicts:
            parts.append("says the opposite: " + ", ".join(self.conflicts))
        return "; ".join(parts)

    def missing_values(self) -> list[str]:
        return sorted({c.surface for c in self.missing})


def _families() -> dict[str, FactFamily]:
    from precis.summarize.facts_dates import DATES
    from precis.summarize.facts_entities import ENTITIES
    from precis.summarize.facts_numbers import NUMBERS
    from precis.summarize.facts_polarity import POLARITY

    return {f.name: f for f in (NUMBERS, DATES, ENTITIES, POLARITY)}


FAMILIES: dict[str, FactFamily] = _families()


def family(name: str) -> FactFamily:
    """The family called `name`; an unknown name lists the valid ones."""
    try:
        return FAMILIES[name]
    except KeyError:
        raise KeyError(f"unknown fact family {name!r}; valid: {sorted(FAMILIES)}") from None


def lexicon(texts: Iterable[str]) -> frozenset[str]:
    """Words written lowercase somewhere in the texts (folded): common words, not names."""
    return frozenset(fold_accents(w) for t in texts for w in words(t) if w.islower())


FACT_CACHE_SIZE = 1 << 14  # paragraph texts whose facts and statements are kept


@functools.lru_cache(maxsize=FACT_CACHE_SIZE)
def _facts(text: str, lex: frozenset[str]) -> tuple[Fact, ...]:
    found: list[Fact] = []
    for fam in FAMILIES.values():
        seen: set[str] = set()
        for fact in fam.facts(text, lex):
            if fact.value not in seen:
                seen.add(fact.value)
                found.append(fact)
    return tuple(found)


@functools.lru_cache(maxsize=FACT_CACHE_SIZE)
def _statements(text: str) -> dict[str, dict[str, str]]:
    return {name: fam.statements(text) for name, fam in FAMILIES.items()}


def facts(text: str, lex: frozenset[str] = frozenset()) -> tuple[Fact, ...]:
    """Every fact of `text`, family by family, each value once."""
    return _facts(text, lex)


def check(
    text: str, kept: Sequence[tuple[int, str]], lex: frozenset[str] = frozenset()
) -> FactReport:
    """Check each fact of `text` against the kept paragraphs (index, text) it matches."""
    checks = []
    for fact in _facts(text, lex):
        where: tuple[int | None, str] = (None, "")
        for index, other in kept:
            surface = _statements(other)[fact.kind].get(fact.value)
            if surface is not None:
                where = (index, surface)
                break
        fam = FAMILIES[fact.kind]
        applies = where[0] is not None or any(fam.relevant(fact, other) for _, other in kept)
        if not applies:
            where = (None, f"the kept text never speaks of « {fact.anchor} »")
        checks.append(FactCheck(fact.kind, fact.value, fact.surface, *where, applies=applies))
    conflicts = [
        f"{c} (paragraph {index + 1})"
        for index, other in kept
        for fam in FAMILIES.values()
        for c in fam.conflicts(text, other)
    ]
    return FactReport(tuple(checks), tuple(dict.fromkeys(conflicts)))
