"""The shape of a fact and of a fact family (see facts.py, which lists the families)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Fact:
    """One fact of a text: its family, a normalized value that another text must state, and
    the words that carry it."""

    kind: str
    value: str
    surface: str
    anchor: str = ""  # the word a negation bears on ("" for other facts)


class FactFamily(Protocol):
    """A family of facts: what a text asserts, and what it states for other texts' facts."""

    name: str
    counted: bool  # a value stated twice must be stated twice by the kept text

    def facts(self, text: str, lexicon: frozenset[str]) -> list[Fact]:
        """The facts `text` asserts. `lexicon`: words seen lowercase in the article."""
        ...

    def statements(self, text: str) -> dict[str, str]:
        """value -> surface of everything `text` states (where others' facts are looked up)."""
        ...

    def paraphrase(self, fact: Fact, other: str) -> str | None:
        """How `other` states `fact` in other words than its `statements` (None: it does
        not)."""
        ...

    def conflicts(self, text: str, other: str) -> list[str]:
        """What `other` says that `text` contradicts (empty for most families)."""
        ...

    def relevant(self, fact: Fact, other: str) -> bool:
        """Whether `other` speaks of what `fact` is about (a negation of a word `other`
        never uses cannot contradict it: that new content is the coverage rules' concern)."""
        ...


class FamilyDefaults:
    """What most families answer: no paraphrase, no conflict, every fact relevant. A family
    overrides the ones it knows better (polarity: conflicts and relevance; quotes)."""

    def paraphrase(self, fact: Fact, other: str) -> str | None:
        return None

    def conflicts(self, text: str, other: str) -> list[str]:
        return []

    def relevant(self, fact: Fact, other: str) -> bool:
        return True


def fold_same_length(text: str) -> str:
    """Lowercase, accents folded, one character for one (offsets stay those of `text`):
    'Nié à Noël' -> 'nie a noel'; the typographic apostrophe becomes "'"."""
    out = []
    for ch in text:
        if ch == "’":
            out.append("'")
            continue
        folded = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in folded if not unicodedata.combining(c)) or " "
        out.append(base[0].lower() if len(base[0].lower()) == 1 else base[0])
    return "".join(out)
