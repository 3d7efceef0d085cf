"""`precis bench`: run systems on a named corpus, score them, rank them, write a leaderboard.

A system is a spec string `NAME=KIND[:key=value,...]`:
- a summarizer method (`lead:sentences=2`, `extractive:words=35`, `abstractive:model=PATH`),
- a translation backend (`apertium`, `transformers:model=PATH`, `ctranslate2:model=PATH`),
- `file:PATH`: existing outputs, one per line, aligned with the corpus (published systems).
The first system is the baseline of the paired significance tests.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from precis._version import __version__
from precis.errors import InputError, PrecisError, UnknownNameError
from precis.io import check_same_length, read_lines, read_text, write_text_atomic

SUMMARY_METRICS = ("rouge",)
TRANSLATION_METRICS = ("bleu", "chrf", "ter")
MAIN_METRIC = {"summarize": "ROUGE-1", "translate": "BLEU"}
LOWER_IS_BETTER = {"TER"}
DEFAULT_SUMMARY_SYSTEMS = (
    "lead-1=lead:sentences=1",
    "lead-2=lead:sentences=2",
    "lead-3=lead:sentences=3",
    "extractive=extractive:words=35",
    "extractive-whole=extractive:words=35,compress=false",
)
# Each word budget of a summarizer also gets the lead cut to it (a length-fair baseline).
FAIR_LEAD = "lead@{words}=lead:words={words}"
DEFAULT_TRANSLATION_SYSTEMS = ("auto=auto",)
DEFAULT_SEED = 12345
FILE_KIND = "file"


@dataclass(frozen=True)
class SystemSpec:
    name: str
    kind: str  # a summarizer method, a translation backend, or "file"
    task: str  # "summarize" | "translate"
    options: dict[str, str] = field(default_factory=dict)

    @property
    def spec(self) -> str:
        if self.kind == FILE_KIND:
            return f"{FILE_KIND}:{Path(self.options['path']).name}"
        opts = ",".join(f"{k}={v}" for k, v in self.options.items())
        return f"{self.kind}:{opts}" if opts else self.kind


@dataclass(frozen=True)
class BenchTask:
    task: str
    lang: str
    sources: list[str]
    references: list[str]
    doc_ids: list[str]
    published: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class SystemResult:
    name: str
    spec: str
    task: str
    scores: list[dict[str, Any]]
    per_document: list[dict[str, float]]
    seconds: float
    significance: list[dict[str, Any]] = field(default_factory=list)
    mean_words: float | None = None  # mean words of the outputs (summaries: length-fair view)
    budget: int | None = None  # the --words budget the system ran under, if any


@dataclass(frozen=True)
class Leaderboard:
    corpus: str
    version: str
    n_documents: dict[str, int]
    main_metric: dict[str, str]
    systems: list[SystemResult]
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _task_of(kind: str) -> str:
    from precis.summarize import METHODS
    from precis.translate import BACKENDS

    if kind in METHODS:
        return "summarize"
    if kind in BACKENDS or kind == "auto":
        return "translate"
    raise UnknownNameError(
        "system kind", kind, [*METHODS.names(), *BACKENDS.names(), "auto", FILE_KIND]
    )


def parse_system(text: str, *, default_task: str | None = None) -> SystemSpec:
    """`NAME=KIND:k=v,k=v` or `KIND:...` (named after itself) or `file:PATH`."""
    name, sep, spec = text.partition("=")
    if not sep or ":" in name:
        name, spec = text, text
    kind, _, rest = spec.partition(":")
    kind = kind.strip()
    if kind == FILE_KIND:
        if not rest:
            raise InputError(f"system {text!r}: file: needs a path (file:outputs.txt)")
        task = default_task or "summarize"
        return SystemSpec(name=name, kind=FILE_KIND, task=task, options={"path": rest})
    options: dict[str, str] = {}
    for item in filter(None, rest.split(",")):
        key, eq, value = item.partition("=")
        if not eq:
            raise InputError(f"system {text!r}: option {item!r} is not key=value")
        options[key.strip()] = value.strip()
    return SystemSpec(name=name, kind=kind, task=_task_of(kind), options=options)


def load_tasks(corpus: str | Path, *, limit: int | None = None) -> tuple[str, list[BenchTask]]:
    """The tasks a corpus supports, from the registry name or a folder in the corpus layout."""
    from precis import corpora

    path = Path(corpus)
    if path.is_dir():
        return str(path), _folder_tasks(path, limit)
    entry = corpora.require(str(corpus))
    if entry.kind == "folder":
        return entry.name, _folder_tasks(entry.paths["path"], limit)
    sources = read_lines(entry.paths["source"])
    references = read_lines(entry.paths["reference"])
    check_same_length(
        {str(entry.paths["source"]): sources, str(entry.paths["reference"]): references}
    )
    n = len(sources) if limit is None else min(limit, len(sources))
    ids = [f"{i + 1}" for i in range(n)]
    task = "summarize" if entry.kind == "summaries" else "translate"
    lang = "fr" if task == "summarize" else "en"
    published = {name: p for name, p in entry.systems.items() if p.exists()}
    return entry.name, [BenchTask(task, lang, sources[:n], references[:n], ids, published)]


def _folder_tasks(root: Path, limit: int | None) -> list[BenchTask]:
    from precis import corpora
    from precis.summarize import split_paragraphs

    folders = corpora.document_folders(root)[:limit]
    if not folders:
        raise InputError(f"{root}: no article.fr.txt below this folder (see corpora/README.md)")
    sums: tuple[list[str], list[str], list[str]] = ([], [], [])
    trans: tuple[list[str], list[str], list[str]] = ([], [], [])
    for folder in folders:
        doc_id = str(folder.relative_to(root)) if folder != root else folder.name
        article = read_text(folder / "article.fr.txt")
        if (folder / "summary.fr.txt").exists():
            sums[0].append(article)
            sums[1].append(" ".join(read_text(folder / "summary.fr.txt").split()))
            sums[2].append(doc_id)
        if (folder / "article.en.txt").exists():
            fr = split_paragraphs(article)
            en = split_paragraphs(read_text(folder / "article.en.txt"))
            if len(fr) == len(en):  # paragraph-aligned translation pairs
                for i, (src, ref) in enumerate(zip(fr, en, strict=True)):
                    trans[0].append(" ".join(src.split()))
                    trans[1].append(" ".join(ref.split()))
                    trans[2].append(f"{doc_id}#{i + 1}")
    tasks = []
    if sums[0]:
        tasks.append(BenchTask("summarize", "fr", *sums))
    if trans[0]:
        tasks.append(BenchTask("translate", "en", *trans))
    return tasks


def _run_system(spec: SystemSpec, task: BenchTask) -> list[str]:
    if spec.kind == FILE_KIND:
        lines = read_lines(spec.options["path"])
        if len(lines) < len(task.sources):
            check_same_length({spec.options["path"]: lines, "corpus": task.sources})
        return lines[: len(task.sources)]
    if spec.task == "summarize":
        from precis.summarize import summarize_lines

        opts: dict[str, Any] = {
            k: (float(v) if k == "ratio" else int(v) if k in {"sentences", "words"} else v)
            for k, v in spec.options.items()
        }
        opts = {k: _option_value(v) for k, v in opts.items()}
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
    specs = _system_specs(systems, by_task)
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
                [s.to_dict() for s in scores.scores],
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


def _system_specs(systems: list[str] | None, by_task: dict[str, BenchTask]) -> list[SystemSpec]:
    default_task = next(iter(by_task))
    if not systems:
        systems = []
        if "summarize" in by_task:
            systems += list(DEFAULT_SUMMARY_SYSTEMS)
            systems += [f"{n}=file:{p}" for n, p in by_task["summarize"].published.items()]
        if "translate" in by_task:
            systems += list(DEFAULT_TRANSLATION_SYSTEMS)
    specs = [parse_system(s, default_task=default_task) for s in systems]
    specs += _fair_leads(specs)
    for spec in specs:
        if spec.task not in by_task:
            raise InputError(
                f"system {spec.name} is a {spec.task} system but the corpus has no "
                f"{spec.task} references (it supports: {', '.join(by_task)})"
            )
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise InputError(f"system names must be unique: {', '.join(names)}")
    return specs


def _option_value(value: Any) -> Any:
    """A spec option as the method takes it: true/false as booleans, numbers as numbers."""
    if not isinstance(value, str):
        return value
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _fair_leads(specs: list[SystemSpec]) -> list[SystemSpec]:
    """The lead cut to each word budget of the summarizers, unless already there."""
    budgets = [s.options["words"] for s in specs if s.task == "summarize" and "words" in s.options]
    have = {s.options.get("words") for s in specs if s.kind == "lead"}
    names = {s.name for s in specs}
    extra = []
    for words in dict.fromkeys(budgets):
        spec = parse_system(FAIR_LEAD.format(words=words))
        if words not in have and spec.name not in names:
            extra.append(spec)
    return extra


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
        ).to_dict()
        rows = comparison.get("results", comparison.get("comparisons", []))
        for r in group:
            sig = [row for row in rows if row.get("system") == r.name]
            updated[updated.index(r)] = dataclasses.replace(r, significance=sig)
    return updated


def main_value(result: SystemResult, metric: str) -> tuple[float, tuple[float, float] | None]:
    for s in result.scores:
        if s["name"] == metric:
            ci = s.get("ci")
            return s["value"], (tuple(ci) if ci else None)
    raise KeyError(metric)


def ranked(board: Leaderboard, task: str) -> list[SystemResult]:
    """Systems of one task, best first by the task's main metric."""
    metric = board.main_metric[task]
    sign = 1 if metric in LOWER_IS_BETTER else -1
    return sorted(
        (r for r in board.systems if r.task == task), key=lambda r: sign * main_value(r, metric)[0]
    )


def _metric_names(board: Leaderboard, task: str) -> list[str]:
    names: list[str] = []
    for r in board.systems:
        if r.task == task:
            names += [s["name"] for s in r.scores if s["name"] not in names]
    return names


def leaderboard_markdown(board: Leaderboard) -> str:
    lines = [f"# Leaderboard: {board.corpus}", "", f"precis {board.version}", ""]
    for task in board.main_metric:
        metrics = _metric_names(board, task)
        lines += [
            f"## {task} ({board.n_documents[task]} segments; ranked by {board.main_metric[task]},"
            " 95% bootstrap CI; p vs the first system, paired bootstrap)",
            "",
            "| rank | system | spec | " + " | ".join(metrics) + " | words | budget | p | seconds |",
            "|---|---|---|" + "---|" * len(metrics) + "---|---|---|---|",
        ]
        for rank, r in enumerate(ranked(board, task), 1):
            cells = []
            for m in metrics:
                value, ci = main_value(r, m)
                cells.append(f"{value:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else ""))
            p = _p_value(r, board.main_metric[task])
            words = "–" if r.mean_words is None else f"{r.mean_words:.1f}"
            budget = "–" if r.budget is None else str(r.budget)
            lines.append(
                f"| {rank} | {r.name} | `{r.spec}` | "
                + " | ".join(cells)
                + f" | {words} | {budget} | {p} | {r.seconds:.1f} |"
            )
        lines += [
            "",
            "words: mean words per output; budget: the system's --words; lead@N: the lead cut "
            "to N words, the baseline at equal length.",
            "",
        ]
        sigs = sorted({s["signature"] for r in board.systems if r.task == task for s in r.scores})
        lines += ["Signatures:", ""] + [f"- `{s}`" for s in sigs] + [""]
    return "\n".join(lines)


def _p_value(result: SystemResult, metric: str) -> str:
    for row in result.significance:
        if row.get("metric") == metric and row.get("p_value") is not None:
            star = "*" if row.get("significant") else ""
            return f"{row['p_value']:.3f}{star}"
    return "–"


def leaderboard_csv(board: Leaderboard) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [
            "task",
            "rank",
            "system",
            "spec",
            "metric",
            "value",
            "ci_low",
            "ci_high",
            "p_value",
            "signature",
            "seconds",
        ]
    )
    for task in board.main_metric:
        for rank, r in enumerate(ranked(board, task), 1):
            for s in r.scores:
                ci = s.get("ci") or (None, None)
                p = next(
                    (
                        row.get("p_value")
                        for row in r.significance
                        if row.get("metric") == s["name"]
                    ),
                    None,
                )
                writer.writerow(
                    [
                        task,
                        rank,
                        r.name,
                        r.spec,
                        s["name"],
                        s["value"],
                        ci[0],
                        ci[1],
                        p,
                        s["signature"],
                        r.seconds,
                    ]
                )
    return buf.getvalue()


def per_document_csv(board: Leaderboard) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["task", "system", "document", "metric", "value"])
    for r in board.systems:
        for row in r.per_document:
            for metric, value in row.items():
                if metric != "document":
                    writer.writerow([r.task, r.name, row["document"], metric, value])
    return buf.getvalue()


def write_chart(board: Leaderboard, path: Path) -> None:
    """A PNG bar chart of each task's main metric with its confidence interval (headless)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tasks = list(board.main_metric)
    fig, axes = plt.subplots(1, len(tasks), figsize=(6 * len(tasks), 4), squeeze=False)
    for ax, task in zip(axes[0], tasks, strict=True):
        metric = board.main_metric[task]
        rows = ranked(board, task)
        values = [main_value(r, metric)[0] for r in rows]
        errs = [[0.0] * len(rows), [0.0] * len(rows)]
        for i, r in enumerate(rows):
            ci = main_value(r, metric)[1]
            if ci:
                errs[0][i] = max(0.0, values[i] - ci[0])
                errs[1][i] = max(0.0, ci[1] - values[i])
        ax.bar(range(len(rows)), values, yerr=errs, capsize=4, color="#4a78a8")
        ax.set_xticks(range(len(rows)), [r.name for r in rows], rotation=30, ha="right")
        ax.set_title(f"{board.corpus}: {task}")
        ax.set_ylabel(f"{metric} (95% CI)")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    tmp = path.with_suffix(".png.part")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def write_leaderboard(
    board: Leaderboard, out_dir: Path, outputs: dict[str, list[str]]
) -> dict[str, str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "markdown": out_dir / "leaderboard.md",
        "json": out_dir / "leaderboard.json",
        "csv": out_dir / "leaderboard.csv",
        "per_document": out_dir / "per_document.csv",
        "chart": out_dir / "leaderboard.png",
    }
    write_text_atomic(files["markdown"], leaderboard_markdown(board))
    write_text_atomic(files["csv"], leaderboard_csv(board))
    write_text_atomic(files["per_document"], per_document_csv(board))
    write_chart(board, files["chart"])
    for name, hyps in outputs.items():
        write_text_atomic(out_dir / "outputs" / f"{name}.txt", "".join(f"{h}\n" for h in hyps))
    listing = {k: str(v) for k, v in files.items()}
    data = dataclasses.replace(board, files=listing).to_dict()
    write_text_atomic(files["json"], json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return listing
