"""The duplicate rules of `dedup` (exact, near-duplicate, restatement), each removal fact-checked:
a paragraph goes only when the kept paragraph(s) it matches state every fact it carries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from precis.summarize.dedup_types import Removal, Thresholds
from precis.summarize.facts import FactReport, check, lexicon
from precis.summarize.restatement import (
    RESTATEMENT_MIN_FACTS,
    restatement,
    sentence_idf,
)
from precis.text.paragraphs import normalize_for_comparison

# What a near-duplicate check did with a paragraph.
NEAR_NONE, NEAR_REMOVED, NEAR_REPLACED, NEAR_NOTED = "none", "removed", "replaced", "noted"


@dataclass
class Para:
    index: int
    text: str
    shingles: set[tuple[str, ...]]
    terms: Counter[str]
    norm: str
    kept: bool = True
    note: str = ""
    similar_to: tuple[int, ...] = ()
    score: float | None = None



def shingles(text: str, size: int) -> set[tuple[str, ...]]:
    tokens = normalize_for_comparison(text).split()
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}



def _near(a: Para, b: Para) -> tuple[float, float]:
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    inter = len(a.shingles & b.shingles)
    jaccard = inter / (len(a.shingles) + len(b.shingles) - inter)  # no union set built
    containment = inter / min(len(a.shingles), len(b.shingles))
    return jaccard, containment



@dataclass
class _Run:
    """What the duplicate rules share within one article."""

    limits: Thresholds
    removed: list[Removal]
    lex: frozenset[str]  # words the article writes lowercase: not names

    def facts(
        self,
        para: Para,
        sources: list[Para],
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
        self, para: Para, rule: str, sources: list[Para], score: float, reason: str,
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

    def keep(self, para: Para, sources: list[Para], score: float, how: str, why: str) -> None:
        """Keep `para` though it resembles `sources`, and say why."""
        para.similar_to = tuple(sorted(p.index for p in sources))
        para.score = score
        para.note = f"{how} paragraph(s) {_human(para.similar_to)}, kept: {why}"



def remove_duplicates(paras: list[Para], limits: Thresholds, removed: list[Removal]) -> None:
    """Apply the exact, near-duplicate and restatement rules in order, paragraph by paragraph."""
    run = _Run(limits, removed, lexicon(p.text for p in paras))
    idf = sentence_idf(p.text for p in paras)
    seen_exact: dict[str, Para] = {}
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



def _exact(run: _Run, para: Para, twin: Para) -> None:
    """Same text once case, accents and punctuation are folded: removed if no number differs
    (a folded sign or a digit's punctuation can: "+0,4 %" and "-0,4 %")."""
    report = run.facts(para, [twin], kinds=EXACT_FACT_KINDS)
    if report.safe:
        run.remove(para, "exact", [twin], 1.0, f"same text as paragraph {twin.index + 1}", report)
    else:
        run.keep(para, [twin], 1.0, "same words as", report.why_kept())



REPLACE_LENGTH_RATIO = 1.25  # a later near-duplicate this much longer replaces the earlier one



def _closest(
    para: Para, earlier: list[Para], limits: Thresholds, sharing: set[int] | None
) -> tuple[float, float, Para] | None:
    """The kept earlier paragraph `para` is nearest to, over a near threshold: (Jaccard,
    containment, paragraph), or None."""
    best: tuple[float, float, Para] | None = None
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
    run: _Run, para: Para, earlier: list[Para], sharing: set[int] | None = None
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



def _restatement(run: _Run, para: Para, earlier: list[Para], idf: dict[str, float]) -> bool:
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

