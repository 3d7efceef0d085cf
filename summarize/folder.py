"""Folder jobs of `precis summarize DIR -o OUT` and `precis dedup DIR -o OUT`.

Each is a per-document function handed to the one job engine (`precis.jobs`): the engine walks,
fingerprints (input, method, length, model, precis version), skips unchanged files, refuses
collisions and hand-edited outputs, writes atomically and reports. Outputs mirror the input
tree: `a/b.txt` -> `a/b.summary.txt` (summaries) or `a/b.txt` (cleaned articles) plus
`a/b.dedup.json` (what was removed and why).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from precis._version import __version__
from precis.errors import InputError, ModelError
from precis.jobs import DEFAULT_GLOBS, DocResult, FolderReport, JobProgress, run_job
from precis.summarize.base import Length

SUMMARY_SUFFIX = ".summary.txt"
DEDUP_REPORT_SUFFIX = ".dedup.json"
HTML_SUFFIXES = (".html", ".htm")  # the cleaned article of a page is plain text
FATAL_ERRORS = (ModelError,)  # a model that cannot load fails every file: stop the job


def summary_rel(rel: str) -> str:
    """Where the summary of `rel` goes: same relative folder, `<stem>.summary.txt`."""
    path = PurePosixPath(rel)
    return str(path.with_name(path.stem + SUMMARY_SUFFIX))


def cleaned_rel(rel: str) -> str:
    """Where the cleaned article of `rel` goes: the same path; a page's (HTML) text as .txt."""
    path = PurePosixPath(rel)
    return str(path.with_suffix(".txt")) if path.suffix.lower() in HTML_SUFFIXES else rel


class SummarizeJob:
    """`(text, rel) -> {rel.summary.txt: summary}`; builds its method once (picklable)."""

    def __init__(
        self,
        method: str,
        model: str | None,
        length: Length,
        options: Mapping[str, Any],
        *,
        lang: str | None = None,
        strict_lang: bool = False,
    ) -> None:
        self.lang = lang  # declared: not checked (precis.text.lang)
        self.strict_lang = strict_lang  # a file not in French fails
        self.method = method
        self.model = model
        self.length = length
        self.options = dict(options)
        self._runner: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_runner": None}  # each worker builds its own

    def fingerprint(self) -> dict[str, Any]:
        return {
            "task": "summarize",
            "method": self.method,
            "model": self.model,
            "length": {"sentences": self.length.sentences, "words": self.length.words,
                       "ratio": self.length.ratio},
            "options": self.options,
            "lang": self.lang,
            "strict_lang": self.strict_lang,
            "precis": __version__,
        }

    def outputs_for(self, rel: str) -> Sequence[str]:
        return (summary_rel(rel),)

    def reads_for(self, path: Path) -> Sequence[Path]:
        return ()

    def __call__(self, text: str, rel: str) -> DocResult:
        from precis.formats.detect import detect
        from precis.summarize.api import make_method, summarize
        from precis.text.lang import check_language

        language = check_language(text, declared=self.lang, strict=self.strict_lang, source=rel)
        if self._runner is None:
            self._runner = make_method(self.method, self.model, **self.options)
        summary = summarize(
            text, summarizer=self._runner, sentences=self.length.sentences,
            words=self.length.words, ratio=self.length.ratio, doc_format=detect(text, rel).format,
        )
        body = summary.text + "\n" if summary.text else ""
        return DocResult(
            outputs={summary_rel(rel): body},
            units=len(summary.sentences),
            meta={
                "method": summary.method,
                "notes": list(summary.notes),
                "language": language.to_dict(),
            },
        )


class DedupJob:
    """`(text, rel) -> {rel: cleaned article, rel.dedup.json: removals}`."""

    def __init__(self, thresholds: Mapping[str, Any]) -> None:
        self.thresholds = {k: v for k, v in thresholds.items() if v is not None}

    def fingerprint(self) -> dict[str, Any]:
        return {"task": "dedup", "thresholds": self.thresholds, "precis": __version__}

    def outputs_for(self, rel: str) -> Sequence[str]:
        return (cleaned_rel(rel), str(PurePosixPath(rel).with_suffix(DEDUP_REPORT_SUFFIX)))

    def reads_for(self, path: Path) -> Sequence[Path]:
        return ()

    def __call__(self, text: str, rel: str) -> DocResult:
        from precis.formats.detect import detect
        from precis.summarize.dedup import dedup

        result = dedup(text, doc_format=detect(text, rel).format, **self.thresholds)
        report = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        cleaned = result.text + "\n" if result.text else ""
        removed = len(result.removed)
        report_rel = str(PurePosixPath(rel).with_suffix(DEDUP_REPORT_SUFFIX))
        return DocResult(
            outputs={cleaned_rel(rel): cleaned, report_rel: report},
            units=removed,
            meta={"removed": removed, "kept": len(result.paragraphs)},
        )


def _run(
    job: Any,
    src: str | Path,
    out: str | Path,
    *,
    globs: Sequence[str],
    force: bool,
    encoding: str,
    progress: Callable[[JobProgress], None] | None,
    engine: str,
    address: str | None,
) -> FolderReport:
    if not Path(src).is_dir():
        raise InputError(f"{src}: not a folder")
    return run_job(
        engine, src, out, job, fingerprint=job.fingerprint(), globs=globs, force=force,
        encoding=encoding, progress=progress, fatal=FATAL_ERRORS, address=address,
    )


def summarize_folder(
    src: str | Path,
    out: str | Path,
    *,
    method: str = "extractive",
    model: str | None = None,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    encoding: str = "utf-8",
    progress: Callable[[JobProgress], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    lang: str | None = None,
    strict_lang: bool = False,
    **options: Any,
) -> FolderReport:
    """Summarize every matching file of `src` into the mirrored tree `out` (resumable).

    Each file's language is checked and recorded; `strict_lang`: a file not in French fails;
    `lang`: declared, not checked."""
    length = Length.make(sentences, words, ratio)  # validated before any work
    job = SummarizeJob(method, model, length, options, lang=lang, strict_lang=strict_lang)
    return _run(job, src, out, globs=globs, force=force, encoding=encoding, progress=progress,
                engine=engine, address=address)


def dedup_folder(
    src: str | Path,
    out: str | Path,
    *,
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    encoding: str = "utf-8",
    progress: Callable[[JobProgress], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    **thresholds: Any,
) -> FolderReport:
    """Clean every matching file of `src` into `out`: the article, and a JSON of its removals."""
    job = DedupJob(thresholds)
    return _run(job, src, out, globs=globs, force=force, encoding=encoding, progress=progress,
                engine=engine, address=address)
