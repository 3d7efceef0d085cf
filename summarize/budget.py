"""Strict word budgets: a summary of `--words N` never has more than N words.

- `cut_words`: the last resort when nothing else fits (the lead cut to a budget, or an
  extractive summary whose every candidate is too long): the first N words, ending at the last
  clause mark (comma, semicolon, colon, dash) when one leaves at least `MIN_CUT_SHARE` of the
  budget, and marked with an ellipsis so that a reader sees the cut.
- `best_subset`: the set of sentence versions (whole or compressed, one per sentence) of best
  value within the budget, searched exactly over a small pool (depth-first, pruned by the
  budget: with a 35-word budget and news sentences of 20-30 words, few sets fit).

Words are whitespace-separated (`paragraphs.word_count`), the unit of `--words`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ELLIPSIS = "…"
CLAUSE_MARKS = (",", ";", ":")
DASHES = ("–", "—")
MIN_CUT_SHARE = 0.6  # a clause-mark cut must keep at least this share of the budget
TRAILING_PUNCT = ",;:–—-([«\"'"


@dataclass(frozen=True)
class Unit:
    """One version of one sentence: the whole sentence or a compression of it."""

    position: int  # the sentence's position in the document
    text: str
    words: int
    counts: tuple[tuple[str, int], ...]  # each ROUGE word type (lower case) and its count
    score: float  # the sentence scorer's relevance
    removed: tuple[str, ...] = ()  # labels of the deleted syntactic units ("relative", ...)
    needs_antecedent: bool = False  # opens on "Il", "Mais", "Ce dernier" (openings.py)

    @functools.cached_property
    def tokens(self) -> frozenset[str]:
        """The ROUGE word types of the text."""
        return frozenset(word for word, _ in self.counts)

    @functools.cached_property
    def token_count(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def compressed(self) -> bool:
        return bool(self.removed)


def cut_words(text: str, budget: int) -> tuple[str, bool]:
    """The text within `budget` words, and whether it was cut (an ellipsis marks a cut)."""
    words = text.split()
    if len(words) <= budget:
        return text, False
    head = words[:budget]
    floor = max(1, int(MIN_CUT_SHARE * budget))
    for i in range(len(head) - 1, floor - 1, -1):
        if head[i].endswith(CLAUSE_MARKS) or (i + 1 < len(head) and head[i + 1] in DASHES):
            head = head[: i + 1]
            break
    last = head[-1].rstrip(TRAILING_PUNCT)
    head[-1] = (last or head[-1]) + ELLIPSIS
    return " ".join(head), True


def best_subset(
    pool: Sequence[Sequence[Unit]],
    budget: int,
    value: Callable[[Sequence[Unit]], float],
    *,
    max_units: int,
) -> list[Unit]:
    """The best-valued set of at most `max_units` units, one per sentence of `pool` (each
    entry: the versions of one sentence), whose words sum to at most `budget`; [] when no
    unit fits. The value is computed for every set that fits (the pool is small)."""
    best: list[Unit] = []
    best_value = float("-inf")
    chosen: list[Unit] = []

    def visit(start: int, room: int) -> None:
        nonlocal best, best_value
        if chosen:
            v = value(chosen)
            if v > best_value:
                best, best_value = list(chosen), v
        if len(chosen) == max_units:
            return
        for i in range(start, len(pool)):
            for unit in pool[i]:
                if unit.words <= room:
                    chosen.append(unit)
                    visit(i + 1, room - unit.words)
                    chosen.pop()

    visit(0, budget)
    return sorted(best, key=lambda u: u.position)
