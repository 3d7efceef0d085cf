"""The summarize entry points: one text, a list of one-line documents, a folder.

`summarize` runs dedup (boilerplate, duplicates, restatements) and then the chosen method on
what is left. An empty article (or one that is all boilerplate) gives an empty summary with a
note, not an error: in a `--lines` file an empty line is a document too. The CLI refuses empty
input files before they get here (`precis.io.read_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import InputError
from precis.io import read_text, write_text_atomic
from precis.summarize.base import METHODS, Document, Length, Summary
from precis.summarize.dedup import dedup
from precis.text.lang import check_language

DEFAULT_METHOD = "extractive"
FOLDER_PATTERNS = ("*.txt", "*.md", "*.html", "*.htm")
SUMMARY_SUFFIX = ".summary.txt"

Progress = Callable[[int, int], None]


def make_method(method: str, model: str | None = None, **options: Any) -> Any:
    """An instance of a registered method (UnknownNameError lists the valid names)."""
    cls = METHODS.get(method)
    if cls.uses_model:
        return cls(model=model, **options)
    if model is not None:
        raise InputError(f"--model is used by model methods only; method {method!r} uses none")
    return cls(**options)


def summarize(
    text: str,
    *,
    method: str = DEFAULT_METHOD,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    model: str | None = None,
    html: bool | None = None,
    dedup_options: dict[str, Any] | None = None,
    summarizer: Any | None = None,
    **options: Any,
) -> Summary:
    """Summarize one French article.

    `method`: a name of `METHODS` (lead, extractive, abstractive); `sentences` / `words` /
    `ratio`: the length (one of them; default `DEFAULT_SENTENCES` sentences); `model`: the
    model id or folder of model methods; `options`: method options (e.g. `mmr_lambda`);
    `summarizer`: an already built method instance (reused across documents).
    """
    length = Length.make(sentences, words, ratio)
    runner = summarizer or make_method(method, model, **options)
    result = dedup(text, html=html, **(dedup_options or {}))
    doc = Document.from_dedup(result)
    notes: list[str] = []
    if not doc.sentences:
        notes.append(
            "empty article: nothing to summarize"
            if not text.strip()
            else "nothing left after removing boilerplate: nothing to summarize"
        )
        return Summary(
            "",
            (),
            runner.name,
            getattr(runner, "model_name", None),
            length,
            result,
            notes=tuple(notes),
        )
    out = runner.summarize(doc, length)
    return Summary(
        text=out.text,
        sentences=out.sentences,
        method=runner.name,
        model=out.model,
        length=length,
        dedup=result,
        chunks=out.chunks,
        notes=out.notes,
        details={**out.details, "max_words": length.max_words(doc.words)},
    )


def summarize_lines(
    docs: list[str],
    *,
    method: str = DEFAULT_METHOD,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> list[Summary]:
    """One summary per document (one document per line, as benchmark files are laid out)."""
    length = Length.make(sentences, words, ratio)  # validate once, before any work
    runner = make_method(method, model, **options)
    out: list[Summary] = []
    for i, doc in enumerate(docs):
        summary = summarize(
            doc,
            sentences=length.sentences,
            words=length.words,
            ratio=length.ratio,
            summarizer=runner,
            html=False,
        )
        out.append(summary)
        if progress:
            progress(i + 1, len(docs))
    return out


@dataclass(frozen=True)
class FolderResult:
    written: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (input file, error)

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": list(self.written),
            "skipped": list(self.skipped),
            "failed": [{"file": f, "error": e} for f, e in self.failed],
        }


def summary_path(source: Path, root: Path, out_dir: Path) -> Path:
    """Where the summary of `source` (under `root`) goes: same relative path, `.summary.txt`."""
    rel = source.relative_to(root)
    return out_dir / rel.parent / (rel.stem + SUMMARY_SUFFIX)


def summarize_folder(
    root: str | Path,
    out_dir: str | Path,
    *,
    encoding: str = "utf-8",
    force: bool = False,
    progress: Progress | None = None,
    method: str = DEFAULT_METHOD,
    model: str | None = None,
    lang: str | None = None,
    strict_lang: bool = False,
    **settings: Any,
) -> FolderResult:
    """Summarize every *.txt / *.md / *.html file under `root` into the mirror tree `out_dir`
    (atomic writes; existing outputs skipped unless `force`; a failing file is reported and
    the others go on; `strict_lang`: a file not in French fails, unless `lang` declares it)."""
    base, target = Path(root), Path(out_dir)
    if not base.is_dir():
        raise InputError(f"{base}: not a folder")
    files = sorted(
        {
            p
            for pattern in FOLDER_PATTERNS
            for p in base.rglob(pattern)
            if p.is_file()
            and not p.name.endswith(SUMMARY_SUFFIX)
            and target.resolve() not in p.resolve().parents
        }
    )
    if not files:
        raise InputError(f"{base}: no {', '.join(FOLDER_PATTERNS)} files to summarize")
    runner = make_method(
        method,
        model,
        **{k: v for k, v in settings.items() if k not in {"sentences", "words", "ratio"}},
    )
    length = {k: settings.get(k) for k in ("sentences", "words", "ratio")}
    written: list[str] = []
    skipped: list[str] = []
    failed: list[tuple[str, str]] = []
    for i, source in enumerate(files):
        dest = summary_path(source, base, target)
        if dest.exists() and not force:
            skipped.append(str(dest))
        else:
            try:
                text = read_text(source, encoding=encoding)
                if strict_lang:  # a file not in French fails (precis.text.lang)
                    check_language(text, declared=lang, strict=True, source=str(source))
                summary = summarize(text, summarizer=runner, **length)
                write_text_atomic(dest, summary.text + "\n")
                written.append(str(dest))
            except InputError as exc:
                failed.append((str(source), str(exc)))
        if progress:
            progress(i + 1, len(files))
    return FolderResult(tuple(written), tuple(skipped), tuple(failed))
