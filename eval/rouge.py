"""ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum: rouge-score's numbers, French-aware tokenizer.

Each pair is scored exactly as `rouge_scorer.RougeScorer(types, tokenizer=...).score(ref, hyp)`
would score it (see eval/lcs.py for the faster, identical path), after both texts are put one
sentence per line by the project's French splitter (for ROUGE-Lsum). Several references: per
type, the one with the best F1 (rouge-score's `score_multi`). The corpus value is the MEAN of
per-pair F1 x100; rouge-score's BootstrapAggregator would report the median of bootstrap means.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any

from precis.eval.base import Progress, Score, check_lang, precis_signature
from precis.eval.lcs import ROUGE_TYPES, score_multi_tokenized, tokenize_for
from precis.eval.tokenizers import (
    DEFAULT_ROUGE_TOKENIZER,
    LSUM_LABEL,
    ROUGE_TOKENIZERS,
    lsum_text,
    make_tokenizer,
)

if TYPE_CHECKING:
    import numpy as np

ROUGE_NAMES = {
    "rouge1": "ROUGE-1",
    "rouge2": "ROUGE-2",
    "rougeL": "ROUGE-L",
    "rougeLsum": "ROUGE-Lsum",
}
POINT_ESTIMATE = (
    "mean of per-segment F1 x100 (rouge-score's BootstrapAggregator reports the median of "
    "bootstrap means instead)"
)
PROGRESS_EVERY = 500  # pairs between two progress callbacks
FIELDS = ("precision", "recall", "fmeasure")


#: What rouge-score imports at load but uses only to stem (Porter) or to split sentences
#: itself (precis splits with its own French splitter): importing NLTK costs ~0.5 s.
NLTK_MODULES = ("nltk", "nltk.stem", "nltk.stem.porter")


class _Deferred(types.ModuleType):
    """Stands in for an NLTK module while rouge-score loads; the real module is imported the
    first time one of its attributes is used (stemming with rouge-score's tokenizer)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def import_rouge_scorer() -> types.ModuleType:
    """`rouge_score.rouge_scorer`, loaded without importing NLTK until stemming needs it."""
    loaded = sys.modules.get("rouge_score.rouge_scorer")
    if loaded is not None:
        return loaded
    stubs = {name: _Deferred(name) for name in NLTK_MODULES if name not in sys.modules}
    if len(stubs) < len(NLTK_MODULES):  # NLTK is (partly) loaded already: nothing to save
        stubs = {}
    for name, stub in stubs.items():
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(stubs[parent], child, stub)
        sys.modules[name] = stub
    try:
        from rouge_score import rouge_scorer
    finally:  # the stand-ins leave sys.modules: a later `import nltk` gets the real one
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    return rouge_scorer


class RougeMetric:
    """The `rouge` family: four Scores, per-segment statistics P, R, F (0-1) per type."""

    key = "rouge"
    names = tuple(ROUGE_NAMES[t] for t in ROUGE_TYPES)
    higher_is_better = True

    def __init__(
        self,
        *,
        lang: str = "en",
        tokenizer: str = DEFAULT_ROUGE_TOKENIZER,
        stem: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.lang = check_lang(lang)
        import_rouge_scorer()  # before any `from rouge_score import ...`: NLTK stays unloaded
        self.spec = ROUGE_TOKENIZERS.get(tokenizer)
        self.stem = stem
        self.rouge_types = ROUGE_TYPES
        self.tokenizer = make_tokenizer(tokenizer, lang, stem)
        self.progress = progress
        self._ref_cache: tuple[Any, list[list[Any]]] | None = None

    def signature(self) -> str:
        return precis_signature(
            "rouge",
            f"tok:{self.spec.label}",
            "lc:yes",
            f"stem:{self.spec.stem_label(self.lang, self.stem)}",
            f"lsum:{LSUM_LABEL}",
            f"rouge-score:{metadata.version('rouge-score')}",
        )

    def _tokenize(self, text: str) -> Any:
        return tokenize_for(self.tokenizer, lsum_text(text), self.rouge_types)

    def _tokenized_refs(self, refs: list[list[str]]) -> list[list[Any]]:
        """Per segment, the tokenized references (cached: compare() reuses one refs list)."""
        if self._ref_cache is not None and self._ref_cache[0] is refs:
            return self._ref_cache[1]
        tokenized = [[self._tokenize(r) for r in seg] for seg in zip(*refs, strict=True)]
        self._ref_cache = (refs, tokenized)
        return tokenized

    def pair_scores(self, hyps: list[str], refs: list[list[str]]) -> list[dict[str, Any]]:
        """rouge-score Score tuples per segment: {rouge type: Score(precision, recall, F)}."""
        targets = self._tokenized_refs(refs)
        out: list[dict[str, Any]] = []
        total = len(hyps)
        for i, (hyp, seg_refs) in enumerate(zip(hyps, targets, strict=True)):
            out.append(score_multi_tokenized(seg_refs, self._tokenize(hyp), self.rouge_types))
            if self.progress and (i + 1) % PROGRESS_EVERY == 0:
                self.progress("ROUGE", i + 1, total)
        if self.progress:
            self.progress("ROUGE", total, total)
        return out

    def segment_stats(self, hyps: list[str], refs: list[list[str]]) -> np.ndarray:
        import numpy as np

        rows = [
            [getattr(pair[t], f) for t in self.rouge_types for f in FIELDS]
            for pair in self.pair_scores(hyps, refs)
        ]
        return np.asarray(rows, dtype=np.float64).reshape(len(hyps), 3 * len(self.rouge_types))

    def values_from_stats(self, total: np.ndarray, n: int) -> list[float]:
        return [100.0 * float(total[3 * k + 2]) / n for k in range(len(self.rouge_types))]

    def segment_values(self, stats: np.ndarray) -> dict[str, list[float]]:
        return {
            ROUGE_NAMES[t]: [100.0 * float(v) for v in stats[:, 3 * k + 2]]
            for k, t in enumerate(self.rouge_types)
        }

    def scores(self, stats: np.ndarray) -> list[Score]:
        n = stats.shape[0]
        means = stats.sum(axis=0) / n
        signature = self.signature()
        return [
            Score(
                name=ROUGE_NAMES[t],
                value=100.0 * float(means[3 * k + 2]),
                signature=signature,
                details={
                    "precision": 100.0 * float(means[3 * k]),
                    "recall": 100.0 * float(means[3 * k + 1]),
                    "point_estimate": POINT_ESTIMATE,
                    "rouge_type": t,
                    "n_segments": n,
                },
                metric=self.key,
                higher_is_better=True,
            )
            for k, t in enumerate(self.rouge_types)
        ]

    def corpus_score(self, hyps: list[str], refs: list[list[str]]) -> list[Score]:
        return self.scores(self.segment_stats(hyps, refs))

    def segment_scores(self, hyps: list[str], refs: list[list[str]]) -> dict[str, list[float]]:
        return self.segment_values(self.segment_stats(hyps, refs))


def reference_rouge(
    hyps: Sequence[str],
    refs: Sequence[str],
    *,
    lang: str = "en",
    tokenizer: str = DEFAULT_ROUGE_TOKENIZER,
    stem: bool = False,
) -> list[dict[str, Any]]:
    """The plain loop over `RougeScorer.score` that the fast path must equal (tests, bench)."""
    rouge_scorer = import_rouge_scorer()
    spec = ROUGE_TOKENIZERS.get(tokenizer)
    own = spec.build(lang, stem)
    scorer = rouge_scorer.RougeScorer(
        list(ROUGE_TYPES), use_stemmer=spec.use_stemmer(stem), tokenizer=own
    )
    return [scorer.score(lsum_text(r), lsum_text(h)) for h, r in zip(hyps, refs, strict=True)]
