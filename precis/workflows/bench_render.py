"""`precis bench`, part 3: the leaderboard as Markdown, CSV, per-document CSV and a PNG chart."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

from precis.io import write_text_atomic
from precis.workflows.bench_spec import LOWER_IS_BETTER, Leaderboard, SystemResult


def main_value(result: SystemResult, metric: str) -> tuple[float, tuple[float, float] | None]:
    for s in result.scores:
        if s.name == metric:
            return s.value, s.ci
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
            names += [s.name for s in r.scores if s.name not in names]
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
        sigs = sorted({s.signature for r in board.systems if r.task == task for s in r.scores})
        lines += ["Signatures:", ""] + [f"- `{s}`" for s in sigs] + [""]
    return "\n".join(lines)


def _p_value(result: SystemResult, metric: str) -> str:
    row = result.test(metric)
    if row is None:
        return "–"
    return f"{row.p_value:.3f}{'*' if row.significant else ''}"


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
                ci = s.ci or (None, None)
                test = r.test(s.name)
                p = test.p_value if test is not None else None
                writer.writerow(
                    [
                        task,
                        rank,
                        r.name,
                        r.spec,
                        s.name,
                        s.value,
                        ci[0],
                        ci[1],
                        p,
                        s.signature,
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

