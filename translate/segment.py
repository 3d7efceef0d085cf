"""Documents -> pieces to translate -> documents again, with the structure kept exactly.

A document is cut into sentences with the project's one French splitter
(`precis.text.sentences.sentence_spans`); everything between two sentences (spaces, line
breaks, blank lines between paragraphs) is kept verbatim and put back around the translations.
A sentence longer than the model's input limit is cut further on clause boundaries (`;` and `:`
first, then `,`, then spaces, then, for a single monstrous "word", characters), never
truncated: the pieces cover the sentence exactly, whitespace between them kept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from precis.text.sentences import sentence_spans

#: Where a too-long sentence may be cut, strongest boundary first (the cut is the whitespace).
CLAUSE_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)

TokenCounter = Callable[[list[str]], list[int]]


@dataclass(frozen=True)
class Segmented:
    """`literals[0] + T(pieces[0]) + literals[1] + ... + T(pieces[-1]) + literals[-1]`."""

    pieces: tuple[str, ...]
    literals: tuple[str, ...]  # len(pieces) + 1; whitespace and line breaks, verbatim

    def reassemble(self, translations: list[str]) -> str:
        if len(translations) != len(self.pieces):
            raise ValueError(f"{len(translations)} translations for {len(self.pieces)} pieces")
        out = [self.literals[0]]
        for text, literal in zip(translations, self.literals[1:], strict=True):
            out.append(_one_line(text))
            out.append(literal)
        return "".join(out)


def _one_line(text: str) -> str:
    """A translation may not add line breaks: they would change the document's structure."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text.strip()


def segment(
    text: str, *, max_tokens: int | None = None, count_tokens: TokenCounter | None = None
) -> Segmented:
    """Cut a document into pieces (sentences, or clauses of too-long sentences)."""
    spans = sentence_spans(text)
    sentences = [text[s.start : s.end] for s in spans]
    gaps = [text[: spans[0].start] if spans else text]
    gaps += [text[a.end : b.start] for a, b in itertools.pairwise(spans)]
    if spans:
        gaps.append(text[spans[-1].end :])
    if max_tokens is None or count_tokens is None or not sentences:
        return Segmented(tuple(sentences), tuple(gaps))
    lengths = count_tokens(sentences)
    pieces: list[str] = []
    literals: list[str] = [gaps[0]]
    for sentence, length, gap in zip(sentences, lengths, gaps[1:], strict=True):
        if length <= max_tokens:
            parts = [(sentence, "")]
        else:
            parts = split_long(sentence, max_tokens, count_tokens)
        for i, (piece, inner_gap) in enumerate(parts):
            pieces.append(piece)
            literals.append(gap if i == len(parts) - 1 else inner_gap)
    return Segmented(tuple(pieces), tuple(literals))


def split_long(sentence: str, max_tokens: int, count: TokenCounter) -> list[tuple[str, str]]:
    """Cut one sentence into (piece, whitespace after it) pairs, each piece within max_tokens.

    Joining `piece + whitespace` over the pairs gives back the sentence exactly.
    """
    return _split(sentence, max_tokens, count, level=0)


def _split(text: str, limit: int, count: TokenCounter, level: int) -> list[tuple[str, str]]:
    if level >= len(CLAUSE_BOUNDARIES):
        return _split_chars(text, limit, count)
    atoms = _cut(text, CLAUSE_BOUNDARIES[level])
    if len(atoms) == 1:
        return _split(text, limit, count, level + 1)
    overhead = count([""])[0]  # special tokens the tokenizer adds to every input
    sizes = [max(n - overhead, 0) for n in count([a for a, _ in atoms])]
    groups: list[list[tuple[str, str]]] = []
    group_size = 0
    for atom, size in zip(atoms, sizes, strict=True):
        if groups and group_size + size + overhead <= limit:
            groups[-1].append(atom)
            group_size += size
        else:
            groups.append([atom])
            group_size = size
    result: list[tuple[str, str]] = []
    for group in groups:
        piece = "".join(a + g for a, g in group[:-1]) + group[-1][0]
        tail = group[-1][1]
        if len(group) == 1 or count([piece])[0] > limit:
            if len(group) > 1:  # the sum estimate was off: cut this group atom by atom
                for text, gap in group:
                    result += _fit(text, gap, limit, count, level)
                continue
            result += _fit(piece, tail, limit, count, level)
        else:
            result.append((piece, tail))
    return result


def _fit(
    piece: str, tail: str, limit: int, count: TokenCounter, level: int
) -> list[tuple[str, str]]:
    if count([piece])[0] <= limit:
        return [(piece, tail)]
    inner = _split(piece, limit, count, level + 1)
    return [*inner[:-1], (inner[-1][0], tail)]


def _cut(text: str, boundary: re.Pattern[str]) -> list[tuple[str, str]]:
    atoms: list[tuple[str, str]] = []
    start = 0
    for m in boundary.finditer(text):
        if m.start() == 0 or m.end() == len(text):
            continue
        atoms.append((text[start : m.start()], m.group(0)))
        start = m.end()
    atoms.append((text[start:], ""))
    return atoms


def _split_chars(text: str, limit: int, count: TokenCounter) -> list[tuple[str, str]]:
    """Last resort for a single overlong token run: halve until every half fits."""
    if len(text) <= 1 or count([text])[0] <= limit:
        return [(text, "")]
    mid = len(text) // 2
    return _split_chars(text[:mid], limit, count) + _split_chars(text[mid:], limit, count)
