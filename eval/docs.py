"""Documents, not only lines: score a folder of outputs against a folder of references.

Files are paired by relative path. Each file is a document: for ROUGE its whole text is one
segment; for BLEU, chrF and TER its lines are the segments (hypothesis and reference documents
must then have the same number of lines). Reported per document and overall: overall ROUGE is
the mean over documents, overall BLEU/chrF/TER the corpus score over every line of every
document. Intervals (with `confidence`) are given for the overall scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import InputError
from precis.eval.base import DEFAULT_LANG
from precis.eval.metrics import DEFAULT_METRICS, parse_metrics
from precis.eval.scoring import Scores, score
from precis.io import DEFAULT_ENCODING, check_same_length, read_text

DOCUMENT_LEVEL = ("rouge",)  # metric families scored on whole documents; the rest on lines


@dataclass(frozen=True)
class Document:
    name: str  # relative path
    hypothesis: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class DocumentScores:
    documents: tuple[tuple[str, Scores], ...]  # (relative path, its scores)
    overall: Scores

    @property
    def n_documents(self) -> int:
        return len(self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_documents": self.n_documents,
            "overall": self.overall.to_dict(),
            "documents": [{"document": n, **s.to_dict()} for n, s in self.documents],
        }


def _lines(text: str) -> list[str]:
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def score_documents(
    documents: Sequence[Document],
    *,
    metrics: str | Iterable[str] = DEFAULT_METRICS,
    lang: str = DEFAULT_LANG,
    **options: Any,
) -> DocumentScores:
    """Per-document and overall scores (see the module docstring for what a segment is)."""
    if not documents:
        raise InputError("no documents to score")
    names = parse_metrics(metrics)
    doc_level = [m for m in names if m in DOCUMENT_LEVEL]
    line_level = [m for m in names if m not in DOCUMENT_LEVEL]
    doc_options = {k: v for k, v in options.items() if k not in ("confidence", "segments")}
    per_doc: list[tuple[str, Scores]] = []
    all_hyp_lines: list[str] = []
    all_ref_lines: list[list[str]] = [[] for _ in documents[0].references]
    for doc in documents:
        if len(doc.references) != len(all_ref_lines):
            raise InputError(f"{doc.name}: every document needs the same number of references")
        parts: list[Scores] = []
        if line_level:
            hyp_lines = _lines(doc.hypothesis)
            ref_lines = [_lines(r) for r in doc.references]
            check_same_length(
                [(f"{doc.name} (hypothesis)", hyp_lines)]
                + [(f"{doc.name} (reference {i + 1})", r) for i, r in enumerate(ref_lines)]
            )
            all_hyp_lines.extend(hyp_lines)
            for stream, lines in zip(all_ref_lines, ref_lines, strict=True):
                stream.extend(lines)
            parts.append(score(hyp_lines, ref_lines, metrics=line_level, lang=lang, **doc_options))
        if doc_level:
            parts.append(
                score(
                    [doc.hypothesis],
                    [[r] for r in doc.references],
                    metrics=doc_level,
                    lang=lang,
                    **doc_options,
                )
            )
        per_doc.append((doc.name, _merge(parts)))
    overall: list[Scores] = []
    if line_level:
        overall.append(
            score(all_hyp_lines, all_ref_lines, metrics=line_level, lang=lang, **options)
        )
    if doc_level:
        refs = [[d.references[i] for d in documents] for i in range(len(all_ref_lines))]
        overall.append(
            score([d.hypothesis for d in documents], refs, metrics=doc_level, lang=lang, **options)
        )
    return DocumentScores(documents=tuple(per_doc), overall=_merge(overall))


def _merge(parts: list[Scores]) -> Scores:
    """One Scores from several (lines and documents): n_segments of the first part."""
    if len(parts) == 1:
        return parts[0]
    segments: dict[str, tuple[float, ...]] | None = None
    if any(p.segments is not None for p in parts):
        segments = {}
        for p in parts:
            segments.update(p.segments or {})
    return Scores(
        scores=tuple(s for p in parts for s in p.scores),
        n_segments=parts[0].n_segments,
        segments=segments,
        confidence=next((p.confidence for p in parts if p.confidence), None),
        options={**parts[-1].options, "metrics": [m for p in parts for m in p.options["metrics"]]},
    )


ALL_FILES = ("*",)  # --docs pairs every file by relative path


def _files(root: Path) -> dict[str, Path]:
    """Regular files under root by relative path (hidden files and folders skipped)."""
    from precis.jobs.walk import walk

    return {
        d.rel: d.path
        for d in walk(root, ALL_FILES).files
        if d.problem is None and not any(part.startswith(".") for part in d.rel.split("/"))
    }


def read_documents(
    hyp_dir: str | Path, ref_dirs: Sequence[str | Path], *, encoding: str = DEFAULT_ENCODING
) -> list[Document]:
    """Pair files by relative path; any file without its counterpart is an error naming it."""
    roots = [Path(hyp_dir), *(Path(r) for r in ref_dirs)]
    if len(roots) < 2:
        raise InputError("--docs needs a reference folder")
    for root in roots:
        if not root.is_dir():
            raise InputError(f"{root}: not a folder (--docs pairs a folder with a folder)")
    trees = [_files(root) for root in roots]
    if not trees[0]:
        raise InputError(f"{roots[0]}: no files to score")
    missing: list[str] = []
    for root, tree in zip(roots[1:], trees[1:], strict=True):
        missing += [f"{root / rel} (for {roots[0] / rel})" for rel in trees[0] if rel not in tree]
        missing += [f"{roots[0] / rel} (for {root / rel})" for rel in tree if rel not in trees[0]]
    if missing:
        raise InputError(f"documents without a counterpart: missing {'; '.join(missing)}")
    return [
        Document(
            name=rel,
            hypothesis=read_text(path, encoding=encoding, allow_empty=True),
            references=tuple(read_text(t[rel], encoding=encoding) for t in trees[1:]),
        )
        for rel, path in trees[0].items()
    ]


def score_folders(
    hyp_dir: str | Path,
    ref_dirs: Sequence[str | Path],
    *,
    encoding: str = DEFAULT_ENCODING,
    **options: Any,
) -> DocumentScores:
    """`score_documents` on two (or more) folders paired by relative path."""
    return score_documents(read_documents(hyp_dir, ref_dirs, encoding=encoding), **options)
