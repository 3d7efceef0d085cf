"""Reports: rows for a text table, CSV and Markdown strings (JSON is each result's to_dict()).

Plain strings only; the CLI draws the text table with rich from `score_table` rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from precis.eval.base import SCORE_DIGITS, Score
from precis.eval.compare import Comparison
from precis.eval.docs import DocumentScores
from precis.eval.scoring import Scores

Table = tuple[list[str], list[list[str]]]  # (headers, rows)


def fmt(value: float | None, digits: int = SCORE_DIGITS) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def fmt_ci(ci: tuple[float, float] | None) -> str:
    return "" if ci is None else f"[{fmt(ci[0])}, {fmt(ci[1])}]"


def fmt_p(p: float | None) -> str:
    return "" if p is None else f"{p:.4f}"


def _has_ci(scores: Sequence[Score]) -> bool:
    return any(s.ci is not None for s in scores)


def score_table(scores: Scores) -> Table:
    """Metric | Score | 95% CI (when computed)."""
    with_ci = _has_ci(scores.scores)
    headers = ["Metric", "Score"] + (["95% CI"] if with_ci else [])
    rows = [[s.name, fmt(s.value)] + ([fmt_ci(s.ci)] if with_ci else []) for s in scores.scores]
    return headers, rows


def document_table(result: DocumentScores) -> Table:
    """One row per document, then the overall row; one column per score."""
    names = list(result.overall.names)
    rows = [[doc] + [fmt(s.get(n).value) for n in names] for doc, s in result.documents]
    rows.append(["overall"] + [fmt(result.overall.get(n).value) for n in names])
    return ["Document", *names], rows


LOW_POWER_LABEL = " (few segments: low power)"


def comparison_table(result: Comparison) -> Table:
    headers = ["Metric", "System", "Score", "95% CI", "Δ vs baseline", "p (bootstrap)"]
    with_ar = any(r.p_value_ar is not None for r in result.results)
    if with_ar:
        headers.append("p (AR)")
    headers += ["Significant", "Better"]
    rows: list[list[str]] = []
    first = result.scores[result.baseline]
    label = LOW_POWER_LABEL if result.low_power else ""
    for score in first:
        rows.append(
            [score.name, f"{result.baseline} (baseline)", fmt(score.value), fmt_ci(score.ci)]
            + [""] * (len(headers) - 4)
        )
        for r in result.results:
            if r.metric != score.name:
                continue
            ci = next(s.ci for s in result.scores[r.system] if s.name == r.metric)
            row = [
                r.metric,
                r.system,
                fmt(r.value),
                fmt_ci(ci),
                f"{r.delta:+.2f}",
                fmt_p(r.p_value) + label,
            ]
            if with_ar:
                row.append(fmt_p(r.p_value_ar) + (label if r.p_value_ar is not None else ""))
            row += ["yes" if r.significant else "no", r.better or "tie"]
            rows.append(row)
    return headers, rows


def signatures(scores: Sequence[Score]) -> list[str]:
    """`NAME: signature` lines, one per distinct signature family."""
    seen: dict[str, list[str]] = {}
    for s in scores:
        seen.setdefault(s.signature, []).append(s.name)
    return [f"{', '.join(names)}: {sig}" for sig, names in seen.items()]


def verdicts(result: Comparison) -> list[str]:
    label = LOW_POWER_LABEL if result.low_power else ""
    return [r.verdict() + label for r in result.results]


def _csv(headers: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def _ci_cells(ci: tuple[float, float] | None) -> list[Any]:
    return [ci[0], ci[1]] if ci is not None else ["", ""]


def scores_csv(result: Scores | DocumentScores) -> str:
    """Long format: segment,metric,value,ci_low,ci_high,signature.

    `segment` is "all" for corpus scores, then 1-based segment numbers (with segments) or
    document paths (documents).
    """
    headers = ["segment", "metric", "value", "ci_low", "ci_high", "signature"]
    overall = result.overall if isinstance(result, DocumentScores) else result
    rows: list[list[Any]] = [
        ["all", s.name, s.value, *_ci_cells(s.ci), s.signature] for s in overall.scores
    ]
    if isinstance(result, DocumentScores):
        for doc, scores in result.documents:
            rows += [[doc, s.name, s.value, "", "", s.signature] for s in scores.scores]
    elif result.segments:
        sigs = {s.name: s.signature for s in result.scores}
        for name, values in result.segments.items():
            rows += [[i + 1, name, v, "", "", sigs.get(name, "")] for i, v in enumerate(values)]
    return _csv(headers, rows)


def comparison_csv(result: Comparison) -> str:
    headers = [
        "metric",
        "system",
        "baseline",
        "value",
        "baseline_value",
        "delta",
        "p_value",
        "p_value_ar",
        "significant",
        "better",
    ]
    rows = [
        [
            r.metric,
            r.system,
            r.baseline,
            r.value,
            r.baseline_value,
            r.delta,
            r.p_value,
            "" if r.p_value_ar is None else r.p_value_ar,
            "yes" if r.significant else "no",
            r.better or "tie",
        ]
        for r in result.results
    ]
    return _csv(headers, rows)


def _md_escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(_md_escape(str(c)) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_signatures(scores: Sequence[Score]) -> str:
    return "\n".join(f"- `{line}`" for line in signatures(scores)) + "\n"


def scores_markdown(result: Scores | DocumentScores) -> str:
    if isinstance(result, DocumentScores):
        table = markdown_table(*document_table(result))
        overall = markdown_table(*score_table(result.overall))
        return f"{table}\nOverall:\n\n{overall}\n{_md_signatures(result.overall.scores)}"
    return f"{markdown_table(*score_table(result))}\n{_md_signatures(result.scores)}"


def comparison_markdown(result: Comparison) -> str:
    table = markdown_table(*comparison_table(result))
    lines = "\n".join(f"- {v}" for v in verdicts(result))
    sigs = _md_signatures(result.scores[result.baseline])
    return f"{table}\n{lines}\n\n{sigs}"
