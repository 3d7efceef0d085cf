"""BLEU, chrF, chrF++ and TER through sacrebleu's Python API, its signatures kept.

The corpus value is exactly what `sacrebleu.metrics.X(...).corpus_score(hyps, refs)` returns:
the same sufficient statistics (`_extract_corpus_statistics`, which sacrebleu's own bootstrap
and paired tests use) summed and turned into a score by the metric itself. Segment scores are
sacrebleu's sentence-level scores (BLEU with effective order, as sacrebleu recommends).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from precis.errors import InputError
from precis.eval.base import Score, check_lang, precis_signature
from precis.registry import Registry

if TYPE_CHECKING:
    import numpy as np

# Tokenizers offered for BLEU: sacrebleu's that work offline (spm/flores ones download a model).
BLEU_TOKENIZERS: Registry[str] = Registry("BLEU tokenizer")
for _name, _what in (
    ("13a", "mteval-v13a, sacrebleu's default (English targets)"),
    ("intl", "mteval-v14 international: Unicode punctuation and symbols (French targets)"),
    ("none", "no tokenization"),
    ("char", "characters"),
    ("zh", "Chinese"),
):
    BLEU_TOKENIZERS.add(_name, _what)
DEFAULT_BLEU_TOKENIZE = {"en": "13a", "fr": "intl"}
CHRF_PLUS_WORD_ORDER = 2  # chrF++ = chrF with word bigrams (sacrebleu's -cw 2)
# sacrebleu's TER searches shifts with a cost that grows steeply with segment length: measured
# on unrelated newstest2013 French text, one segment pair takes 3.7 s at 250 words, 23 s at
# 1000, 87 s at 2000 and 285 s at 4000 (a 100k-character line: hours). Longer lines are refused.
MAX_TER_WORDS = 1000


class SacreMetric:
    """One sacrebleu metric behind the precis Metric protocol."""

    higher_is_better = True

    def __init__(self, key: str, factory: Callable[[], Any], *, higher_is_better: bool) -> None:
        self.key = key
        self._factory = factory
        self.higher_is_better = higher_is_better
        self.metric = factory()  # corpus statistics and corpus scores
        self.sentence_metric = factory()  # segment scores (BLEU: effective order)
        if key == "bleu":
            self.sentence_metric.effective_order = True
        self.names: tuple[str, ...] = (self._score_name(),)

    def _score_name(self) -> str:
        if self.key in ("bleu", "ter"):
            return self.key.upper()
        return f"chrF{self.metric.beta}" + "+" * self.metric.word_order  # sacrebleu's naming

    def _n_stats(self) -> int:
        if self.key == "bleu":
            return 2 + 2 * self.metric.max_ngram_order
        if self.key == "ter":
            return 2
        return 3 * (self.metric.char_order + self.metric.word_order)

    def segment_stats(self, hyps: list[str], refs: list[list[str]]) -> np.ndarray:
        import numpy as np

        self.metric._check_corpus_score_args(hyps, refs)
        if self.key == "ter":
            check_ter_lengths(hyps, refs)
        stats = self.metric._extract_corpus_statistics(hyps, refs)
        return np.asarray(stats, dtype=np.float64).reshape(len(hyps), self._n_stats())

    def _from_stats(self, total: Any) -> Any:
        return self.metric._compute_score_from_stats(list(total))

    def values_from_stats(self, total: np.ndarray, n: int) -> list[float]:
        return [float(self._from_stats(total).score)]

    def segment_values(self, stats: np.ndarray) -> dict[str, list[float]]:
        compute = self.sentence_metric._compute_score_from_stats
        return {self.names[0]: [float(compute(list(row)).score) for row in stats]}

    def signature(self) -> str:
        return precis_signature(self.key, self.metric.get_signature().format())

    def scores(self, stats: np.ndarray) -> list[Score]:
        result = self._from_stats(stats.sum(axis=0))
        return [
            Score(
                name=result.name,
                value=float(result.score),
                signature=self.signature(),
                details={**_details(self.key, result), "n_segments": int(stats.shape[0])},
                metric=self.key,
                higher_is_better=self.higher_is_better,
            )
        ]

    def corpus_score(self, hyps: list[str], refs: list[list[str]]) -> list[Score]:
        return self.scores(self.segment_stats(hyps, refs))

    def segment_scores(self, hyps: list[str], refs: list[list[str]]) -> dict[str, list[float]]:
        return self.segment_values(self.segment_stats(hyps, refs))


def check_ter_lengths(hyps: list[str], refs: list[list[str]]) -> None:
    """Refuse segments too long for TER's shift search (InputError naming the line)."""
    for i, hyp in enumerate(hyps):
        longest = max([len(hyp.split()), *(len(stream[i].split()) for stream in refs)])
        if longest > MAX_TER_WORDS:
            raise InputError(
                f"TER: line {i + 1} has {longest} words; sacrebleu's TER takes minutes to hours "
                f"on lines over {MAX_TER_WORDS} words (its shift search); put one sentence per "
                "line, or leave TER out (e.g. --metric bleu,chrf,rouge)"
            )


def _details(key: str, result: Any) -> dict[str, Any]:
    if key == "bleu":
        return {
            "precisions": [float(p) for p in result.precisions],
            "bp": float(result.bp),
            "sys_len": int(result.sys_len),
            "ref_len": int(result.ref_len),
            "ratio": float(result.sys_len / result.ref_len) if result.ref_len else 0.0,
            "verbose": result._verbose,
        }
    if key == "ter":
        return {"num_edits": float(result.num_edits), "ref_length": float(result.ref_length)}
    return {"char_order": result.char_order, "word_order": result.word_order, "beta": result.beta}


def bleu(*, lang: str = "en", bleu_tokenize: str | None = None, **_: Any) -> SacreMetric:
    from sacrebleu.metrics import BLEU

    tokenize = bleu_tokenize or DEFAULT_BLEU_TOKENIZE[check_lang(lang)]
    BLEU_TOKENIZERS.get(tokenize)  # unknown name -> UnknownNameError listing the valid ones
    return SacreMetric("bleu", lambda: BLEU(tokenize=tokenize), higher_is_better=True)


def chrf(**_: Any) -> SacreMetric:
    from sacrebleu.metrics import CHRF

    return SacreMetric("chrf", CHRF, higher_is_better=True)


def chrf_plus(**_: Any) -> SacreMetric:
    from sacrebleu.metrics import CHRF

    return SacreMetric(
        "chrf++", lambda: CHRF(word_order=CHRF_PLUS_WORD_ORDER), higher_is_better=True
    )


def ter(**_: Any) -> SacreMetric:
    from sacrebleu.metrics import TER

    return SacreMetric("ter", TER, higher_is_better=False)
