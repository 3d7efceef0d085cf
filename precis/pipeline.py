"""The product's main job: clean -> summarize -> translate -> score, for one article or a folder.

`run(text)` returns a RunReport (plain data). References are optional: found beside an article in
the corpus layout (summary.fr.txt, summary.en.txt, article.en.txt), or given explicitly; a missing
reference is reported in the report, never fatal. `run_folder` mirrors a folder of articles with
the resumable folder job of `precis.jobs`.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from precis._version import __version__
from precis.io import read_text

DEFAULT_METHOD = "extractive"
DEFAULT_BACKEND = "auto"
SUMMARY_METRICS_FR = ("rouge",)
SUMMARY_METRICS_EN = ("bleu", "chrf", "rouge")
ARTICLE_METRICS_EN = ("bleu", "chrf", "ter")
REFERENCE_FILES = {
    "summary_fr": "summary.fr.txt",
    "summary_en": "summary.en.txt",
    "article_en": "article.en.txt",
}
RUN_OUTPUTS = ("summary.fr.txt", "summary.en.txt", "report.json", "report.md")


@dataclass(frozen=True)
class References:
    """Reference texts for one article; None where there is none."""

    summary_fr: str | None = None
    summary_en: str | None = None
    article_en: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # role -> file it came from

    def missing(self) -> list[str]:
        return [role for role in REFERENCE_FILES if getattr(self, role) is None]


@dataclass(frozen=True)
class RunReport:
    version: str
    source: str | None
    dedup: dict[str, Any]
    summary: dict[str, Any]
    summary_fr: str
    summary_en: str
    article_en: str | None
    translation: dict[str, Any]
    scores: dict[str, list[dict[str, Any]]]
    references: dict[str, str]
    missing_references: list[str]
    timings: dict[str, float]
    language: dict[str, Any] = field(default_factory=dict)  # precis.text.lang.LanguageCheck

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def find_references(article: str | Path, *, encoding: str = "utf-8") -> References:
    """References beside an article in the corpus layout (missing files are simply None)."""
    folder = Path(article).parent
    found: dict[str, str] = {}
    sources: dict[str, str] = {}
    for role, name in REFERENCE_FILES.items():
        path = folder / name
        if path.is_file() and path.resolve() != Path(article).resolve():
            found[role] = read_text(path, encoding=encoding)
            sources[role] = str(path)
    return References(**found, sources=sources)


def _score(hyp: str | list[str], ref: str | list[str], metrics: tuple[str, ...], lang: str) -> list:
    from precis.eval import score

    hyps = [hyp] if isinstance(hyp, str) else hyp
    refs = [ref] if isinstance(ref, str) else ref
    result = score(hyps, refs, metrics=metrics, lang=lang)
    return [s.to_dict() for s in result.scores]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _aligned_article_refs(
    translation_paragraphs: list[str], kept: list[int], reference: str
) -> tuple[list[str], list[str], str]:
    """Pair translated kept paragraphs with the reference paragraphs of the same index.

    The reference translates the whole article; dedup kept only some paragraphs. When the
    reference has one paragraph per original paragraph, score paragraph by paragraph; otherwise
    score the whole text as one segment.
    """
    from precis.summarize import split_paragraphs

    ref_paragraphs = split_paragraphs(reference)
    if kept and max(kept) < len(ref_paragraphs) and len(kept) == len(translation_paragraphs):
        refs = [_one_line(ref_paragraphs[i]) for i in kept]
        return [_one_line(p) for p in translation_paragraphs], refs, "paragraphs"
    return (
        [_one_line(" ".join(translation_paragraphs))],
        [_one_line(reference)],
        "document",
    )


def run(
    text: str,
    *,
    source: str | None = None,
    method: str = DEFAULT_METHOD,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    model: str | None = None,
    backend: str = DEFAULT_BACKEND,
    translation_model: str | None = None,
    full: bool = False,
    references: References | None = None,
    translator: Any | None = None,
    lang: str | None = None,
    strict_lang: bool = False,
) -> RunReport:
    """Clean, summarize, translate and score one French article.

    `lang` declares the article's language (no check); else it is checked (precis.text.lang)
    and recorded in the report; `strict_lang`: LanguageError when it is not French."""
    from precis.summarize import summarize
    from precis.text.lang import check_language
    from precis.translate import get_translator

    language = check_language(
        text, declared=lang, strict=strict_lang, source=source or "the article"
    )
    timings: dict[str, float] = {}
    start = time.perf_counter()
    summary = summarize(
        text, method=method, sentences=sentences, words=words, ratio=ratio, model=model
    )
    timings["clean_and_summarize_s"] = round(time.perf_counter() - start, 4)

    start = time.perf_counter()
    translator = translator or get_translator(backend=backend, model=translation_model)
    timings["load_translator_s"] = round(time.perf_counter() - start, 4)
    start = time.perf_counter()
    summary_en = translator.translate_document(summary.text)
    article_en = None
    kept_translations: list[str] = []
    if full:
        kept_translations = translator.translate_lines(list(summary.dedup.paragraphs))
        article_en = "\n\n".join(kept_translations)
    timings["translate_s"] = round(time.perf_counter() - start, 4)

    refs = references or References()
    scores: dict[str, list[dict[str, Any]]] = {}
    start = time.perf_counter()
    if refs.summary_fr is not None:
        scores["summary_fr"] = _score(
            _one_line(summary.text), _one_line(refs.summary_fr), SUMMARY_METRICS_FR, "fr"
        )
    if refs.summary_en is not None:
        scores["summary_en"] = _score(
            _one_line(summary_en), _one_line(refs.summary_en), SUMMARY_METRICS_EN, "en"
        )
    if full and refs.article_en is not None:
        kept = [k["index"] for k in summary.dedup.to_dict().get("kept", [])] or list(
            range(len(kept_translations))
        )
        hyps, ref_lines, unit = _aligned_article_refs(kept_translations, kept, refs.article_en)
        scores["article_en"] = _score(hyps, ref_lines, ARTICLE_METRICS_EN, "en")
        for item in scores["article_en"]:
            item.setdefault("details", {})["segments"] = unit
    timings["score_s"] = round(time.perf_counter() - start, 4)

    missing = [role for role in refs.missing() if full or role != "article_en"]
    info = translator.info
    return RunReport(
        version=__version__,
        source=source,
        dedup=summary.dedup.to_dict(),
        summary=summary.to_dict(),
        summary_fr=summary.text,
        summary_en=summary_en,
        article_en=article_en,
        translation=info.to_dict() if hasattr(info, "to_dict") else dataclasses.asdict(info),
        scores=scores,
        references=dict(refs.sources),
        missing_references=missing,
        timings=timings,
        language=language.to_dict(),
    )


def report_markdown(report: RunReport) -> str:
    """A human-readable report: what was removed, the texts, the scores with signatures."""
    lines = [f"# precis run: {report.source or 'article'}", ""]
    removed = report.dedup.get("removed", [])
    lines.append(f"## Cleaning: {len(removed)} removal(s)")
    lines.append("")
    for item in removed:
        dup = item.get("duplicate_of") or []
        of = f" (duplicate of paragraph {', '.join(str(i + 1) for i in dup)})" if dup else ""
        score = item.get("score")
        sc = f", score {score:.2f}" if isinstance(score, float) else ""
        snippet = " ".join(str(item.get("text", "")).split())[:80]
        lines.append(f"- paragraph {item['index'] + 1}: {item['rule']}{of}{sc}: “{snippet}”")
    lines += ["", "## Summary (fr)", "", report.summary_fr, "", "## Summary (en)", ""]
    lines += [report.summary_en, ""]
    tr = report.translation
    lines.append(f"Translation: backend `{tr.get('name')}`, model `{tr.get('model')}`.")
    lines.append("")
    if report.article_en is not None:
        lines += ["## Article (en)", "", report.article_en, ""]
    lines += ["## Scores", ""]
    if report.scores:
        lines += ["| text | metric | score | signature |", "|---|---|---|---|"]
        for part, items in report.scores.items():
            for s in items:
                lines.append(f"| {part} | {s['name']} | {s['value']:.2f} | `{s['signature']}` |")
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


def run_file(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    references: References | None = None,
    **options: Any,
) -> RunReport:
    """`run` on a file (`-`: stdin), with the references given or else found beside it."""
    text = read_text(path, encoding=encoding)
    if references is None:
        references = find_references(path, encoding=encoding) if str(path) != "-" else None
    return run(text, source=str(path), references=references, **options)


def override_references(
    refs: References | None,
    *,
    summary_fr: str | Path | None = None,
    summary_en: str | Path | None = None,
    article_en: str | Path | None = None,
    encoding: str = "utf-8",
) -> References:
    """References with the files given explicitly (flags) replacing those found beside."""
    base = refs or References()
    values = {role: getattr(base, role) for role in REFERENCE_FILES}
    sources = dict(base.sources)
    for role, path in (
        ("summary_fr", summary_fr),
        ("summary_en", summary_en),
        ("article_en", article_en),
    ):
        if path is not None:
            values[role] = read_text(path, encoding=encoding)
            sources[role] = str(path)
    return References(**values, sources=sources)


def write_run_outputs(report: RunReport, out_dir: str | Path) -> list[Path]:
    """Write the files of one run into out_dir, each atomically."""
    from precis.io import write_text_atomic

    written = []
    for name, text in run_outputs(report).items():
        path = Path(out_dir) / name
        write_text_atomic(path, text)
        written.append(path)
    return written


def report_text(report: RunReport) -> str:
    """What `precis run` prints: the summaries (and article), then the scores."""
    parts = [report.summary_fr, "", report.summary_en]
    if report.article_en is not None:
        parts += ["", report.article_en]
    if report.scores:
        parts += [""]
        for part, items in report.scores.items():
            for s in items:
                parts.append(f"{part:<11} {s['name']:<10} {s['value']:6.2f}  {s['signature']}")
    return "\n".join(parts) + "\n"


ARTICLE_GLOB = "article.fr.txt"


def _article_globs(src: Path) -> tuple[str, ...]:
    """Corpus layout (folders with article.fr.txt) -> only those; else every text file."""
    from precis.jobs import DEFAULT_GLOBS

    return (ARTICLE_GLOB,) if any(src.rglob(ARTICLE_GLOB)) else DEFAULT_GLOBS


def _output_prefix(rel: str) -> str:
    """`doc/article.fr.txt` -> `doc/`; `news/a.txt` -> `news/a/`."""
    path = PurePosixPath(rel)
    if path.name == ARTICLE_GLOB:
        return f"{path.parent}/" if str(path.parent) != "." else ""
    return f"{path.with_suffix('')}/"


class ArticleJob:
    """The per-article function of `precis run DIR`: picklable, loads its translator once."""

    def __init__(self, src: str, options: dict[str, Any], encoding: str = "utf-8") -> None:
        self.src = src
        self.options = options
        self.encoding = encoding
        self._translator: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_translator": None}  # each worker loads its own

    def __call__(self, text: str, rel: str) -> Any:
        from precis.jobs import DocResult

        if self._translator is None:
            from precis.translate import get_translator

            self._translator = get_translator(
                backend=self.options.get("backend", DEFAULT_BACKEND),
                model=self.options.get("translation_model"),
            )
        refs = find_references(Path(self.src) / rel, encoding=self.encoding)
        report = run(text, source=rel, references=refs, translator=self._translator, **self.options)
        prefix = _output_prefix(rel)
        outputs = {prefix + name: body for name, body in run_outputs(report).items()}
        return DocResult(
            outputs=outputs,
            units=len(report.summary.get("sentences", [])),
            meta={
                "backend": report.translation.get("name"),
                "missing_references": report.missing_references,
                "language": report.language,
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
    **options: Any,
) -> Any:
    """`run` on every article of a folder, mirrored into `out`; resumable (see precis.jobs)."""
    from precis.engines import run_job

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
            globs=_article_globs(src_path),
            force=force,
            encoding=encoding,
            progress=progress,
            address=address,
        )
    finally:
        job.close()
