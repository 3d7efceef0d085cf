"""Extractive summaries with no model: TF-IDF centrality, a news position prior, MMR.

1. Every sentence of the cleaned article (headline included) becomes a TF-IDF vector over
   content terms (stemmed, accents folded; `terms.terms`), IDF from the article's sentences.
2. Centrality: cosine similarity to the article's centroid (`centroid`) or a TextRank score
   over the sentence similarity graph (`textrank`); min-max normalized.
3. Relevance = (1 - position_weight) * centrality + position_weight * prior, where the prior
   1 / (1 + position / POSITION_SCALE) favours the lead, as news writing does.
4. Redundancy control (MMR): with `--sentences N`, sentences are picked one by one by
   `mmr_lambda * relevance - (1 - mmr_lambda) * max cosine to the sentences already picked`.
   With a word budget, the most relevant sentence is always taken (a summary has at least one
   sentence), then the best set of up to `EXACT_EXTRA` more sentences among the
   `EXACT_POOL` next most relevant is searched exactly for
   `sum(relevance * words) / budget - (1 - mmr_lambda) * sum of pairwise cosines`
   (relevance per word, so that the budget is spent on relevant words), and MMR fills what is
   left. A sentence whose cosine to a picked one reaches `MAX_SIMILARITY` is a repeat and is
   never picked. The summary lists the sentences in document order.

Only complete, non-boilerplate sentences of at least `MIN_SENTENCE_WORDS` words are picked.

Cost: the cosine matrix grows with the square of the sentence count. An article of more than
`MAX_SCORED_SENTENCES` sentences (a news article has a few dozen; a multi-megabyte text has tens
of thousands, whose matrix would not fit in memory) is scored on its first
`MAX_SCORED_SENTENCES` sentences only, news putting the essential first; a note says so.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from itertools import combinations
from typing import Any, ClassVar

from precis.errors import UnknownNameError
from precis.summarize.base import (
    METHODS,
    Chosen,
    Document,
    Length,
    MethodResult,
    Sentence,
)
from precis.summarize.budget import cut_words
from precis.summarize.terms import terms

SCORER = "learned"
SCORERS = ("learned", "centroid", "textrank")
POSITION_WEIGHT = 0.5
POSITION_SCALE = 2.0
MMR_LAMBDA = 0.7
TEXTRANK_DAMPING = 0.85
TEXTRANK_ITERATIONS = 50
EXACT_POOL = 10
# A sentence this similar (TF-IDF cosine) to one already picked is a repeat: never picked.
MAX_SIMILARITY = 0.8
EXACT_EXTRA = 3
# Sentences scored at most (the first ones): keeps time and memory bounded on huge inputs.
MAX_SCORED_SENTENCES = 1000


@METHODS.register("extractive")
class Extractive:
    name: ClassVar[str] = "extractive"
    uses_model: ClassVar[bool] = False

    def __init__(
        self,
        *,
        scorer: str = SCORER,
        position_weight: float = POSITION_WEIGHT,
        position_scale: float = POSITION_SCALE,
        mmr_lambda: float = MMR_LAMBDA,
        compress: bool = True,
        sentence_weight: float | None = None,
        reference_tokens: float | None = None,
        antecedent_penalty: float | None = None,
    ) -> None:
        if scorer not in SCORERS:
            raise UnknownNameError("scorer", scorer, SCORERS)
        self.scorer = scorer
        self.compress = compress
        self.learned: Any = None
        if scorer == "learned":
            from precis.summarize.learned_extractive import LearnedExtractive

            self.learned = LearnedExtractive(
                compress=compress,
                sentence_weight=sentence_weight,
                reference_tokens=reference_tokens,
                antecedent_penalty=antecedent_penalty,
            )
        self.position_weight = position_weight
        self.position_scale = position_scale
        self.mmr_lambda = mmr_lambda

    def settings(self) -> dict[str, Any]:
        if self.learned is not None:
            return self.learned.settings()
        return {
            "scorer": self.scorer,
            "position_weight": self.position_weight,
            "position_scale": self.position_scale,
            "mmr_lambda": self.mmr_lambda,
        }

    def summarize(self, doc: Document, length: Length) -> MethodResult:
        notes: list[str] = []
        sentences = doc.sentences
        if len(sentences) > MAX_SCORED_SENTENCES:
            sentences = sentences[:MAX_SCORED_SENTENCES]  # positions stay 0..n-1: row indices
            notes.append(
                f"long input: {len(doc.sentences)} sentences; only the first "
                f"{MAX_SCORED_SENTENCES} were scored (the cost grows with the square of the "
                "count)"
            )
        candidates = [s for s in sentences if s.selectable]
        if not candidates and sentences:
            candidates = [s for s in sentences if s.boilerplate is None]
            notes.append("no complete sentence in the article: picked among incomplete ones")
        if not candidates:
            return MethodResult("", (), notes=tuple(notes), details=self.settings())
        if self.learned is not None:
            out = self.learned.summarize(doc, sentences, length, candidates)
            return dataclasses.replace(out, notes=(*notes, *out.notes))
        relevance, cosine = self._relevance(sentences)
        picked, scores, more = self._select(candidates, relevance, cosine, length, doc.words)
        notes.extend(more)
        order = sorted(range(len(picked)), key=lambda i: picked[i].position)
        chosen = tuple(
            Chosen(picked[i].text, picked[i].position, round(scores[i], 4), picked[i].paragraph)
            for i in order
        )
        return MethodResult(
            text=" ".join(c.text for c in chosen),
            sentences=chosen,
            notes=tuple(notes),
            details=self.settings(),
        )

    def _relevance(self, sentences: tuple[Sentence, ...]) -> tuple[Any, Any]:
        """Relevance of every sentence and the sentence-by-sentence cosine matrix."""
        import numpy as np

        bags = [Counter(terms(s.text)) for s in sentences]
        vocab = {t: i for i, t in enumerate(sorted({t for bag in bags for t in bag}))}
        n = len(sentences)
        matrix = np.zeros((n, max(1, len(vocab))))
        df = Counter(t for bag in bags for t in bag)
        for row, bag in enumerate(bags):
            for t, tf in bag.items():
                matrix[row, vocab[t]] = (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[t])) + 1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit = matrix / np.where(norms == 0, 1, norms)
        cosine = unit @ unit.T
        if self.scorer == "textrank":
            centrality = _textrank(cosine)
        else:
            centroid = unit.sum(axis=0)
            centroid /= np.linalg.norm(centroid) or 1.0
            centrality = unit @ centroid
        spread = centrality.max() - centrality.min()
        centrality = (centrality - centrality.min()) / spread if spread > 0 else centrality * 0
        positions = np.array([s.position for s in sentences], dtype=float)
        prior = 1.0 / (1.0 + positions / self.position_scale)
        relevance = (1 - self.position_weight) * centrality + self.position_weight * prior
        return relevance, cosine

    def _select(
        self,
        candidates: list[Sentence],
        relevance: Any,
        cosine: Any,
        length: Length,
        article_words: int,
    ) -> tuple[list[Sentence], list[float], list[str]]:
        budget = length.max_words(article_words)
        ranked = sorted(candidates, key=lambda s: -relevance[s.position])
        notes: list[str] = []
        if budget is None:
            picked = self._greedy([], ranked, relevance, cosine, None, length.sentences or 1)
        else:
            first = ranked[0]
            if first.words > budget:  # strict budget: the first choice alone, cut
                text, _ = cut_words(first.text, budget)
                notes.append(
                    f"the first choice alone is {first.words} words, over the {budget}-word "
                    "budget: cut (marked …)"
                )
                return (
                    [dataclasses.replace(first, text=text, words=len(text.split()))],
                    [float(relevance[first.position])],
                    notes,
                )
            picked = self._exact(first, ranked[1:], relevance, cosine, budget)
            picked = self._greedy(picked, ranked, relevance, cosine, budget, len(ranked))
        return picked, [float(relevance[s.position]) for s in picked], notes

    def _greedy(
        self,
        picked: list[Sentence],
        ranked: list[Sentence],
        relevance: Any,
        cosine: Any,
        budget: int | None,
        limit: int,
    ) -> list[Sentence]:
        """MMR: add the sentence of best relevance minus redundancy while the length allows.

        The highest cosine of each sentence to the picked ones is kept up to date pick by
        pick (linear per pick, not a scan of every picked sentence for every candidate)."""
        picked = list(picked)
        used = sum(s.words for s in picked)
        taken = {s.position for s in picked}
        pool = [s for s in ranked if s.position not in taken]
        closest = {s.position: _closest(s, picked, cosine) for s in pool}
        while pool and len(picked) < limit:
            fitting = [
                s
                for s in pool
                if (budget is None or used + s.words <= budget)
                and closest[s.position] < MAX_SIMILARITY
            ]
            if not fitting:
                break
            best = max(
                fitting,
                key=lambda s: (
                    self.mmr_lambda * relevance[s.position]
                    - (1 - self.mmr_lambda) * (closest[s.position] if picked else 0.0)
                ),
            )
            picked.append(best)
            used += best.words
            pool.remove(best)
            row = cosine[best.position]
            for s in pool:
                closest[s.position] = max(closest[s.position], row[s.position])
        return picked

    def _exact(
        self, first: Sentence, rest: list[Sentence], relevance: Any, cosine: Any, budget: int
    ) -> list[Sentence]:
        """The first choice plus the best-scoring set of up to EXACT_EXTRA sentences that fit."""
        room = budget - first.words
        pool = [s for s in rest if s.words <= room][:EXACT_POOL]
        redundancy = 1 - self.mmr_lambda

        def value(group: tuple[Sentence, ...]) -> float:
            gain = sum(relevance[s.position] * s.words for s in group) / budget
            pairs = combinations(group, 2)
            return float(gain - redundancy * sum(cosine[a.position, b.position] for a, b in pairs))

        best: tuple[Sentence, ...] = (first,)
        best_value = value(best)
        for size in range(1, EXACT_EXTRA + 1):
            for extra in combinations(pool, size):
                if sum(s.words for s in extra) > room or any(
                    _repeats(s, [first, *extra[:i]], cosine) for i, s in enumerate(extra)
                ):
                    continue
                group = (first, *extra)
                v = value(group)
                if v > best_value:
                    best, best_value = group, v
        return list(best)


def _closest(sentence: Sentence, picked: list[Sentence], cosine: Any) -> float:
    """The highest cosine of a sentence to the picked ones (-inf when none is picked)."""
    return max((cosine[sentence.position, p.position] for p in picked), default=-math.inf)


def _repeats(sentence: Sentence, picked: list[Sentence], cosine: Any) -> bool:
    return any(cosine[sentence.position, p.position] >= MAX_SIMILARITY for p in picked)


def _textrank(similarity: Any) -> Any:
    import numpy as np

    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    n = len(weights)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, weights / np.where(out == 0, 1, out), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(TEXTRANK_ITERATIONS):
        rank = (1 - TEXTRANK_DAMPING) / n + TEXTRANK_DAMPING * transition.T @ rank
    return rank
