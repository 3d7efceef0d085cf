"""`compare(systems, refs)`: is system B better than baseline A, and is it significant?

Paired bootstrap resampling for every metric, ROUGE included (every system is resampled on the
same segment indices; sacrebleu's scheme and p-value, see eval/bootstrap.py), plus sacrebleu's
approximate randomization test for BLEU. The first system is the baseline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import InputError
from precis.eval.base import (
    DEFAULT_AR_TRIALS,
    DEFAULT_BOOTSTRAP_SAMPLES,
    DEFAULT_LANG,
    DEFAULT_SEED,
    SIGNIFICANCE_LEVEL,
    Progress,
    Score,
    check_lang,
    normalize_refs,
    with_bootstrap,
)
from precis.eval.bootstrap import interval, paired_p_value, resampled_values
from precis.eval.metrics import DEFAULT_METRICS, build_metrics, parse_metrics
from precis.eval.tokenizers import DEFAULT_ROUGE_TOKENIZER
from precis.io import DEFAULT_ENCODING, STDIN_NAME, check_same_length, read_lines

# Under this many segments paired tests have little power: `precis compare` warns, and labels
# each p-value (a bootstrap over a handful of segments says little).
MIN_SEGMENTS_FOR_POWER = 30


@dataclass(frozen=True)
class PairedResult:
    """One system against the baseline on one score."""

    system: str
    baseline: str
    metric: str  # the Score name: BLEU, chrF2, TER, ROUGE-1, ...
    value: float
    baseline_value: float
    delta: float  # value - baseline_value
    p_value: float  # paired bootstrap resampling
    p_value_ar: float | None  # approximate randomization (BLEU, through sacrebleu)
    significant: bool  # p_value < alpha
    better: str | None  # the system with the better score; None when equal
    higher_is_better: bool

    def verdict(self) -> str:
        """E.g. 'B vs A on BLEU: +1.20 -> B is better, significant (p = 0.0040)'."""
        head = f"{self.system} vs {self.baseline} on {self.metric}: {self.delta:+.2f}"
        if not self.higher_is_better:
            head += " (lower is better)"
        if self.better is None:
            return f"{head} -> tie"
        sig = "significant" if self.significant else "not significant"
        ar = f", AR p = {self.p_value_ar:.4f}" if self.p_value_ar is not None else ""
        return f"{head} -> {self.better} is better, {sig} (p = {self.p_value:.4f}{ar})"

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "verdict": self.verdict()}


@dataclass(frozen=True)
class Comparison:
    baseline: str
    systems: tuple[str, ...]  # every system, baseline first
    scores: dict[str, tuple[Score, ...]]  # per system, intervals from the shared resamples
    results: tuple[PairedResult, ...]
    n_segments: int
    n_samples: int
    seed: int
    alpha: float
    ar_trials: int | None

    @property
    def low_power(self) -> bool:
        """True on few segments: the tests can rarely tell systems apart (p-values unreliable)."""
        return self.n_segments < MIN_SEGMENTS_FOR_POWER

    def result(self, system: str, metric: str) -> PairedResult:
        for r in self.results:
            if r.system == system and r.metric == metric:
                return r
        raise KeyError((system, metric))

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "systems": list(self.systems),
            "scores": {k: [s.to_dict() for s in v] for k, v in self.scores.items()},
            "results": [r.to_dict() for r in self.results],
            "n_segments": self.n_segments,
            "n_samples": self.n_samples,
            "seed": self.seed,
            "alpha": self.alpha,
            "ar_trials": self.ar_trials,
            "low_power": self.low_power,
            "test": "paired bootstrap resampling (sacrebleu's scheme); AR for BLEU",
        }


def compare(
    systems: Mapping[str, Sequence[str]],
    refs: Sequence[str] | Sequence[Sequence[str]],
    *,
    metrics: str | Iterable[str] = DEFAULT_METRICS,
    lang: str = DEFAULT_LANG,
    seed: int = DEFAULT_SEED,
    n_samples: int = DEFAULT_BOOTSTRAP_SAMPLES,
    ar_trials: int = DEFAULT_AR_TRIALS,
    alpha: float = SIGNIFICANCE_LEVEL,
    rouge_tokenizer: str = DEFAULT_ROUGE_TOKENIZER,
    stem: bool = False,
    bleu_tokenize: str | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare systems (name -> lines; the first is the baseline) on the same references.

    `ar_trials=0` skips the approximate randomization test for BLEU.
    """
    names = list(systems)
    if len(names) < 2:
        raise InputError(f"compare needs at least two systems, got {len(names)}")
    streams = normalize_refs(systems[names[0]], refs)
    for name in names[1:]:
        normalize_refs(systems[name], streams)
    check_lang(lang)
    built = build_metrics(
        parse_metrics(metrics),
        lang=lang,
        bleu_tokenize=bleu_tokenize,
        rouge_tokenizer=rouge_tokenizer,
        stem=stem,
    )
    stats: dict[str, list[Any]] = {}
    samples: dict[str, list[Any]] = {}
    scores: dict[str, tuple[Score, ...]] = {}
    for i, name in enumerate(names):
        if progress:
            progress(name, i, len(names))
        hyps = list(systems[name])
        stats[name] = [m.segment_stats(hyps, streams) for m in built]
        samples[name] = resampled_values(built, stats[name], n_samples, seed)
        scores[name] = tuple(_system_scores(built, stats[name], samples[name], n_samples, seed))
    if progress:
        progress("", len(names), len(names))
    baseline = names[0]
    results = _paired_results(
        built, names, systems, streams, scores, samples, ar_trials=ar_trials, seed=seed,
        alpha=alpha,
    )
    return Comparison(
        baseline=baseline,
        systems=tuple(names),
        scores=scores,
        results=tuple(results),
        n_segments=len(streams[0]),
        n_samples=n_samples,
        seed=seed,
        alpha=alpha,
        ar_trials=ar_trials if ar_trials > 0 and any(m.key == "bleu" for m in built) else None,
    )


def _paired_results(
    built: list[Any],
    names: list[str],
    systems: Mapping[str, Sequence[str]],
    streams: list[list[str]],
    scores: dict[str, tuple[Score, ...]],
    samples: dict[str, list[Any]],
    *,
    ar_trials: int,
    seed: int,
    alpha: float,
) -> list[PairedResult]:
    """Every system against the first, metric by metric (bootstrap; AR for BLEU)."""
    baseline = names[0]
    results: list[PairedResult] = []
    for name in names[1:]:
        ar = _bleu_ar(built, systems[baseline], systems[name], streams, ar_trials, seed)
        for m, metric in enumerate(built):
            for k, score_name in enumerate(metric.names):
                value = _value(scores[name], score_name)
                base = _value(scores[baseline], score_name)
                p = paired_p_value(
                    samples[name][m][:, k], samples[baseline][m][:, k], abs(value - base)
                )
                results.append(
                    PairedResult(
                        system=name,
                        baseline=baseline,
                        metric=score_name,
                        value=value,
                        baseline_value=base,
                        delta=value - base,
                        p_value=p,
                        p_value_ar=(1.0 if value == base else ar) if metric.key == "bleu" else None,
                        significant=p < alpha and value != base,
                        better=_better(name, baseline, value, base, metric.higher_is_better),
                        higher_is_better=metric.higher_is_better,
                    )
                )
    return results


def _system_scores(
    metrics: list[Any], stats: list[Any], samples: list[Any], n_samples: int, seed: int
) -> list[Score]:
    out: list[Score] = []
    for metric, st, values in zip(metrics, stats, samples, strict=True):
        for k, s in enumerate(metric.scores(st)):
            out.append(
                dataclasses.replace(
                    s,
                    ci=interval(values[:, k]),
                    signature=with_bootstrap(s.signature, n_samples, seed),
                    details={**s.details, "bootstrap_mean": float(values[:, k].mean())},
                )
            )
    return out


def _value(scores: tuple[Score, ...], name: str) -> float:
    return next(s.value for s in scores if s.name == name)


def _better(system: str, baseline: str, value: float, base: float, higher: bool) -> str | None:
    if value == base:
        return None
    return system if (value > base) == higher else baseline


def _bleu_ar(
    metrics: list[Any],
    baseline: Sequence[str],
    system: Sequence[str],
    refs: list[list[str]],
    trials: int,
    seed: int,
) -> float | None:
    """sacrebleu's paired approximate randomization p-value for BLEU (None without BLEU).

    Like the bootstrap p-value, it is replaced by 1.0 when the two BLEU scores are equal.
    """
    bleu = next((m for m in metrics if m.key == "bleu"), None)
    if bleu is None or trials <= 0:
        return None
    from sacrebleu.significance import Result, _paired_ar_test

    metric = bleu.metric
    bl_stats = metric._extract_corpus_statistics(list(baseline), refs)
    bl_score = metric._aggregate_and_compute(bl_stats)
    info = {"BLEU": (bl_stats, Result(bl_score.score))}
    _, result = _paired_ar_test(
        info, "system", list(system), refs, {"BLEU": metric}, trials, -1, seed
    )
    p_value = result["BLEU"].p_value
    return float(p_value) if p_value is not None else 1.0


def compare_files(
    systems: Sequence[str | Path],
    refs: Sequence[str | Path],
    *,
    encoding: str = DEFAULT_ENCODING,
    **options: Any,
) -> Comparison:
    """`compare` on line-aligned files; a system is PATH or NAME=PATH (name: file stem)."""
    named: dict[str, list[str]] = {}
    labelled: list[tuple[str, list[str]]] = []
    for item in systems:
        name, path = _system_name(str(item), named)
        lines = read_lines(path, encoding=encoding)
        named[name] = lines
        labelled.append((_label(path), lines))
    streams = [read_lines(r, encoding=encoding) for r in refs]
    check_same_length(labelled + [(_label(r), s) for r, s in zip(refs, streams, strict=True)])
    return compare(named, streams, **options)


def _system_name(item: str, taken: Mapping[str, Any]) -> tuple[str, str]:
    name, sep, path = item.partition("=")
    if not sep or not name or Path(item).exists():
        path, name = item, Path(item).stem or item
    if name in taken:
        name = path if path not in taken else f"{name}-{len(taken) + 1}"
    return name, path


def _label(path: str | Path) -> str:
    return "<stdin>" if str(path) == STDIN_NAME else str(path)
