"""Restatements: a paragraph that says again, in other words, what earlier paragraphs said.

Its content terms (`terms.terms`: stemmed, accents folded), weighted by TF-IDF with document
frequencies over the article's sentences, numbers and named entities counted `FACT_WEIGHT`
times, are matched against the earlier kept paragraphs: greedily, the paragraph that covers
most of the weight not yet covered, up to `RESTATEMENT_MAX_SOURCES` sources each adding at
least `RESTATEMENT_MIN_SOURCE_GAIN`. The covered share is the coverage. A paragraph opening with
a reformulation marker ("Autrement dit", "Pour rappel") needs a lower coverage. The caller
decides what to do: dedup removes it only if its sources state all its facts (facts.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from precis.summarize.terms import entities, numbers, term, terms, words
from precis.text.paragraphs import fold_accents
from precis.text.sentences import split_sentences

RESTATEMENT_COVERAGE = 0.6
RESTATEMENT_COVERAGE_MARKED = 0.35
# A paragraph that states again at least RESTATEMENT_MIN_FACTS facts of its sources (numbers,
# dates, names, quotes: see facts.py), and no other, may leave RESTATEMENT_FACTS_SLACK times
# as much of its content uncovered: shared facts are what a paraphrase in other words keeps
# ("payes revalorisées de 3,5 %" for "hausse de 3,5 % des salaires"). With the default
# coverage 0.6 it needs 0.4; with 0.99, 0.985.
RESTATEMENT_FACTS_SLACK = 1.5
RESTATEMENT_MIN_FACTS = 3
RESTATEMENT_MIN_TERMS = 8
RESTATEMENT_MAX_SOURCES = 2
RESTATEMENT_MIN_SOURCE_GAIN = 0.15
RESTATEMENT_MAX_LENGTH_RATIO = 1.5
FACT_WEIGHT = 2.0
# A sentence whose weighted content earlier paragraphs cover less than this says something new:
# the paragraph holding it is never a restatement, whatever its overall coverage.
RESTATEMENT_MIN_SENTENCE_COVERAGE = 0.34
RESTATEMENT_SENTENCE_MIN_TERMS = 3
# Reformulation markers: a paragraph that opens with one announces that it says again what
# was said ("Autrement dit, ...", "Pour rappel, ...").
RESTATEMENT_MARKERS: tuple[str, ...] = (
    "autrement dit",
    "en d'autres termes",
    "pour rappel",
    "rappelons que",
    "pour résumer",
    "en résumé",
    "en somme",
    "en clair",
    "en bref",
    "bref",
    "c'est-à-dire",
    "comme indiqué",
    "comme annoncé",
    # English, for the English side of bilingual corpora
    "in other words",
    "as a reminder",
    "to recap",
    "to sum up",
    "in short",
)
_MARKER = re.compile(
    r"^\W*(?:" + "|".join(re.escape(m) for m in RESTATEMENT_MARKERS) + r")\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Restatement:
    """How much of a paragraph earlier paragraphs already say."""

    coverage: float
    sources: tuple[int, ...]  # indices (in the original split) of the covering paragraphs
    marked: bool  # opens with a reformulation marker
    too_long: bool  # much longer than its sources: says more than they do
    new_sentences: tuple[str, ...] = ()  # sentences the sources barely cover


def sentence_idf(texts: Iterable[str]) -> dict[str, float]:
    """Smoothed IDF of content terms, documents being the sentences of the texts."""
    sentences = [s for text in texts for s in split_sentences(text)]
    df = Counter(t for s in sentences for t in set(terms(s)))
    n = len(sentences)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def term_weights(text: str, bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """TF-IDF weight of each content term of a paragraph, facts counted FACT_WEIGHT times."""
    fact_words = numbers(text) | entities(text)
    fact_terms = {
        term(w) for w in words(text) if fold_accents(w.lower()) in fact_words or w.isdigit()
    }
    weights = {t: tf * idf.get(t, 1.0) for t, tf in bag.items()}
    for t in fact_terms:
        if t in weights:
            weights[t] *= FACT_WEIGHT
    return weights


def restatement(
    text: str,
    bag: Counter[str],
    earlier: list[tuple[int, str, Counter[str]]],
    idf: dict[str, float],
) -> Restatement:
    """Coverage of a paragraph (`text`, its term counts `bag`) by earlier (index, text, bag)."""
    weights = term_weights(text, bag, idf)
    total = sum(weights.values()) or 1.0
    covered: set[str] = set()
    sources: list[tuple[int, str, Counter[str]]] = []
    for _ in range(RESTATEMENT_MAX_SOURCES):
        gains = [
            (sum(weights[t] for t in (bag.keys() & other.keys()) - covered), (i, t, other))
            for i, t, other in earlier
            if all(i != s[0] for s in sources)
        ]
        if not gains:
            break
        gain, source = max(gains, key=lambda g: g[0])
        if gain / total < RESTATEMENT_MIN_SOURCE_GAIN:
            break
        sources.append(source)
        covered |= bag.keys() & source[2].keys()
    source_words = sum(len(t.split()) for _, t, _ in sources)
    new_sentences = []
    for sentence in split_sentences(text):
        own = set(terms(sentence)) & weights.keys()
        if len(own) < RESTATEMENT_SENTENCE_MIN_TERMS:
            continue
        weight = sum(weights[t] for t in own) or 1.0
        if sum(weights[t] for t in own & covered) / weight < RESTATEMENT_MIN_SENTENCE_COVERAGE:
            new_sentences.append(sentence)
    return Restatement(
        new_sentences=tuple(new_sentences),
        coverage=round(sum(weights[t] for t in covered) / total, 4),
        sources=tuple(sorted(i for i, _, _ in sources)),
        marked=bool(_MARKER.match(text)),
        too_long=len(text.split()) > RESTATEMENT_MAX_LENGTH_RATIO * max(1, source_words),
    )
