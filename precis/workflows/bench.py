"""`precis bench`: run systems on a named corpus, score them, rank them, write a leaderboard.

Three parts: `bench_spec` (systems from spec strings, tasks from a corpus, the result types),
this module (running each system and scoring it, with paired significance against the first),
`bench_render` (Markdown, CSV, per-document CSV, PNG chart). The public names are re-exported
here: `bench`, `parse_system`, `leaderboard_markdown`, ...
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from precis._version import __version__
from precis.errors import PrecisError
from precis.io import check_same_length, read_lines
from precis.workflows.bench_render import (
    leaderboard_csv,
    leaderboard_markdown,
    main_value,
    per_document_csv,
    ranked,
    write_chart,
    write_leaderboard,
)
from precis.workflows.bench_spec import (
    FILE_KIND,
    BenchTask,
    Leaderboard,
    SystemResult,
    SystemSpec,
    load_tasks,
    option_value,
    parse_system,
    system_specs,
)

__all__ = [
    "BenchTask",
    "Leaderboard",
    "SystemResult",
    "SystemSpec",
    "bench",
    "leaderboard_csv",
    "leaderboard_markdown",
    "load_tasks",
    "main_value",
    "parse_system",
    "per_document_csv",
    "ranked",
    "write_chart",
]

SUMMARY_METRICS = ("rouge",)
TRANSLATION_METRICS = ("bleu", "chrf", "ter")
MAIN_METRIC = {"summarize": "ROUGE-1", "translate": "BLEU"}
DEFAULT_SEED = 12345


def _run_system(spec: SystemSpec, task: BenchTask) -> list[str]:
    if spec.kind == FILE_KIND:
        lines = read_lines(spec.options["path"])
        if len(lines) < len(task.sources):
            check_same_length({spec.options["path"]: lines, "corpus": task.sources})
        return lines[: len(task.sources)]
    if spec.task == "summarize":
        from precis.summarize import summarize_lines

        opts: dict[str, Any] = {
            k: float(v) if k == "ratio" else option_value(v) for k, v in spec.options.items()
        }
        summaries = summarize_lines(task.sources, method=spec.kind, **opts)
        return [" ".join(s.text.split()) for s in summaries]
    from precis.translate import get_translator

    opts = dict(spec.options)
    translator = get_translator(backend=spec.kind, model=opts.pop("model", None), **opts)
    return translator.translate_lines(task.sources)


def bench(
    corpus: str | Path,
    *,
    systems: list[str] | None = None,
    out_dir: str | Path | None = None,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str, int, int], None] | None = None,
) -> Leaderboard:
    """Run, score and rank systems on a corpus; write the leaderboard files when out_dir is set."""
    from precis.eval import compare, score

    name, tasks = load_tasks(corpus, limit=limit)
    by_task = {t.task: t for t in tasks}
    specs = system_specs(systems, by_task)
    results: list[SystemResult] = []
    outputs: dict[str, list[str]] = {}
    for i, spec in enumerate(specs):
        if progress:
            progress(spec.name, i, len(specs))
        task = by_task[spec.task]
        start = time.perf_counter()
        try:
            hyps = _run_system(spec, task)
        except PrecisError as exc:
            raise PrecisError(f"system {spec.name} ({spec.spec}): {exc}") from exc
        seconds = time.perf_counter() - start
        outputs[spec.name] = hyps
        metrics = SUMMARY_METRICS if spec.task == "summarize" else TRANSLATION_METRICS
        scores = score(
            hyps,
            task.references,
            metrics=metrics,
            lang=task.lang,
            confidence=True,
            seed=seed,
            segments=True,
        )
        per_doc = _per_document(scores.to_dict(), task.doc_ids)
        results.append(
            SystemResult(
                spec.name,
                spec.spec,
                spec.task,
                scores.scores,
                per_doc,
                round(seconds, 3),
                mean_words=round(sum(len(h.split()) for h in hyps) / max(1, len(hyps)), 1),
                budget=int(spec.options["words"]) if "words" in spec.options else None,
            )
        )
    if progress:
        progress("", len(specs), len(specs))
    results = _with_significance(results, outputs, by_task, seed, compare)
    board = Leaderboard(
        corpus=name,
        version=__version__,
        n_documents={t.task: len(t.sources) for t in tasks},
        main_metric={t.task: MAIN_METRIC[t.task] for t in tasks},
        systems=results,
    )
    if out_dir is not None:
        board = dataclasses.replace(board, files=write_leaderboard(board, Path(out_dir), outputs))
    return board


def _per_document(scores: dict[str, Any], doc_ids: list[str]) -> list[dict[str, float]]:
    segments = scores.get("segments") or {}
    rows = []
    for i, doc_id in enumerate(doc_ids):
        row: dict[str, Any] = {"document": doc_id}
        for metric, values in segments.items():
            if i < len(values):
                row[metric] = values[i]
        rows.append(row)
    return rows


def _with_significance(
    results: list[SystemResult],
    outputs: dict[str, list[str]],
    by_task: dict[str, BenchTask],
    seed: int,
    compare: Callable[..., Any],
) -> list[SystemResult]:
    updated = list(results)
    for task_name, task in by_task.items():
        group = [r for r in results if r.task == task_name]
        if len(group) < 2:
            continue
        metrics = SUMMARY_METRICS if task_name == "summarize" else TRANSLATION_METRICS
        comparison = compare(
            {r.name: outputs[r.name] for r in group},
            task.references,
            metrics=metrics,
            lang=task.lang,
            seed=seed,
        )
        for r in group:
            sig = tuple(row for row in comparison.results if row.system == r.name)
            updated[updated.index(r)] = dataclasses.replace(r, significance=sig)
    return updated


