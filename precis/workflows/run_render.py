"""`precis run`, output side: what it prints, the report files it writes (`-o`), checked first."""

from __future__ import annotations

from pathlib import Path

from precis.workflows.run import RUN_OUTPUTS, References, RunReport


def report_markdown(report: RunReport) -> str:
    """A human-readable report: what was removed, the texts, the scores with signatures."""
    lines = [f"# precis run: {report.source or 'article'}", ""]
    meta = report.metadata
    about = [f"{k}: {meta[k]}" for k in ("title", "date", "author") if meta.get(k)]
    if about:
        lines += ["; ".join(about), ""]
    removed = report.dedup.removed
    lines.append(f"## Cleaning: {len(removed)} removal(s)")
    lines.append("")
    for item in removed:
        dup = item.duplicate_of
        of = f" (duplicate of paragraph {', '.join(str(i + 1) for i in dup)})" if dup else ""
        sc = f", score {item.score:.2f}" if isinstance(item.score, float) else ""
        snippet = " ".join(item.text.split())[:80]
        lines.append(f"- paragraph {item.index + 1}: {item.rule}{of}{sc}: “{snippet}”")
    lines += ["", "## Summary (fr)", "", report.summary_fr, "", "## Summary (en)", ""]
    lines += [report.summary_en, ""]
    tr = report.translation
    lines.append(f"Translation: backend `{tr.name}`, model `{tr.model}`.")
    lines.append("")
    if report.article_en is not None:
        lines += ["## Article (en)", "", report.article_en, ""]
    lines += ["## Scores", ""]
    if report.scores:
        lines += ["| text | metric | score | signature |", "|---|---|---|---|"]
        for part, items in report.scores.items():
            for s in items:
                lines.append(f"| {part} | {s.name} | {s.value:.2f} | `{s.signature}` |")
    else:
        lines.append("No references found: nothing scored.")
    if report.missing_references:
        lines += ["", f"Missing references: {', '.join(report.missing_references)}."]
    lines += ["", "## Timings (s)", ""]
    lines += [f"- {k}: {v}" for k, v in report.timings.items()]
    return "\n".join(lines) + "\n"


def run_outputs(report: RunReport) -> dict[str, str]:
    """The files `precis run -o` writes for one article."""
    outputs = {
        "summary.fr.txt": report.summary_fr + "\n",
        "summary.en.txt": report.summary_en + "\n",
        "report.json": report.to_json(),
        "report.md": report_markdown(report),
    }
    if report.article_en is not None:
        outputs["article.en.txt"] = report.article_en + "\n"
    return outputs


def check_run_outputs(
    article: str | Path, out_dir: str | Path, references: References | None, *, full: bool = False
) -> None:
    """Refuse, before running, a `-o` folder whose outputs would overwrite the article or one
    of its references (`precis run article.fr.txt -o <its own folder>`)."""
    from precis.jobs import check_single_output

    names = [*RUN_OUTPUTS, *(("article.en.txt",) if full else ())]
    read = [str(article), *(references.sources.values() if references else ())]
    for name in names:
        check_single_output(Path(out_dir) / name, read)


def write_run_outputs(report: RunReport, out_dir: str | Path) -> list[Path]:
    """Write the files of one run into out_dir, each atomically."""
    from precis.io import write_text_atomic
    from precis.jobs import check_single_output

    outputs = {Path(out_dir) / name: text for name, text in run_outputs(report).items()}
    read = [report.source, *report.references.values()] if report.source else []
    for path in outputs:  # before writing anything: no output over the article or a reference
        check_single_output(path, read)
    for path, text in outputs.items():
        write_text_atomic(path, text)
    return list(outputs)


def report_text(report: RunReport) -> str:
    """What `precis run` prints: the summaries (and article), then the scores."""
    parts = [report.summary_fr, "", report.summary_en]
    if report.article_en is not None:
        parts += ["", report.article_en]
    if report.scores:
        parts += [""]
        for part, items in report.scores.items():
            for s in items:
                parts.append(f"{part:<11} {s.name:<10} {s.value:6.2f}  {s.signature}")
    return "\n".join(parts) + "\n"

