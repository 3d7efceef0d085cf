"""Sentence-boundary scoring against a hand-labeled set (corpora/sentences/).

The labeled file has one sentence per line and a blank line between paragraphs ("#" lines are
comments). A paragraph's text is its sentences joined by one space; its gold boundaries are the
character offsets where its second, third, ... sentence starts. A splitter is any function
text -> list of sentences; its boundaries are recovered by finding each sentence in the text in
order, so splitters that strip or re-space their output are scored the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from precis.io import read_text

Splitter = Callable[[str], list[str]]
JOINER = " "  # between the sentences of a labeled paragraph
COMMENT = "#"
SEGMENTS_PER_PARAGRAPH = 8  # lines of a test set joined into one scored paragraph


@dataclass(frozen=True)
class LabeledParagraph:
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return JOINER.join(self.sentences)

    @property
    def boundaries(self) -> frozenset[int]:
        offsets: list[int] = []
        pos = 0
        for sentence in self.sentences[:-1]:
            pos += len(sentence) + len(JOINER)
            offsets.append(pos)
        return frozenset(offsets)


@dataclass(frozen=True)
class BoundaryScore:
    """Boundary precision / recall / F1 of one splitter on a labeled set."""

    splitter: str
    true_positives: int
    false_positives: int
    false_negatives: int
    missed: tuple[str, ...] = ()  # "...left | right..." contexts, for reading the errors
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_labeled(text: str) -> list[LabeledParagraph]:
    """Paragraphs of a labeled file's text (one sentence a line, blank line between paragraphs)."""
    paragraphs: list[LabeledParagraph] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.startswith(COMMENT):
            continue
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(LabeledParagraph(tuple(current)))
            current = []
    if current:
        paragraphs.append(LabeledParagraph(tuple(current)))
    return paragraphs


def load_labeled(path: str | Path) -> list[LabeledParagraph]:
    return parse_labeled(read_text(path))


_ENDS_SENTENCE = re.compile(r"[.!?…][\s»”\")]*$")


def paragraphs_from_segments(
    lines: Iterable[str], per_paragraph: int = SEGMENTS_PER_PARAGRAPH
) -> list[LabeledParagraph]:
    """Consecutive segments of a line-aligned test set (one sentence a line, in document order)
    as paragraphs whose boundaries are the line breaks. Only runs of lines ending on terminal
    punctuation are used (a headline has no boundary to find); a line holding two sentences
    counts against every splitter alike."""
    paragraphs: list[LabeledParagraph] = []
    run: list[str] = []
    for line in lines:
        line = line.strip()
        if line and _ENDS_SENTENCE.search(line):
            run.append(line)
            if len(run) == per_paragraph:
                paragraphs.append(LabeledParagraph(tuple(run)))
                run = []
            continue
        if len(run) > 1:
            paragraphs.append(LabeledParagraph(tuple(run)))
        run = []
    if len(run) > 1:
        paragraphs.append(LabeledParagraph(tuple(run)))
    return paragraphs


def predicted_boundaries(text: str, sentences: Iterable[str]) -> frozenset[int]:
    """Start offsets (after the first) of `sentences` located in order in `text`."""
    starts: list[int] = []
    pos = 0
    for sentence in sentences:
        piece = sentence.strip()
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:  # a splitter that rewrote its text: locate its first word instead
            head = piece.split()[0]
            found = text.find(head, pos)
            if found < 0:
                continue
        starts.append(found)
        pos = found + len(piece) if text.startswith(piece, found) else found + len(head)
    return frozenset(s for s in starts if s > 0)


def _context(text: str, offset: int, width: int = 30) -> str:
    return f"{text[max(0, offset - width) : offset].rstrip()} | {text[offset : offset + width]}"


def score_splitter(name: str, split: Splitter, paragraphs: list[LabeledParagraph]) -> BoundaryScore:
    tp = fp = fn = 0
    missed: list[str] = []
    spurious: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.text
        gold = paragraph.boundaries
        found = predicted_boundaries(text, split(text))
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        missed.extend(_context(text, o) for o in sorted(gold - found))
        spurious.extend(_context(text, o) for o in sorted(found - gold))
    return BoundaryScore(name, tp, fp, fn, tuple(missed), tuple(spurious))
