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

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from precis.summarize.boilerplate import clean_paragraphs, is_boilerplate_sentence
from precis.summarize.facts import FactCheck, FactReport, check, lexicon
from precis.summarize.restatement import (
    RESTATEMENT_COVERAGE,
    RESTATEMENT_COVERAGE_MARKED,
    RESTATEMENT_FACTS_SLACK,
    RESTATEMENT_MIN_FACTS,
    RESTATEMENT_MIN_TERMS,
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
    restatement_facts_slack: float = RESTATEMENT_FACTS_SLACK
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
    facts: tuple[FactCheck, ...] = ()  # the facts checked, each with where it is stated

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {
            "duplicate_of": list(self.duplicate_of),
            "facts": [f.to_dict() for f in self.facts],
        }


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
    _remove_duplicates(paras, limits, removed)
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


@dataclass
class _Run:
    """What the duplicate rules share within one article."""

    limits: Thresholds
    removed: list[Removal]
    lex: frozenset[str]  # words the article writes lowercase: not names

    def facts(
        self,
        para: _Para,
        sources: list[_Para],
        *,
        copy: bool = True,
        kinds: frozenset[str] | None = None,
    ) -> FactReport:
        """The facts of `para` checked against the kept paragraphs it matches (`copy`: it is
        a copy of one of them, each fact must be stated as many times; `kinds`: only these
        fact families)."""
        pairs = [(p.index, p.text) for p in sources]
        return check(para.text, pairs, self.lex, count_all=copy, kinds=kinds)

    def remove(
        self, para: _Para, rule: str, sources: list[_Para], score: float, reason: str,
        report: FactReport,
    ) -> None:  # fmt: skip
        para.kept = False
        ids = tuple(sorted(p.index for p in sources))
        stated = (
            f"; {len(report.checks)} fact(s) checked, all stated there" if report.checks else ""
        )
        self.removed.append(
            Removal(para.index, para.text, rule, ids, score, reason=reason + stated,
                    facts=report.checks)
        )  # fmt: skip

    def keep(self, para: _Para, sources: list[_Para], score: float, how: str, why: str) -> None:
        """Keep `para` though it resembles `sources`, and say why."""
        para.similar_to = tuple(sorted(p.index for p in sources))
        para.score = score
        para.note = f"{how} paragraph(s) {_human(para.similar_to)}, kept: {why}"


def _remove_duplicates(paras: list[_Para], limits: Thresholds, removed: list[Removal]) -> None:
    """Apply the exact, near-duplicate and restatement rules in order, paragraph by paragraph."""
    run = _Run(limits, removed, lexicon(p.text for p in paras))
    idf = sentence_idf(p.text for p in paras)
    seen_exact: dict[str, _Para] = {}
    # Which earlier paragraphs share a shingle with this one (an inverted index): with both
    # near thresholds above 0, only those can be near-duplicates, so the others are not
    # compared (a long article of thousands of paragraphs is not compared pair by pair).
    postings: dict[tuple[str, ...], list[int]] = {}
    use_index = limits.near_jaccard > 0 and limits.near_containment > 0
    for pos, para in enumerate(paras):
        sharing = (
            {i for shingle in para.shingles for i in postings.get(shingle, ())}
            if use_index
            else None
        )
        for shingle in para.shingles:
            postings.setdefault(shingle, []).append(para.index)
        twin = seen_exact.get(para.norm)
        if twin is not None and twin.kept and para.norm:
            _exact(run, para, twin)
            continue
        # A paragraph that says the same and more can replace several earlier ones in turn.
        outcome = NEAR_REPLACED
        handled = False
        while outcome == NEAR_REPLACED:
            earlier = [p for p in paras[:pos] if p.kept]
            outcome = _near_duplicate(run, para, earlier, sharing)
            handled = handled or outcome != NEAR_NONE
        if handled:
            if para.kept:
                seen_exact[para.norm] = para
            continue
        if not _restatement(run, para, [p for p in paras[:pos] if p.kept], idf):
            seen_exact[para.norm] = para


# The same words in the same order state the same dates, names, negations and poles; only
# what punctuation writes can differ once it is folded: a sign, a decimal comma.
EXACT_FACT_KINDS = frozenset({"number"})


def _exact(run: _Run, para: _Para, twin: _Para) -> None:
    """Same text once case, accents and punctuation are folded: removed if no number differs
    (a folded sign or a digit's punctuation can: "+0,4 %" and "-0,4 %")."""
    report = run.facts(para, [twin], kinds=EXACT_FACT_KINDS)
    if report.safe:
        run.remove(para, "exact", [twin], 1.0, f"same text as paragraph {twin.index + 1}", report)
    else:
        run.keep(para, [twin], 1.0, "same words as", report.why_kept())


REPLACE_LENGTH_RATIO = 1.25  # a later near-duplicate this much longer replaces the earlier one
NEAR_NONE, NEAR_REMOVED, NEAR_REPLACED, NEAR_NOTED = "none", "removed", "replaced", "noted"


def _closest(
    para: _Para, earlier: list[_Para], limits: Thresholds, sharing: set[int] | None
) -> tuple[float, float, _Para] | None:
    """The kept earlier paragraph `para` is nearest to, over a near threshold: (Jaccard,
    containment, paragraph), or None."""
    best: tuple[float, float, _Para] | None = None
    for other in earlier:
        if sharing is not None and other.index not in sharing:
            continue  # no shingle in common: Jaccard and containment are 0
        jac, cont = _near(para, other)
        if (jac >= limits.near_jaccard or cont >= limits.near_containment) and (
            best is None or max(jac, cont) > max(best[0], best[1])
        ):
            best = (jac, cont, other)
    return best


def _near_duplicate(
    run: _Run, para: _Para, earlier: list[_Para], sharing: set[int] | None = None
) -> str:
    """Handle `para` if it is a near-duplicate of a kept earlier paragraph.

    Returns NEAR_NONE (no near-duplicate), NEAR_REMOVED (`para` dropped), NEAR_REPLACED (the
    earlier one dropped: `para` says the same and more) or NEAR_NOTED (both kept, new facts).
    """
    best = _closest(para, earlier, run.limits, sharing)
    if best is None:
        return NEAR_NONE
    jac, cont, other = best
    score = round(jac if jac >= run.limits.near_jaccard else cont, 4)
    how = f"shingle Jaccard {jac:.2f}, containment {cont:.2f}"
    para_report = run.facts(para, [other])
    other_report = run.facts(other, [para])
    # Keep the first, unless the later one is clearly more informative: no fewer facts and
    # REPLACE_LENGTH_RATIO times as many words (it says the same and more).
    says_more = len(para.text.split()) >= REPLACE_LENGTH_RATIO * len(other.text.split())
    if para_report.safe and (not other_report.safe or not says_more):
        run.remove(
            para, "near-duplicate", [other], score, f"{how} with paragraph {other.index + 1}",
            para_report,
        )  # fmt: skip
        return NEAR_REMOVED
    if other_report.safe and says_more:
        run.remove(
            other, "near-duplicate", [para], score,
            f"{how}; paragraph {para.index + 1} says the same and more", other_report,
        )  # fmt: skip
        return NEAR_REPLACED
    run.keep(para, [other], score, f"{how} with", para_report.why_kept())
    return NEAR_NOTED


def _restatement(run: _Run, para: _Para, earlier: list[_Para], idf: dict[str, float]) -> bool:
    """Remove `para` if earlier kept paragraphs already say it; True if removed."""
    limits = run.limits
    if len(para.terms) < limits.min_terms or not earlier:
        return False
    found = restatement(para.text, para.terms, [(p.index, p.text, p.terms) for p in earlier], idf)
    limit = limits.restatement_marked if found.marked else limits.restatement
    floor = min(limit, 1 - (1 - limits.restatement) * limits.restatement_facts_slack)
    if not found.sources or found.coverage < floor or found.too_long:
        return False
    sources = [p for p in earlier if p.index in found.sources]
    report = run.facts(para, sources, copy=False)
    if found.coverage < limit and _anchors(report) < RESTATEMENT_MIN_FACTS:
        return False  # low coverage, and too few shared facts to say it is the same news
    # A paragraph opening with a reformulation marker ("Autrement dit") announces a
    # paraphrase: only new facts keep it; otherwise a barely covered sentence keeps it too.
    new_sentences = () if found.marked else found.new_sentences
    if not report.safe or new_sentences:
        why = report.why_kept() or "new: " + ", ".join(f"« {s} »" for s in new_sentences)
        run.keep(para, sources, found.coverage, "restates", why)
        return False
    marker = " (opens with a reformulation marker)" if found.marked else ""
    run.remove(
        para, "restatement", sources, found.coverage,
        f"{found.coverage:.0%} of its weighted content is in paragraph(s) "
        f"{_human(found.sources)}{marker}; no new facts", report,
    )  # fmt: skip
    return True


ANCHOR_KINDS = frozenset({"number", "date", "entity", "quote"})


def _anchors(report: FactReport) -> int:
    """Facts of a paragraph that its sources state (polarity words excepted)."""
    return sum(1 for c in report.checks if c.kind in ANCHOR_KINDS and c.stated_in is not None)


def _human(indices: tuple[int, ...]) -> str:
    return ", ".join(str(i + 1) for i in indices)
