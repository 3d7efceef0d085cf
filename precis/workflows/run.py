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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from precis._version import __version__
from precis.io import read_text

if TYPE_CHECKING:
    from precis.eval.base import Score
    from precis.summarize.base import Summary
    from precis.summarize.dedup import DedupResult
    from precis.text.lang import LanguageCheck
    from precis.translate.base import BackendInfo

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
    """One article through the whole chain: the library's own results, JSON only at the edge."""

    version: str
    source: str | None
    summary: Summary  # with its `.dedup` (what the cleaning removed, and why)
    summary_en: str
    article_en: str | None
    translation: BackendInfo
    scores: dict[str, tuple[Score, ...]]  # part (summary_fr, summary_en, article_en) -> scores
    references: dict[str, str]  # role -> the file it came from
    missing_references: tuple[str, ...]
    timings: dict[str, float]
    language: LanguageCheck | None = None  # what the language check found (precis.text.lang)

    @property
    def summary_fr(self) -> str:
        return self.summary.text

    @property
    def dedup(self) -> DedupResult:
        return self.summary.dedup

    @property
    def metadata(self) -> dict[str, Any]:
        """The document's format and, for a page, its title, date and author."""
        return dict(self.summary.dedup.metadata)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "source": self.source,
            "dedup": self.dedup.to_dict(),
            "summary": self.summary.to_dict(),
            "summary_fr": self.summary_fr,
            "summary_en": self.summary_en,
            "article_en": self.article_en,
            "translation": self.translation.to_dict(),
            "scores": {part: [s.to_dict() for s in items] for part, items in self.scores.items()},
            "references": dict(self.references),
            "missing_references": list(self.missing_references),
            "timings": dict(self.timings),
            "metadata": self.metadata,
            "language": self.language.to_dict() if self.language is not None else {},
        }

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


def _score(
    hyp: str | list[str], ref: str | list[str], metrics: tuple[str, ...], lang: str
) -> tuple[Score, ...]:
    from precis.eval import score

    hyps = [hyp] if isinstance(hyp, str) else hyp
    refs = [ref] if isinstance(ref, str) else ref
    return score(hyps, refs, metrics=metrics, lang=lang).scores


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
    doc_format: str | None = None,
    lang: str | None = None,
    strict_lang: bool = False,
) -> RunReport:
    """Clean, summarize, translate and score one French article (`doc_format`: text,
    markdown or html; None detects HTML from the document).

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
        text, method=method, sentences=sentences, words=words, ratio=ratio, model=model,
        doc_format=doc_format,
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

    start = time.perf_counter()
    refs = references or References()
    scores = _run_scores(summary, summary_en, kept_translations, refs, full)
    timings["score_s"] = round(time.perf_counter() - start, 4)
    return RunReport(
        version=__version__,
        source=source,
        summary=summary,
        summary_en=summary_en,
        article_en=article_en,
        translation=translator.info,
        scores=scores,
        references=dict(refs.sources),
        missing_references=tuple(r for r in refs.missing() if full or r != "article_en"),
        timings=timings,
        language=language,
    )


def _run_scores(
    summary: Summary,
    summary_en: str,
    kept_translations: list[str],
    refs: References,
    full: bool,
) -> dict[str, tuple[Score, ...]]:
    """Every part that has a reference, scored with the metrics of its language."""
    scores: dict[str, tuple[Score, ...]] = {}
    if refs.summary_fr is not None:
        scores["summary_fr"] = _score(
            _one_line(summary.text), _one_line(refs.summary_fr), SUMMARY_METRICS_FR, "fr"
        )
    if refs.summary_en is not None:
        scores["summary_en"] = _score(
            _one_line(summary_en), _one_line(refs.summary_en), SUMMARY_METRICS_EN, "en"
        )
    if full and refs.article_en is not None:
        kept = [k.index for k in summary.dedup.kept] or list(range(len(kept_translations)))
        hyps, ref_lines, unit = _aligned_article_refs(kept_translations, kept, refs.article_en)
        scores["article_en"] = tuple(
            dataclasses.replace(s, details={**s.details, "segments": unit})
            for s in _score(hyps, ref_lines, ARTICLE_METRICS_EN, "en")
        )
    return scores


def run_file(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    references: References | None = None,
    **options: Any,
) -> RunReport:
    """`run` on a file (`-`: stdin), with the references given or else found beside it."""
    from precis.formats.detect import detect

    text = read_text(path, encoding=encoding)
    if references is None:
        references = find_references(path, encoding=encoding) if str(path) != "-" else None
    options.setdefault("doc_format", detect(text, path).format)
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


