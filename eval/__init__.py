"""Evaluation metrics and reports (installed as `precis.eval`).

    >>> from precis.eval import score, compare
    >>> s = score(hyps, refs, metrics=("bleu", "rouge"), lang="fr", confidence=True)
    >>> s.get("BLEU").value, s.get("ROUGE-L").ci, s.get("BLEU").signature
    >>> c = compare({"A": hyps_a, "B": hyps_b}, refs)   # paired bootstrap (+ AR for BLEU)

BLEU, chrF, chrF++ and TER through sacrebleu; ROUGE through rouge-score with precis' Unicode
French tokenizer (or rouge-score's own). Every Score has a sacrebleu-style signature. Light:
sacrebleu, rouge-score and numpy load only when something is scored.
"""

from precis.eval.base import (
    CONFIDENCE_LEVEL,
    DEFAULT_AR_TRIALS,
    DEFAULT_BOOTSTRAP_SAMPLES,
    DEFAULT_LANG,
    DEFAULT_SEED,
    LANGS,
    SIGNIFICANCE_LEVEL,
    Metric,
    Score,
)
from precis.eval.compare import Comparison, PairedResult, compare, compare_files
from precis.eval.docs import (
    Document,
    DocumentScores,
    read_documents,
    score_documents,
    score_folders,
)
from precis.eval.metrics import DEFAULT_METRICS, METRICS, parse_metrics
from precis.eval.sacre import BLEU_TOKENIZERS
from precis.eval.scoring import Scores, read_aligned, score, score_files
from precis.eval.tokenizers import DEFAULT_ROUGE_TOKENIZER, ROUGE_TOKENIZERS, UnicodeTokenizer

__all__ = [
    "BLEU_TOKENIZERS",
    "CONFIDENCE_LEVEL",
    "DEFAULT_AR_TRIALS",
    "DEFAULT_BOOTSTRAP_SAMPLES",
    "DEFAULT_LANG",
    "DEFAULT_METRICS",
    "DEFAULT_ROUGE_TOKENIZER",
    "DEFAULT_SEED",
    "LANGS",
    "METRICS",
    "ROUGE_TOKENIZERS",
    "SIGNIFICANCE_LEVEL",
    "Comparison",
    "Document",
    "DocumentScores",
    "Metric",
    "PairedResult",
    "Score",
    "Scores",
    "UnicodeTokenizer",
    "compare",
    "compare_files",
    "parse_metrics",
    "read_aligned",
    "read_documents",
    "score",
    "score_documents",
    "score_files",
    "score_folders",
]
