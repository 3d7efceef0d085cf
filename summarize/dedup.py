"""Boilerplate and duplicate paragraphs of one article: what is removed, and why.

Rules, in order, each reported with the paragraph index (0-based, in the original split):

- ``boilerplate:<rule>``: a boilerplate line or prefix (see `boilerplate.RULES`).
- ``exact``: same text as a kept paragraph once case, accents, punctuation and spaces are folded.
- ``near-duplicate``: word-shingle Jaccard >= `near_jaccard`, or containment of the shorter in
  the longer >= `near_containment`. The more informative copy is kept (the first one unless the
  later one contains it and says more).
- ``restatement``: a paragraph whose TF-IDF-weighted content (numbers and named entities
  weighing more) is covered by one or two earlier kept paragraphs at >= `restatement`
  (>= `restatement_marked` when it opens with a reformulation marker such as "Autrement dit");
  see `restatement.py`.

A paragraph that carries a fact (a number, a named entity) found in no kept paragraph is never
removed as a duplicate: it is kept, with a note naming the paragraph it resembles.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from precis.summarize.boilerplate import clean_paragraphs, is_boilerplate_sentence
from precis.summarize.restatement import (
    RESTATEMENT_COVERAGE,
    RESTATEMENT_COVERAGE_MARKED,
    RESTATEMENT_MIN_TERMS,
    missing_facts,
    restatement,
    sentence_idf,
)
from precis.summarize.terms import terms
from precis.text.paragraphs import normalize_for_comparison, split_paragraphs
from precis.text.reflow import reflow

SHINGLE_SIZE = 3
NEAR_JACCARD = 0.6
NEAR_CONTAINMENT = 0.8


@dataclass(frozen=True)
class Thresholds:
    """Tunable thresholds of `dedup` (each default is a named constant of dedup.py or
    restatement.py)."""

    near_jaccard: float = NEAR_JACCARD
    near_containment: float = NEAR_CONTAINMENT
    shingle_size: int = SHINGLE_SIZE
    restatement: float = RESTATEMENT_COVERAGE
    restatement_marked: float = RESTATEMENT_COVERAGE_MARKED
    min_terms: int = RESTATEMENT_MIN_TERMS
    boilerplate: bool = True

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Thresholds:
        valid = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - valid)
        if unknown:
            raise TypeError(f"unknown dedup threshold(s) {unknown}; valid: {sorted(valid)}")
        return cls(**{k: v for k, v in options.items() if v is not None})


@dataclass(frozen=True)
class Removal:
    """One removal: paragraph `index` of the original split, what went, under which rule."""

    index: int
    text: str
    rule: str
    duplicate_of: tuple[int, ...] = ()
    score: float | None = None
    partial: bool = False  # True: a line or prefix of the paragraph, the rest is kept
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"duplicate_of": list(self.duplicate_of)}


@dataclass(frozen=True)
class Kept:
    """A kept paragraph; `note` says why when it resembles another one."""

    index: int
    text: str
    similar_to: tuple[int, ...] = ()
    score: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"similar_to": list(self.similar_to)}


@dataclass(frozen=True)
class DedupResult:
    text: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...]
    kept: tuple[Kept, ...]
    source_paragraphs: int
    thresholds: Thresholds = field(default_factory=Thresholds)
    html: bool = False
    format: str = "text"  # the input's format (precis.formats): text, markdown or html
    metadata: dict[str, Any] = field(default_factory=dict)  # title, date, author, detection

    def counts(self) -> dict[str, int]:
        """Removals per rule."""
        return dict(Counter(r.rule for r in self.removed))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "kept": [k.to_dict() for k in self.kept],
            "removed": [r.to_dict() for r in self.removed],
            "source_paragraphs": self.source_paragraphs,
            "counts": self.counts(),
            "thresholds": dataclasses.asdict(self.thresholds),
            "html": self.html,
            "format": self.format,
            "metadata": self.metadata,
        }


@dataclass
class _Para:
    index: int
    text: str
    shingles: set[tuple[str, ...]]
    terms: Counter[str]
    norm: str
    kept: bool = True
    note: str = ""
    similar_to: tuple[int, ...] = ()
    score: float | None = None


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    tokens = normalize_for_comparison(text).split()
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _near(a: _Para, b: _Para) -> tuple[float, float]:
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    inter = len(a.shingles & b.shingles)
    jaccard = inter / (len(a.shingles) + len(b.shingles) - inter)  # no union set built
    containment = inter / min(len(a.shingles), len(b.shingles))
    return jaccard, containment


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
    paras: list[_Para] = []
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
                _Para(
                    index,
                    kept_text,
                    _shingles(kept_text, limits.shingle_size),
                    Counter(terms(kept_text)),
                    normalize_for_comparison(kept_text),
                )
            )
    idf = sentence_idf(p.text for p in paras)
    seen_exact: dict[str, _Para] = {}
    # Which earlier paragraphs share a shingle with this one (an inverted index): with both
    # near thresholds above 0, only those can be near-duplicates, so the others are not
    # compared (a long article of thousands of paragraphs is not compared pair by pair).
    postings: dict[tuple[str, ...], list[int]] = {}
    use_index = limits.near_jaccard > 0 and limits.near_containment > 0
    for pos, para in enumerate(paras):
        earlier = [p for p in paras[:pos] if p.kept]
        sharing = (
            {i for shingle in para.shingles for i in postings.get(shingle, ())}
            if use_index
            else None
        )
        for shingle in para.shingles:
            postings.setdefault(shingle, []).append(para.index)
        twin = seen_exact.get(para.norm)
        if twin is not None and twin.kept and para.norm:
            para.kept = False
            removed.append(
                Removal(
                    para.index,
                    para.text,
                    "exact",
                    (twin.index,),
                    1.0,
                    reason=f"same text as paragraph {twin.index + 1}",
                )
            )
            continue
        # A paragraph that says the same and more can replace several earlier ones in turn.
        outcome = _near_duplicate(para, earlier, limits, removed, sharing)
        handled = outcome != NEAR_NONE
        while outcome == NEAR_REPLACED:
            earlier = [p for p in paras[:pos] if p.kept]
            outcome = _near_duplicate(para, earlier, limits, removed, sharing)
        if handled:
            if para.kept:
                seen_exact[para.norm] = para
            continue
        if not _restatement(para, [p for p in paras[:pos] if p.kept], idf, limits, removed):
            seen_exact[para.norm] = para
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


REPLACE_LENGTH_RATIO = 1.25  # a later near-duplicate this much longer replaces the earlier one
NEAR_NONE, NEAR_REMOVED, NEAR_REPLACED, NEAR_NOTED = "none", "removed", "replaced", "noted"


def _near_duplicate(
    para: _Para,
    earlier: list[_Para],
    limits: Thresholds,
    removed: list[Removal],
    sharing: set[int] | None = None,
) -> str:
    """Handle `para` if it is a near-duplicate of a kept earlier paragraph.

    Returns NEAR_NONE (no near-duplicate), NEAR_REMOVED (`para` dropped), NEAR_REPLACED (the
    earlier one dropped: `para` says the same and more) or NEAR_NOTED (both kept, new facts).
    """
    best: tuple[float, float, _Para] | None = None
    for other in earlier:
        if sharing is not None and other.index not in sharing:
            continue  # no shingle in common: Jaccard and containment are 0
        jac, cont = _near(para, other)
        if (jac >= limits.near_jaccard or cont >= limits.near_containment) and (
            best is None or max(jac, cont) > max(best[0], best[1])
        ):
            best = (jac, cont, other)
    if best is None:
        return NEAR_NONE
    jac, cont, other = best
    score = round(jac if jac >= limits.near_jaccard else cont, 4)
    how = f"shingle Jaccard {jac:.2f}, containment {cont:.2f}"
    new_in_para = missing_facts(para.text, [other.text])
    new_in_other = missing_facts(other.text, [para.text])
    # Keep the first, unless the later one is clearly more informative: no fewer facts and
    # REPLACE_LENGTH_RATIO times as many words (it says the same and more).
    says_more = len(para.text.split()) >= REPLACE_LENGTH_RATIO * len(other.text.split())
    if not new_in_para and (new_in_other or not says_more):
        para.kept = False
        removed.append(
            Removal(
                para.index,
                para.text,
                "near-duplicate",
                (other.index,),
                score,
                reason=f"{how} with paragraph {other.index + 1}",
            )
        )
        return NEAR_REMOVED
    if not new_in_other and says_more:
        other.kept = False
        removed.append(
            Removal(
                other.index,
                other.text,
                "near-duplicate",
                (para.index,),
                score,
                reason=f"{how}; paragraph {para.index + 1} says the same and more",
            )
        )
        return NEAR_REPLACED
    para.similar_to, para.score = (other.index,), score
    para.note = f"{how} with paragraph {other.index + 1}, kept: new facts {', '.join(new_in_para)}"
    return NEAR_NOTED


def _restatement(
    para: _Para,
    earlier: list[_Para],
    idf: dict[str, float],
    limits: Thresholds,
    removed: list[Removal],
) -> bool:
    """Remove `para` if earlier kept paragraphs already say it; True if removed."""
    if len(para.terms) < limits.min_terms or not earlier:
        return False
    found = restatement(para.text, para.terms, [(p.index, p.text, p.terms) for p in earlier], idf)
    limit = limits.restatement_marked if found.marked else limits.restatement
    if not found.sources or found.coverage < limit or found.too_long:
        return False
    ids = found.sources
    # A paragraph opening with a reformulation marker ("Autrement dit") announces a
    # paraphrase: only new facts keep it; otherwise a barely covered sentence keeps it too.
    new_sentences = () if found.marked else found.new_sentences
    if found.missing_facts or new_sentences:
        para.similar_to, para.score = ids, found.coverage
        new = list(found.missing_facts) or [f"« {s} »" for s in new_sentences]
        para.note = f"restates paragraph(s) {_human(ids)} but adds: {', '.join(new)}"
        return False
    para.kept = False
    marker = " (opens with a reformulation marker)" if found.marked else ""
    removed.append(
        Removal(
            para.index,
            para.text,
            "restatement",
            ids,
            found.coverage,
            reason=f"{found.coverage:.0%} of its weighted content is in paragraph(s) "
            f"{_human(ids)}{marker}; no new facts",
        )
    )
    return True


def _human(indices: tuple[int, ...]) -> str:
    return ", ".join(str(i + 1) for i in indices)
