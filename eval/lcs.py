"""rouge-score's ROUGE on pre-tokenized text, with a bit-parallel LCS: same numbers, faster.

rouge-score 0.1.2 fills a Python list-of-lists LCS table cell by cell for ROUGE-L and again for
every sentence pair of ROUGE-Lsum, and tokenizes each text twice. Here each text is tokenized
once for all four ROUGE types and the LCS table is computed a row at a time on Python integers
used as bit vectors (Allison & Dix 1986; Hyyrö 2004): row i is one integer whose zero bits
mark where the LCS length grows, so cell (i, j) is `j - popcount(row_i & (2**j - 1))`.

The scoring is rouge-score's own: `_score_ngrams`, `scoring.fmeasure`, `scoring.Score`,
`_find_union`. Re-written, each mirroring rouge-score 0.1.2 line for line and checked against it:
the LCS table (bit rows; every cell equal), the backtrack that picks one LCS among equals (same
walk, same tie-break), `_create_ngrams` (same Counter, built in C) and the summary-level loop
of `_summary_level_lcs`. Tests check P, R and F are equal (==) to RougeScorer.score on random
token sequences built to have many ties, and on French news.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from typing import Any

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
Tokens = Sequence[str]


def column_masks(can: Tokens) -> dict[str, int]:
    """For each token of can, the bit set of the columns where it occurs."""
    masks: dict[str, int] = {}
    for j, token in enumerate(can):
        masks[token] = masks.get(token, 0) | (1 << j)
    return masks


def lcs_rows(ref: Tokens, can: Tokens, masks: dict[str, int] | None = None) -> list[int]:
    """Bit-vector rows 0..len(ref) of the LCS table of ref (rows) and can (columns)."""
    if masks is None:
        masks = column_masks(can)
    full = (1 << len(can)) - 1
    row = full
    rows = [row]
    for token in ref:
        match = row & masks.get(token, 0)
        row = ((row + match) | (row - match)) & full
        rows.append(row)
    return rows


def lcs_length(ref: Tokens, can: Tokens) -> int:
    """Length of a longest common subsequence (the last cell of rouge-score's table)."""
    if not ref or not can:
        return 0
    masks = column_masks(can)
    full = (1 << len(can)) - 1
    row = full
    for token in ref:
        match = row & masks.get(token, 0)
        row = ((row + match) | (row - match)) & full
    return len(can) - row.bit_count()


def lcs_ind(ref: Tokens, can: Tokens, masks: dict[str, int] | None = None) -> list[int]:
    """Indices into ref of the LCS rouge-score picks: its `_backtrack_norec`, on our rows.

    Same walk, same tie-break (`t[i][j-1] > t[i-1][j]` moves left, else up), with the cells
    read from the bit rows instead of a list-of-lists table.
    """
    rows = lcs_rows(ref, can, masks)
    i, j = len(ref), len(can)
    lcs: list[int] = []
    while i > 0 and j > 0:
        if ref[i - 1] == can[j - 1]:
            lcs.append(i - 1)
            i -= 1
            j -= 1
        else:
            mask = (1 << (j - 1)) - 1
            left = (j - 1) - (rows[i] & mask).bit_count()  # t[i][j - 1]
            mask = (mask << 1) | 1
            up = j - (rows[i - 1] & mask).bit_count()  # t[i - 1][j]
            if left > up:
                j -= 1
            else:
                i -= 1
    lcs.reverse()
    return lcs


def table_cell(rows: list[int], i: int, j: int) -> int:
    """Cell (i, j) of rouge-score's `_lcs_table`, read from the bit rows."""
    return j - (rows[i] & ((1 << j) - 1)).bit_count()


def create_ngrams(tokens: Tokens, n: int) -> collections.Counter[tuple[str, ...]]:
    """rouge-score's `_create_ngrams` (same Counter of n-gram tuples), built in C."""
    return collections.Counter(zip(*(tokens[k:] for k in range(n)), strict=False))


def score_lcs(target: Tokens, prediction: Tokens) -> Any:
    """rouge-score's `_score_lcs` (ROUGE-L)."""
    from rouge_score import scoring

    if not target or not prediction:
        return scoring.Score(precision=0, recall=0, fmeasure=0)
    length = lcs_length(target, prediction)
    precision = length / len(prediction)
    recall = length / len(target)
    return scoring.Score(
        precision=precision, recall=recall, fmeasure=scoring.fmeasure(precision, recall)
    )


def summary_level_lcs(ref_sents: Sequence[Tokens], can_sents: Sequence[Tokens]) -> Any:
    """rouge-score's `_summary_level_lcs` (ROUGE-Lsum), line for line, with our lcs_ind."""
    from rouge_score import rouge_scorer, scoring

    if not ref_sents or not can_sents:
        return scoring.Score(precision=0, recall=0, fmeasure=0)
    m = sum(map(len, ref_sents))
    n = sum(map(len, can_sents))
    if not n or not m:
        return scoring.Score(precision=0, recall=0, fmeasure=0)
    token_cnts_r: collections.Counter[str] = collections.Counter()
    token_cnts_c: collections.Counter[str] = collections.Counter()
    for s in ref_sents:
        token_cnts_r.update(s)
    for s in can_sents:
        token_cnts_c.update(s)
    hits = 0
    can_masks = [column_masks(c) for c in can_sents]  # once per candidate sentence
    for r in ref_sents:
        # no common token -> rouge-score's backtrack returns [] (it only takes equal tokens)
        lcs_list = [
            lcs_ind(r, c, masks) if not masks.keys().isdisjoint(r) else []
            for c, masks in zip(can_sents, can_masks, strict=True)
        ]
        union = [r[i] for i in rouge_scorer._find_union(lcs_list)]
        for t in union:
            if token_cnts_c[t] > 0 and token_cnts_r[t] > 0:
                hits += 1
                token_cnts_c[t] -= 1
                token_cnts_r[t] -= 1
    recall = hits / m
    precision = hits / n
    return scoring.Score(
        precision=precision, recall=recall, fmeasure=scoring.fmeasure(precision, recall)
    )


class Tokenized:
    """A text tokenized once: whole-text tokens and, for Lsum, tokens of each line."""

    __slots__ = ("sentences", "tokens")

    def __init__(self, tokenizer: Any, text: str, *, need_tokens: bool, need_sents: bool) -> None:
        self.tokens: list[str] = tokenizer.tokenize(text) if need_tokens else []
        # rouge-score: sentences are the non-empty lines (split_summaries=False)
        self.sentences: list[list[str]] = (
            [tokenizer.tokenize(s) for s in text.split("\n") if len(s)] if need_sents else []
        )


def tokenize_for(tokenizer: Any, text: str, rouge_types: Sequence[str]) -> Tokenized:
    only_lsum = len(rouge_types) == 1 and rouge_types[0] == "rougeLsum"
    return Tokenized(
        tokenizer, text, need_tokens=not only_lsum, need_sents="rougeLsum" in rouge_types
    )


def score_tokenized(
    target: Tokenized, prediction: Tokenized, rouge_types: Sequence[str]
) -> dict[str, Any]:
    """What `RougeScorer(rouge_types).score(target, prediction)` returns, from tokens."""
    from rouge_score import rouge_scorer

    result: dict[str, Any] = {}
    for rouge_type in rouge_types:
        if rouge_type == "rougeL":
            result[rouge_type] = score_lcs(target.tokens, prediction.tokens)
        elif rouge_type == "rougeLsum":
            result[rouge_type] = summary_level_lcs(target.sentences, prediction.sentences)
        elif rouge_type in ("rouge1", "rouge2"):
            n = int(rouge_type[5:])
            result[rouge_type] = rouge_scorer._score_ngrams(
                create_ngrams(target.tokens, n), create_ngrams(prediction.tokens, n)
            )
        else:
            raise ValueError(f"unsupported rouge type {rouge_type!r}")
    return result


def score_multi_tokenized(
    targets: Sequence[Tokenized], prediction: Tokenized, rouge_types: Sequence[str]
) -> dict[str, Any]:
    """rouge-score's `score_multi`: per type, the reference with the highest F (first on ties)."""
    per_ref = [score_tokenized(t, prediction, rouge_types) for t in targets]
    best: dict[str, Any] = {}
    for rouge_type in rouge_types:
        values = [s[rouge_type].fmeasure for s in per_ref]
        best[rouge_type] = per_ref[values.index(max(values))][rouge_type]
    return best
