"""Boilerplate and duplicate paragraphs of one article: what is removed, and why.

Rules, in order, each reported with the paragraph index (0-based, in the original split):

- ``boilerplate:<rule>``: a boilerplate line or prefix (see `boilerplate.RULES`).
- ``exact``: same text as a kept paragraph once case, accents, punctuation and spaces are folded.
- ``near-duplicate``: word-shingle Jaccard >= `near_jaccard`, or containment of the shorter in
  the longer >= `near_containment`. The more informative copy is kept (the first one unless the
  later one contains it and says more).
- ``restatement``: a paragraph whose TF-IDF-weighted content (numbers and named entities
  weighing more) is covered by one or two earlier kept paragraphs at >= `restatement`
  (>= `restatement_marked` when it opens with a reformulation marker such as "Autrement dit",
  `restatement_facts_slack` times the uncovered share when its sources state at least
  RESTATEMENT_MIN_FACTS of its facts: 0.4 by default);
  see `restatement.py`.

Every removal is safe or it does not happen: a paragraph goes only when each of its facts
(numbers in digits or words, signs and percentages, dates, named entities, negations and
antonym poles; see `facts.py`) is stated by the kept paragraph(s) it matches, and none of them
says the opposite. Otherwise it is kept, with a note naming the paragraph it resembles and
the facts that paragraph lacks. Each removal lists the facts checked and where each is stated.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from precis.summarize.boilerplate import clean_paragraphs, is_boilerplate_sentence
from precis.summarize.dedup_rules import Para, remove_duplicates, shingles
from precis.summarize.dedup_types import (
    NEAR_CONTAINMENT,
    NEAR_JACCARD,
    SHINGLE_SIZE,
    DedupResult,
    Kept,
    Removal,
    Thresholds,
)
from precis.summarize.restatement import RESTATEMENT_COVERAGE, RESTATEMENT_COVERAGE_MARKED
from precis.summarize.terms import terms
from precis.text.paragraphs import normalize_for_comparison, split_paragraphs
from precis.text.reflow import reflow

__all__ = [  # the dedup API and the defaults its options name (`precis dedup --help`)
    "NEAR_CONTAINMENT",
    "NEAR_JACCARD",
    "RESTATEMENT_COVERAGE",
    "RESTATEMENT_COVERAGE_MARKED",
    "SHINGLE_SIZE",
    "DedupResult",
    "Kept",
    "Removal",
    "Thresholds",
    "dedup",
]


def _is_boilerplate_line(line: str) -> bool:
    return is_boilerplate_sentence(line) is not None


def _source_paragraphs(
    text: str, fmt: str, reason: str
) -> tuple[list[str], list[Removal], dict[str, Any]]:
    """The document's paragraphs in order, those that are not article text (dropped by the
    HTML extractor, Markdown code and tables) as removals, and what the document says of
    itself (title, date, author) with how its format was chosen."""
    from precis.formats import HTML, TEXT, document_blocks

    metadata: dict[str, Any] = {"format": fmt, "format_reason": reason}
    if fmt == TEXT:
        # wrapped lines joined first (precis.text.reflow), boilerplate lines kept
        return split_paragraphs(reflow(text, keep=_is_boilerplate_line)), [], metadata
    blocks, found = document_blocks(text, fmt)
    metadata.update(found)
    why = (
        f"{found.get('extractor')}: not article text"
        if fmt == HTML
        else "Markdown code, table or raw HTML: not article text"
    )
    removals = [
        Removal(i, b.text, f"boilerplate:html-{b.reason}" if fmt == HTML else b.reason, reason=why)
        for i, b in enumerate(blocks)
        if not b.kept
    ]
    return [b.text for b in blocks], removals, metadata


def _choose_format(text: str, html: bool | None, doc_format: str | None) -> tuple[str, str]:
    from precis.formats import FORMATS, HTML, TEXT
    from precis.formats.detect import sniff

    if doc_format is not None:
        FORMATS.get(doc_format)  # UnknownNameError listing the formats
        return doc_format, "given (the file extension, or the caller)"
    if html is not None:
        return (HTML, "--html") if html else (TEXT, "--text")
    found = sniff(text)
    return found.format, found.reason


def dedup(
    text: str, *, html: bool | None = None, doc_format: str | None = None, **thresholds: Any
) -> DedupResult:
    """Remove boilerplate, exact, near-duplicate and restated paragraphs; report each removal.

    `doc_format`: text, markdown or html (precis.formats); else `html` True / False forces HTML
    or text; with neither, HTML is detected from the document (precis.formats.detect.sniff).
    `thresholds`: any field of `Thresholds` (near_jaccard, restatement, ...).
    """
    limits = Thresholds.from_options(thresholds)
    fmt, why = _choose_format(text, html, doc_format)
    is_html = fmt == "html"
    raw, removed, metadata = _source_paragraphs(text, fmt, why)
    html_dropped = {r.index for r in removed}
    paras: list[Para] = []
    cleaned = clean_paragraphs(raw) if limits.boilerplate else [(p.strip(), []) for p in raw]
    for index, (kept_text, line_removals) in enumerate(cleaned):
        if index in html_dropped:
            continue
        for lr in line_removals:
            removed.append(
                Removal(
                    index,
                    lr.text,
                    f"boilerplate:{lr.rule}",
                    partial=lr.partial,
                    reason=f"matches the {lr.rule!r} boilerplate rule",
                )
            )
        if kept_text:
            paras.append(
                Para(
                    index,
                    kept_text,
                    shingles(kept_text, limits.shingle_size),
                    Counter(terms(kept_text)),
                    normalize_for_comparison(kept_text),
                )
            )
    remove_duplicates(paras, limits, removed)
    kept = [p for p in paras if p.kept]
    removed.sort(key=lambda r: (r.index, not r.partial))
    return DedupResult(
        text="\n\n".join(p.text for p in kept),
        paragraphs=tuple(p.text for p in kept),
        removed=tuple(removed),
        kept=tuple(Kept(p.index, p.text, p.similar_to, p.score, p.note) for p in kept),
        source_paragraphs=len(raw),
        thresholds=limits,
        html=is_html,
        format=fmt,
        metadata=metadata,
    )


