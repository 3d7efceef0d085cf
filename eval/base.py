"""What every metric shares: the Score record, the Metric protocol, signatures, defaults.

A metric works on per-segment sufficient statistics (sacrebleu's n-gram counts for BLEU,
per-pair precision/recall/F1 for ROUGE): one row per segment, summed to get a corpus score.
Bootstrap intervals and paired tests resample those rows, so every metric gets them the same
way. Light imports only: this module is imported by the CLI for its --help texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from precis._version import __version__
from precis.errors import InputError, MismatchError, UnknownNameError

if TYPE_CHECKING:
    import numpy as np

DEFAULT_SEED = 12345  # sacrebleu's own default (SACREBLEU_SEED), so CIs line up with its own
DEFAULT_BOOTSTRAP_SAMPLES = 1000  # sacrebleu's default for paired bootstrap and CIs
DEFAULT_AR_TRIALS = 10000  # sacrebleu's default for approximate randomization
CONFIDENCE_LEVEL = 0.95
SIGNIFICANCE_LEVEL = 0.05
DEFAULT_LANG = "en"
LANGS = ("en", "fr")
SCORE_DIGITS = 2  # rounding used by the text, CSV and Markdown reports (JSON keeps all digits)

# A progress callback: (stage, done, total).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Score:
    """One number on a 0-100 scale with the signature that makes it reproducible."""

    name: str  # "BLEU", "chrF2", "chrF2++", "TER", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"
    value: float
    signature: str
    ci: tuple[float, float] | None = None
    details: dict[str, Any] = field(default_factory=dict)
    metric: str = ""  # the registry name of the family: bleu, chrf, chrf++, ter, rouge
    higher_is_better: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metric": self.metric,
            "value": self.value,
            "ci": list(self.ci) if self.ci is not None else None,
            "signature": self.signature,
            "higher_is_better": self.higher_is_better,
            "details": dict(self.details),
        }


class Metric(Protocol):
    """A metric family. `refs` is one list per reference stream, like sacrebleu."""

    key: str  # registry name
    names: tuple[str, ...]  # the Score names it produces, in order
    higher_is_better: bool

    def segment_stats(self, hyps: list[str], refs: list[list[str]]) -> np.ndarray:
        """Sufficient statistics, one row per segment; summing rows gives the corpus's."""
        ...

    def values_from_stats(self, total: np.ndarray, n: int) -> list[float]:
        """Corpus values (one per name, 0-100) from summed statistics of n segments."""
        ...

    def segment_values(self, stats: np.ndarray) -> dict[str, list[float]]:
        """Per-segment values (one list per name) from per-segment statistics."""
        ...

    def scores(self, stats: np.ndarray) -> list[Score]:
        """Corpus Scores (without intervals) from per-segment statistics."""
        ...

    def signature(self) -> str:
        """Reproducibility signature, valid after segment_stats has run."""
        ...

    def corpus_score(self, hyps: list[str], refs: list[list[str]]) -> list[Score]: ...

    def segment_scores(self, hyps: list[str], refs: list[list[str]]) -> dict[str, list[float]]: ...


def precis_signature(*parts: str) -> str:
    """Join signature parts and append `precis:<version>`, sacrebleu style."""
    return "|".join([*(p for p in parts if p), f"precis:{__version__}"])


def with_bootstrap(signature: str, n_samples: int, seed: int) -> str:
    """Insert sacrebleu's bootstrap keys (bs, rs) before the trailing precis key."""
    head, _, tail = signature.rpartition("|precis:")
    if not head:
        return f"{signature}|bs:{n_samples}|rs:{seed}"
    return f"{head}|bs:{n_samples}|rs:{seed}|precis:{tail}"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UnknownNameError("language", lang, list(LANGS))
    return lang


def normalize_refs(
    hyps: Sequence[str], refs: Sequence[str] | Sequence[Sequence[str]]
) -> list[list[str]]:
    """One list per reference stream; every stream as long as hyps (else MismatchError)."""
    if not hyps:
        raise InputError("nothing to score: the hypotheses are empty (0 segments)")
    if not refs:
        raise InputError("nothing to score against: no references")
    streams: list[list[str]]
    if all(isinstance(r, str) for r in refs):
        streams = [list(refs)]  # type: ignore[arg-type]
    elif all(not isinstance(r, str) for r in refs):
        streams = [list(stream) for stream in refs]
    else:
        raise InputError("references must be all strings (one stream) or all lists (streams)")
    for stream in streams:
        if any(not isinstance(line, str) for line in stream):
            raise InputError("references must be strings")
    if any(not isinstance(h, str) for h in hyps):
        raise InputError("hypotheses must be strings")
    counts = [len(hyps), *(len(s) for s in streams)]
    if len(set(counts)) > 1:
        detail = ", ".join(
            [f"hypotheses: {len(hyps)} lines"]
            + [f"reference {i + 1}: {len(s)} lines" for i, s in enumerate(streams)]
        )
        raise MismatchError(f"line counts differ ({detail}); line-aligned inputs must match")
    return streams
