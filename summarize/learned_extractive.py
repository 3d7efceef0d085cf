"""The learned extractive summary: score sentences, compress them, fit the budget exactly.

1. The sentence model scores every sentence of the cleaned article; the word model gives each
   word type of the article the probability `p(t)` that a reference abstract keeps it
   (`learned.py`).
2. The `POOL` best-scored selectable sentences are the candidates. With compression on, the
   `COMPRESS_POOL` best of them also come in their grammatical shorter versions
   (`compress.py`; only these few sentences are parsed), and every candidate also without an
   opening connective ("Mais la mairie refuse." -> "La mairie refuse.": `openings.py`).
3. With a word budget: the set of at most `MAX_UNITS` versions (one per sentence) within the
   budget of best value, `2 * expected matches / (its tokens + reference_tokens)` (the
   expected ROUGE-1 F1, repeated words counted as ROUGE counts them: `Prior.expected_matches`)
   plus `sentence_weight` times its
   token-weighted sentence score (`budget.best_subset`), less `ANTECEDENT_PENALTY` for each
   sentence that opens on a word pointing back ("Il", "Mais", "Ce dernier":
   `openings.needs_antecedent`) without the sentence before it. When no candidate fits, the
   best-scored sentence that fits; when no sentence fits at all, the best sentence's shortest
   version is cut at the budget, at a clause mark when possible, with an ellipsis and a note.
4. With `--sentences N`: the N best-scored sentences, whole, skipping near repeats.

The summary lists its sentences in document order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from precis.summarize.base import Chosen, Document, Length, MethodResult, Sentence
from precis.summarize.budget import Unit, best_subset, cut_words
from precis.summarize.learned import LearnedModel, load_model, sentence_features, tokenize
from precis.summarize.openings import dangling, drop_connective, needs_antecedent

POOL = 15  # candidate sentences, best-scored first (a short sentence that fits is often one)
COMPRESS_POOL = 6  # of which the best-scored are parsed for shorter versions
MAX_UNITS = 3  # sentences in a budgeted summary, at most
VERSIONS = 6  # versions of one sentence kept for the search (the most valuable per length)
REPEAT_OVERLAP = 0.6  # word-type Jaccard from which a sentence repeats one already picked
# Subtracted from a set's value (an expected ROUGE-1 F1 near 0.3) for each sentence that opens
# on "Il", "Mais", "Ce dernier" ... without the sentence before it. Chosen for reading, not
# tuned for ROUGE (which says 0), at the knee of the trade on valid 300-1299: summaries with
# such an opening 143 of 1,000 at 0 (R1 30.51), 74 at 0.01 (30.42), 57 at 0.015 (30.40),
# 44 at 0.02 (30.34); connectives dropped in all four
ANTECEDENT_PENALTY = 0.015


class LearnedExtractive:
    def __init__(
        self,
        *,
        compress: bool = True,
        sentence_weight: float | None = None,
        reference_tokens: float | None = None,
        antecedent_penalty: float | None = None,
    ) -> None:
        self.model: LearnedModel = load_model()
        tuned = self.model.card.get("settings", {})
        self.compress = compress
        self.sentence_weight = float(
            tuned["sentence_weight"] if sentence_weight is None else sentence_weight
        )
        self.reference_tokens = float(
            tuned["reference_tokens"] if reference_tokens is None else reference_tokens
        )
        self.antecedent_penalty = (
            ANTECEDENT_PENALTY if antecedent_penalty is None else float(antecedent_penalty)
        )

    def settings(self) -> dict[str, Any]:
        return {
            "scorer": "learned",
            "compress": self.compress,
            "sentence_weight": self.sentence_weight,
            "reference_tokens": self.reference_tokens,
            "antecedent_penalty": self.antecedent_penalty,
            "signature": self.model.signature,
        }

    def summarize(
        self,
        doc: Document,
        sentences: Sequence[Sentence],
        length: Length,
        candidates: list[Sentence],
    ) -> MethodResult:
        from precis.summarize.learned import word_features

        tokens = [tokenize(s.text) for s in sentences]
        rows = sentence_features(
            tokens,
            [s.words for s in sentences],
            [s.paragraph for s in sentences],
            self.model.prior,
            [s.text for s in sentences],
        )
        scores = self.model.sentence_scores(rows)
        ranked = sorted(candidates, key=lambda s: -scores[s.position])
        budget = length.max_words(doc.words)
        notes: list[str] = []
        if budget is None:
            units = self._top(ranked, tokens, scores, length.sentences or 1)
        else:
            types, wrows = word_features(tokens, scores, self.model.prior)
            prob = dict(zip(types, self.model.word_probabilities(wrows), strict=True))
            pool = self._pool(ranked[:POOL], tokens, scores, prob)
            units = best_subset(
                pool, budget, lambda us: self._value(us, prob, budget), max_units=MAX_UNITS
            )
            fitting = [s for s in ranked if s.words <= budget]
            if not units and fitting:  # none of the pool fits: the best sentence that does
                units = [self._unit(fitting[0], fitting[0].text, scores[fitting[0].position])]
            elif not units:
                units, note = self._cut(pool[0], budget)
                notes.append(note)
        chosen = tuple(
            Chosen(u.text, u.position, round(u.score, 4), sentences[u.position].paragraph)
            for u in units
        )
        details = self.settings()
        compressed = [
            {"position": u.position, "removed": list(u.removed)} for u in units if u.removed
        ]
        if compressed:
            details = {**details, "compressed": compressed}
        return MethodResult(
            " ".join(c.text for c in chosen), chosen, notes=tuple(notes), details=details
        )

    def _unit(self, s: Sentence, text: str, score: float, removed: tuple[str, ...] = ()) -> Unit:
        counts = tuple(Counter(tokenize(text).lower).items())
        back = needs_antecedent(text)
        return Unit(s.position, text, len(text.split()), counts, score, removed, back)

    def _top(
        self, ranked: list[Sentence], tokens: list[Any], scores: list[float], n: int
    ) -> list[Unit]:
        picked: list[Sentence] = []
        for s in ranked:
            types = tokens[s.position].types
            if all(_jaccard(types, tokens[p.position].types) < REPEAT_OVERLAP for p in picked):
                picked.append(s)
            if len(picked) == n:
                break
        units = [self._unit(s, s.text, scores[s.position]) for s in picked]
        return sorted(units, key=lambda u: u.position)

    def _pool(
        self, ranked: list[Sentence], tokens: list[Any], scores: list[float], prob: dict[str, float]
    ) -> list[list[Unit]]:
        versions: list[list[Unit]] = [[self._unit(s, s.text, scores[s.position])] for s in ranked]
        if self.compress and ranked:
            from precis.summarize.compress import compressions

            parsed = ranked[:COMPRESS_POOL]
            for unit_list, s, shorter in zip(
                versions[: len(parsed)], parsed, compressions(s.text for s in parsed), strict=True
            ):
                unit_list += [self._unit(s, c.text, scores[s.position], c.removed) for c in shorter]
            for unit_list, s in zip(versions, ranked, strict=True):  # "Mais la ..." -> "La ..."
                unit_list += [
                    self._unit(s, text, u.score, (*u.removed, "connective"))
                    for u in list(unit_list)
                    if (text := drop_connective(u.text)) is not None
                ]
        return [_frontier(v, prob)[:VERSIONS] for v in versions]

    def _value(self, units: Sequence[Unit], prob: dict[str, float], budget: int) -> float:
        counts: Counter[str] = Counter()
        for u in units:
            for word, n in u.counts:
                counts[word] += n
        length = sum(u.token_count for u in units) + self.reference_tokens
        expected = 2 * self.model.prior.expected_matches(counts, prob) / length
        relevance = sum(u.score * u.token_count for u in units) / length
        pointing = dangling((u.position, u.needs_antecedent) for u in units)
        return expected + self.sentence_weight * relevance - self.antecedent_penalty * pointing

    def _cut(self, versions: list[Unit], budget: int) -> tuple[list[Unit], str]:
        shortest = min(versions, key=lambda u: u.words)
        text, _ = cut_words(shortest.text, budget)
        unit = Unit(
            shortest.position,
            text,
            len(text.split()),
            tuple(Counter(tokenize(text).lower).items()),
            shortest.score,
            (*shortest.removed, "cut"),
        )
        note = (
            f"no sentence fits the {budget}-word budget: the best one "
            f"({shortest.words} words) is cut at {unit.words} words (marked …)"
        )
        return [unit], note


def _frontier(versions: list[Unit], prob: dict[str, float]) -> list[Unit]:
    """The versions worth searching: for each length, only those that carry more expected
    words than every shorter version (the whole sentence always first)."""
    ordered = sorted(versions[1:], key=lambda u: u.words)
    kept, best = [], -1.0
    for u in ordered:
        mass = sum(prob.get(t, 0.0) for t in u.tokens)
        if mass > best:
            kept.append(u)
            best = mass
    return [versions[0], *reversed(kept)]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (len(a | b) or 1)
