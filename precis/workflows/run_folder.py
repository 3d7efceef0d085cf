"""`precis run DIR -o OUT`: every article of a folder through the one job engine (precis.jobs).

The corpus layout (folders holding `article.fr.txt`, with their references beside) takes only
the articles; any other folder takes every document file. Each article writes its own folder
of outputs; the reference files it reads are part of its fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from precis._version import __version__
from precis.workflows.run import DEFAULT_BACKEND, REFERENCE_FILES, RUN_OUTPUTS, find_references, run
from precis.workflows.run_render import run_outputs

ARTICLE_GLOB = "article.fr.txt"


def _article_globs(src: Path) -> tuple[str, ...]:
    """Corpus layout (folders with article.fr.txt) -> only those; else every document file."""
    from precis.jobs import DEFAULT_GLOBS, walk

    taken = walk(src, (ARTICLE_GLOB,)).files
    return (ARTICLE_GLOB,) if taken else DEFAULT_GLOBS


def _output_prefix(rel: str) -> str:
    """`doc/article.fr.txt` -> `doc/`; `news/a.txt` -> `news/a/`."""
    path = PurePosixPath(rel)
    if path.name == ARTICLE_GLOB:
        return f"{path.parent}/" if str(path.parent) != "." else ""
    return f"{path.with_suffix('')}/"


def reference_paths(article: str | Path) -> list[Path]:
    """The reference files beside an article (corpus layout) that exist."""
    folder = Path(article).parent
    return [
        folder / name
        for name in REFERENCE_FILES.values()
        if (folder / name).is_file() and (folder / name).resolve() != Path(article).resolve()
    ]


class ArticleJob:
    """The per-article function of `precis run DIR`: picklable, loads its translator once.

    A planned job (precis.jobs.PlannedJob): its outputs (`<prefix>summary.fr.txt`, ...) and the
    reference files it reads are known before it runs, so that two articles writing one
    folder are refused and a changed reference redoes the article."""

    def __init__(self, src: str, options: dict[str, Any], encoding: str = "utf-8") -> None:
        self.src = src
        self.options = options
        self.encoding = encoding
        self._translator: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_translator": None}  # each worker loads its own

    def outputs_for(self, rel: str) -> list[str]:
        names = [*RUN_OUTPUTS, *(("article.en.txt",) if self.options.get("full") else ())]
        return [_output_prefix(rel) + name for name in names]

    def reads_for(self, path: Path) -> list[Path]:
        return reference_paths(path)

    def __call__(self, text: str, rel: str) -> Any:
        from precis.jobs import DocResult

        if self._translator is None:
            from precis.translate import get_translator

            self._translator = get_translator(
                backend=self.options.get("backend", DEFAULT_BACKEND),
                model=self.options.get("translation_model"),
            )
        from precis.formats.detect import detect

        refs = find_references(Path(self.src) / rel, encoding=self.encoding)
        report = run(
            text, source=rel, references=refs, translator=self._translator,
            doc_format=detect(text, rel).format, **self.options,
        )
        prefix = _output_prefix(rel)
        outputs = {prefix + name: body for name, body in run_outputs(report).items()}
        return DocResult(
            outputs=outputs,
            units=len(report.summary.sentences),
            meta={
                "backend": report.translation.name,
                "missing_references": list(report.missing_references),
                "language": report.language.to_dict() if report.language else {},
            },
        )

    def close(self) -> None:
        if self._translator is not None and hasattr(self._translator, "close"):
            self._translator.close()
        self._translator = None


def run_folder(
    src: str | Path,
    out: str | Path,
    *,
    force: bool = False,
    encoding: str = "utf-8",
    engine: str = "local",
    address: str | None = None,
    progress: Callable[[Any], None] | None = None,
    globs: tuple[str, ...] | None = None,
    **options: Any,
) -> Any:
    """`run` on every article of a folder, mirrored into `out`; resumable (see precis.jobs).

    `globs`: the articles to take (default: `article.fr.txt` files in the corpus layout, else
    every document file)."""
    from precis.jobs import run_job

    src_path = Path(src)
    job = ArticleJob(str(src_path), dict(options), encoding)
    fingerprint = {"job": "run", "precis": __version__, **{k: v for k, v in options.items()}}
    try:
        return run_job(
            engine,
            src_path,
            out,
            job,
            fingerprint=fingerprint,
            globs=globs or _article_globs(src_path),
            force=force,
            encoding=encoding,
            progress=progress,
            address=address,
        )
    finally:
        job.close()

