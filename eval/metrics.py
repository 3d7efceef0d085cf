"""The registry of metric families the user names (`--metric bleu,chrf,ter,rouge`).

A registry entry is a factory `(lang=, bleu_tokenize=, rouge_tokenizer=, stem=, progress=)`
returning a Metric (eval/base.py). Light module: sacrebleu and rouge-score load in factories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from precis.errors import InputError
from precis.eval import sacre
from precis.eval.base import Metric, Progress
from precis.eval.rouge import RougeMetric
from precis.eval.tokenizers import DEFAULT_ROUGE_TOKENIZER
from precis.registry import Registry

MetricFactory = Callable[..., Metric]


def _rouge(
    *,
    lang: str = "en",
    rouge_tokenizer: str = DEFAULT_ROUGE_TOKENIZER,
    stem: bool = False,
    progress: Progress | None = None,
    **_: Any,
) -> Metric:
    return RougeMetric(lang=lang, tokenizer=rouge_tokenizer, stem=stem, progress=progress)


METRICS: Registry[MetricFactory] = Registry("metric")
METRICS.add("bleu", sacre.bleu)
METRICS.add("chrf", sacre.chrf)
METRICS.add("chrf++", sacre.chrf_plus)
METRICS.add("ter", sacre.ter)
METRICS.add("rouge", _rouge)

DEFAULT_METRICS = ("bleu", "chrf", "ter", "rouge")


def parse_metrics(metrics: str | Iterable[str]) -> tuple[str, ...]:
    """'bleu,rouge' or ['bleu', 'rouge'] -> validated names, in order, without repeats."""
    items = metrics.split(",") if isinstance(metrics, str) else list(metrics)
    names: list[str] = []
    for item in items:
        for name in str(item).split(","):
            name = name.strip().lower()
            if not name:
                continue
            METRICS.get(name)  # UnknownNameError lists the valid names
            if name not in names:
                names.append(name)
    if not names:
        raise InputError(f"no metric given; valid metrics: {METRICS.help()}")
    return tuple(names)


def build_metrics(names: Iterable[str], **options: Any) -> list[Metric]:
    return [METRICS.get(name)(**options) for name in names]
