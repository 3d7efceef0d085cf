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
  condamné/acquitté, "placé en garde à vue"/"remis en liberté", ...);
- ``quote`` (facts_quotes.py): quotations, stated by a text that has most of their words.

Each checked fact is reported (`FactCheck`: its kind, value, surface, and the kept paragraph and
words that state it), so that the JSON of a removal shows why it was safe.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from precis.summarize.facts_base import Fact, FactFamily
from precis.summarize.facts_entities import name_key
from precis.summarize.terms import words
from precis.text.paragraphs import fold_accents


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
    count: int = 1  # how many times the checked paragraph states it

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
            "count": self.count,
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


def _families() -> dict[str, FactFamily]:
    from precis.summarize.facts_dates import DATES
    from precis.summarize.facts_entities import ENTITIES
    from precis.summarize.facts_numbers import NUMBERS
    from precis.summarize.facts_polarity import POLARITY
    from precis.summarize.facts_quotes import QUOTES

    return {f.name: f for f in (NUMBERS, DATES, ENTITIES, POLARITY, QUOTES)}


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
def _facts(text: str, lex: frozenset[str]) -> tuple[tuple[Fact, int], ...]:
    """Each fact value once, with how many times the text states it."""
    found: dict[tuple[str, str], list[Fact]] = {}
    for fam in FAMILIES.values():
        for fact in fam.facts(text, lex):
            found.setdefault((fact.kind, fact.value), []).append(fact)
    return tuple((group[0], len(group)) for group in found.values())


@functools.lru_cache(maxsize=FACT_CACHE_SIZE)
def _statements(text: str) -> dict[str, dict[str, str]]:
    return {name: fam.statements(text) for name, fam in FAMILIES.items()}


@functools.lru_cache(maxsize=FACT_CACHE_SIZE)
def _counts(text: str) -> dict[tuple[str, str], int]:
    """How many times `text` states each value (entities: each word's own occurrences)."""
    counts = {(f.kind, f.value): n for f, n in _facts(text, frozenset()) if f.kind != "entity"}
    for token in words(text):  # a name counts its own occurrences, not derived words
        key = ("entity", name_key(fold_accents(token.lower())))
        counts[key] = counts.get(key, 0) + 1
    return counts


def facts(text: str, lex: frozenset[str] = frozenset()) -> tuple[Fact, ...]:
    """Every fact of `text`, family by family, each value once."""
    return tuple(f for f, _ in _facts(text, lex))


def _check_one(
    fact: Fact, times: int, kept: Sequence[tuple[int, str]], count_all: bool
) -> FactCheck:
    """Where the kept paragraphs state `fact`; a counted family's fact stated `times` times
    must be stated as often ("deux ... deux" is not stated by "douze ... deux")."""
    fam = FAMILIES[fact.kind]
    counted = fam.counted or count_all
    need = times if counted else 1
    have, first = 0, None
    for index, other in kept:
        surface = _statements(other)[fact.kind].get(fact.value) or fam.paraphrase(fact, other)
        if surface is not None:
            first = first or (index, surface)
            have += _counts(other).get((fact.kind, fact.value), 0) if counted else 1
    if first is not None and have >= need:
        return FactCheck(fact.kind, fact.value, fact.surface, *first, count=times)
    if first is not None:
        where = f"stated {have} time(s) there, {need} here"
        return FactCheck(fact.kind, fact.value, fact.surface, None, where, count=times)
    if not any(fam.relevant(fact, other) for _, other in kept):
        where = f"the kept text never speaks of « {fact.anchor} »"
        return FactCheck(fact.kind, fact.value, fact.surface, None, where, False, times)
    return FactCheck(fact.kind, fact.value, fact.surface, None, count=times)


def check(
    text: str,
    kept: Sequence[tuple[int, str]],
    lex: frozenset[str] = frozenset(),
    *,
    count_all: bool = False,
    kinds: frozenset[str] | None = None,
) -> FactReport:
    """Check each fact of `text` against the kept paragraphs (index, text) it matches.

    `count_all`: every family counts its facts (for a copy of one paragraph: "Dubois ...
    Dubois" is not stated by "Attal ... Dubois"); otherwise names stated once suffice (a
    restatement may name twice whom its source names once). `kinds`: only these families
    (None: all)."""
    wanted = set(FAMILIES) if kinds is None else kinds
    checks = tuple(
        _check_one(fact, n, kept, count_all) for fact, n in _facts(text, lex) if fact.kind in wanted
    )
    conflicts = [
        f"{c} (paragraph {index + 1})"
        for index, other in kept
        for name, fam in FAMILIES.items()
        if name in wanted
        for c in fam.conflicts(text, other)
    ]
    return FactReport(checks, tuple(dict.fromkeys(conflicts)))
