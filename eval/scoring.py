"""`score(hyps, refs)`: every requested metric, with signatures, intervals and segment scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from precis.errors import UnknownNameError
from precis.eval.base import (
    CONFIDENCE_LEVEL,
    DEFAULT_BOOTSTRAP_SAMPLES,
    DEFAULT_LANG,
    DEFAULT_SEED,
    Progress,
    Score,
    check_lang,
    normalize_refs,
    with_bootstrap,
)
from precis.eval.bootstrap import interval, resampled_values
from precis.eval.metrics import DEFAULT_METRICS, build_metrics, parse_metrics
from precis.eval.tokenizers import DEFAULT_ROUGE_TOKENIZER
from precis.io import DEFAULT_ENCODING, STDIN_NAME, check_same_length, read_lines


@dataclass(frozen=True)
class Scores:
    """The scores of one system on one set of references (plain data)."""

    scores: tuple[Score, ...]
    n_segments: int
    segments: dict[str, tuple[float, ...]] | None = None  # score name -> per-segment values
    confidence: dict[str, Any] | None = None  # {"level", "n_samples", "seed", "method"}
    options: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Score:
        for s in self.scores:
            if s.name == name:
                return s
        lowered = {s.name.lower(): s for s in self.scores}
        if name.lower() in lowered:
            return lowered[name.lower()]
        raise UnknownNameError("score", name, [s.name for s in self.scores])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scores)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": [s.to_dict() for s in self.scores],
            "n_segments": self.n_segments,
            "segments": ({k: list(v) for k, v in self.segments.items()} if self.segments else None),
            "confidence": self.confidence,
            "options": dict(self.options),
        }


def score(
    hyps: Sequence[str],
    refs: Sequence[str] | Sequence[Sequence[str]],
    *,
    metrics: str | Iterable[str] = DEFAULT_METRICS,
    lang: str = DEFAULT_LANG,
    confidence: bool = False,
    seed: int = DEFAULT_SEED,
    segments: bool = False,
    rouge_tokenizer: str = DEFAULT_ROUGE_TOKENIZER,
    stem: bool = False,
    bleu_tokenize: str | None = None,
    n_samples: int = DEFAULT_BOOTSTRAP_SAMPLES,
    progress: Progress | None = None,
) -> Scores:
    """Score line-aligned hypotheses against one or more reference streams.

    `refs` is one list of strings (one reference per line) or a list of streams (sacrebleu's
    layout). `lang` picks defaults: BLEU tokenizer 13a (en) or intl (fr), stemming language.
    `confidence` adds seeded 95% bootstrap intervals (`n_samples` resamples); `segments` adds
    per-segment values (sentence BLEU/chrF/TER, per-pair ROUGE F1).
    """
    streams = normalize_refs(hyps, refs)
    hyp_list = list(hyps)
    names = parse_metrics(metrics)
    check_lang(lang)
    built = build_metrics(
        names,
        lang=lang,
        bleu_tokenize=bleu_tokenize,
        rouge_tokenizer=rouge_tokenizer,
        stem=stem,
        progress=progress,
    )
    stats = []
    for i, metric in enumerate(built):
        if progress:
            progress(metric.key, i, len(built))
        stats.append(metric.segment_stats(hyp_list, streams))
    all_scores: list[Score] = []
    seg_values: dict[str, tuple[float, ...]] = {}
    for metric, st in zip(built, stats, strict=True):
        all_scores.extend(metric.scores(st))
        if segments:
            seg_values.update({k: tuple(v) for k, v in metric.segment_values(st).items()})
    conf: dict[str, Any] | None = None
    if confidence:
        all_scores = _with_intervals(all_scores, built, stats, n_samples, seed)
        conf = {
            "level": CONFIDENCE_LEVEL,
            "n_samples": n_samples,
            "seed": seed,
            "method": "bootstrap",
        }
    return Scores(
        scores=tuple(all_scores),
        n_segments=len(hyp_list),
        segments=seg_values if segments else None,
        confidence=conf,
        options={
            "metrics": list(names),
            "lang": lang,
            "n_references": len(streams),
            "rouge_tokenizer": rouge_tokenizer,
            "stem": stem,
            "bleu_tokenize": bleu_tokenize,
        },
    )


def _with_intervals(
    scores: list[Score], metrics: list[Any], stats: list[Any], n_samples: int, seed: int
) -> list[Score]:
    import dataclasses

    samples = resampled_values(metrics, stats, n_samples, seed)
    by_name: dict[str, Any] = {}
    for metric, values in zip(metrics, samples, strict=True):
        for k, name in enumerate(metric.names):
            by_name[name] = values[:, k]
    out = []
    for s in scores:
        column = by_name[s.name]
        details = {**s.details, "bootstrap_mean": float(column.mean())}
        out.append(
            dataclasses.replace(
                s,
                ci=interval(column),
                signature=with_bootstrap(s.signature, n_samples, seed),
                details=details,
            )
        )
    return out


def read_aligned(
    hyp: str | Path,
    refs: Sequence[str | Path],
    *,
    encoding: str = DEFAULT_ENCODING,
) -> tuple[list[str], list[list[str]]]:
    """Read a hypothesis file and reference files; mismatched line counts name every file."""
    hyp_lines = read_lines(hyp, encoding=encoding)
    streams = [read_lines(r, encoding=encoding) for r in refs]
    named = [(_label(hyp), hyp_lines)] + [
        (_label(r), s) for r, s in zip(refs, streams, strict=True)
    ]
    check_same_length(named)
    return hyp_lines, streams


def _label(path: str | Path) -> str:
    return "<stdin>" if str(path) == STDIN_NAME else str(path)


def score_files(
    hyp: str | Path,
    refs: Sequence[str | Path],
    *,
    encoding: str = DEFAULT_ENCODING,
    **options: Any,
) -> Scores:
    """`score` on line-aligned files (`-` = stdin), read with precis.io (BOM, CRLF, encoding)."""
    hyp_lines, streams = read_aligned(hyp, refs, encoding=encoding)
    return score(hyp_lines, streams, **options)
