"""Learning post-edit rules from (system output, reference) pairs (used by bench/learn_postedit.py).

1. Candidates: each output is aligned to its reference token by token (difflib); every
   replacement, deletion or insertion of up to 3 tokens on each side becomes candidate rules
   with no context, one token of left context, one of right context, or both (an insertion
   always has context). A candidate needs `min_support` observations.
2. Ranking: on the training outputs a candidate *fires* wherever its pattern occurs; it is
   ranked by observed edits minus firings where the reference disagreed.
3. Selection, greedy in rank order on a held-out part: a candidate is kept when adding it to
   the rules kept so far raises corpus BLEU (sacrebleu, via precis.eval) and lowers the BLEU
   of no domain in which it fires at least `min_domain_fires` times.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from precis.translate.postedit import MAX_EDIT_TOKENS, Rule, apply_rules, index_rules, tokenize

MIN_SUPPORT = 3
MAX_CANDIDATES = 3000
MIN_DOMAIN_FIRES = 5
MIN_GAIN = 1e-4  # BLEU points a rule must add on the held-out part


@dataclass(frozen=True)
class Pair:
    hyp: str
    ref: str
    domain: str


@dataclass(frozen=True)
class LearnedRule:
    rule: Rule
    support: int
    fires: int
    heldout_gain: float


def _words(text: str) -> list[str]:
    return [t[0] for t in tokenize(text)]


def candidate_edits(hyp: list[str], ref: list[str]) -> list[Rule]:
    """The rules that would turn `hyp` towards `ref`, one per edit and context choice."""
    rules: list[Rule] = []
    matcher = difflib.SequenceMatcher(None, hyp, ref, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or i2 - i1 > MAX_EDIT_TOKENS or j2 - j1 > MAX_EDIT_TOKENS:
            continue
        old, new = tuple(hyp[i1:i2]), tuple(ref[j1:j2])
        left = tuple(hyp[i1 - 1 : i1]) if i1 else ()
        right = tuple(hyp[i2 : i2 + 1])
        contexts = [(left, right), (left, ()), ((), right)]
        if old:
            contexts.append(((), ()))
        for lc, rc in contexts:
            if (lc or rc or old) and (old or lc):
                rules.append(Rule(lc, old, rc, new))
    return list(dict.fromkeys(rules))


def ngram_counts(texts: Sequence[list[str]], max_n: int) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for words in texts:
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                counts[tuple(words[i : i + n])] += 1
    return counts


def rank_candidates(
    pairs: Sequence[Pair], *, min_support: int = MIN_SUPPORT, limit: int = MAX_CANDIDATES
) -> list[tuple[Rule, int, int]]:
    """(rule, support, fires) best first: support minus the firings that were not edits."""
    hyps = [_words(p.hyp) for p in pairs]
    support: Counter[Rule] = Counter()
    for words, pair in zip(hyps, pairs, strict=True):
        support.update(candidate_edits(words, _words(pair.ref)))
    frequent = [r for r, n in support.items() if n >= min_support]
    fires = ngram_counts(hyps, 2 * 1 + MAX_EDIT_TOKENS)
    scored = []
    for rule in frequent:
        n_fires = max(fires[rule.pattern], support[rule])
        net = 2 * support[rule] - n_fires
        if net > 0:
            scored.append((rule, support[rule], n_fires, net))
    scored.sort(key=lambda item: (-item[3], -item[1], str(item[0])))
    return [(r, s, f) for r, s, f, _ in scored[:limit]]


class HeldOut:
    """Held-out outputs with per-segment BLEU statistics, updated as rules are added."""

    def __init__(self, pairs: Sequence[Pair]) -> None:
        from precis.eval.metrics import build_metrics

        self.pairs = list(pairs)
        self.metric = build_metrics(["bleu"], lang="en")[0]
        self.outputs = [p.hyp for p in pairs]
        self.words = [_words(p.hyp) for p in pairs]
        self.stats = self._stats(range(len(pairs)), self.outputs)
        self.domains = sorted({p.domain for p in pairs})
        self._rows: dict[tuple[str, ...], list[int]] = {}  # n-gram -> segments holding it
        for i, words in enumerate(self.words):
            for gram in ngram_counts([words], 2 + MAX_EDIT_TOKENS):
                self._rows.setdefault(gram, []).append(i)

    def _stats(self, rows: Sequence[int] | range, outputs: Sequence[str]) -> Any:
        refs = [[self.pairs[i].ref for i in rows]]
        return self.metric.segment_stats(list(outputs), refs)

    def bleu(self, stats: Any, rows: Sequence[int] | None = None) -> float:
        part = stats if rows is None else stats[list(rows)]
        return self.metric.values_from_stats(part.sum(axis=0), len(part))[0]

    def where(self, rule: Rule) -> list[int]:
        """Segments whose (original) output contains the rule's pattern."""
        return self._rows.get(rule.pattern, [])


def select_rules(
    candidates: Sequence[tuple[Rule, int, int]],
    heldout: HeldOut,
    *,
    min_domain_fires: int = MIN_DOMAIN_FIRES,
    progress: Callable[[int, int, int], None] | None = None,
) -> list[LearnedRule]:
    """Greedy forward selection on the held-out part (see the module docstring)."""
    kept: list[LearnedRule] = []
    rules: list[Rule] = []
    base = heldout.bleu(heldout.stats)
    domain_rows = {
        d: [i for i, p in enumerate(heldout.pairs) if p.domain == d] for d in heldout.domains
    }
    for n, (rule, support, fires) in enumerate(candidates):
        if progress is not None and n % 100 == 0:
            progress(n, len(candidates), len(kept))
        rows = heldout.where(rule)
        if not rows:
            continue
        index = index_rules([*rules, rule])
        outputs = [apply_rules(heldout.pairs[i].hyp, index) for i in rows]
        if all(out == heldout.outputs[i] for out, i in zip(outputs, rows, strict=True)):
            continue
        trial = heldout.stats.copy()
        trial[rows] = heldout._stats(rows, outputs)
        value = heldout.bleu(trial)
        if value - base < MIN_GAIN or _hurts_a_domain(
            heldout, trial, rows, domain_rows, min_domain_fires
        ):
            continue
        kept.append(LearnedRule(rule, support, fires, round(value - base, 4)))
        rules.append(rule)
        heldout.stats = trial
        for out, i in zip(outputs, rows, strict=True):
            heldout.outputs[i] = out
        base = value
    return kept


def _hurts_a_domain(
    heldout: HeldOut, trial: Any, rows: list[int], domain_rows: dict[str, list[int]], min_fires: int
) -> bool:
    for domain, members in domain_rows.items():
        fired = sum(1 for i in rows if heldout.pairs[i].domain == domain)
        if fired >= min_fires and heldout.bleu(trial, members) < heldout.bleu(
            heldout.stats, members
        ):
            return True
    return False
