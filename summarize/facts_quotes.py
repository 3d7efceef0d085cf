"""Quote facts: what someone said, between « » or quotation marks.

A quotation is news: a paragraph that quotes words its sources do not quote says something
new, however much of its vocabulary they share ("Rachida Dati accuse de « mensonge » la maire
de Paris" is not restated by a paragraph on her other attacks). A quote is stated by a text
whose sentence has at least `QUOTE_COVERAGE` of its content terms (a quote said again,
maybe cut or re-punctuated). A paragraph with an odd number of straight quotes began inside
a quotation: its text up to the first quote mark is one.
"""

from __future__ import annotations

import functools
import re

from precis.summarize.facts_base import Fact, FamilyDefaults
from precis.summarize.terms import terms
from precis.text.paragraphs import normalize_for_comparison
from precis.text.sentences import split_sentences

QUOTE_COVERAGE = 0.8
_CLOSING = re.compile(r'(?<=[\w.!?…)])"(?=[\s,.;:!?)]|$)')  # 'scientifique", a-t-elle'
_QUOTE = re.compile(r"«\s*([^»]+?)\s*»|“([^”]+?)”|\"([^\"]+?)\"")


def _quotes(text: str) -> list[str]:
    found = [next(g for g in m.groups() if g) for m in _QUOTE.finditer(text)]
    first = text.find('"')
    if text.count('"') % 2 == 1 and _CLOSING.match(text, first):
        head = text[:first].strip()
        if head:
            found.insert(0, head)
    return [q for q in found if terms(q)]


@functools.lru_cache(maxsize=1 << 14)
def _term_set(text: str) -> frozenset[str]:
    return frozenset(terms(text))


class QuoteFamily(FamilyDefaults):
    name = "quote"
    counted = False

    def facts(self, text: str, lexicon: frozenset[str] = frozenset()) -> list[Fact]:
        return [Fact(self.name, normalize_for_comparison(q), q) for q in _quotes(text)]

    def statements(self, text: str) -> dict[str, str]:
        return {normalize_for_comparison(q): q for q in _quotes(text)}

    def paraphrase(self, fact: Fact, other: str) -> str | None:
        """`other` says the quote again: as many of its sentences as the quote has hold most
        of its terms."""
        own = set(terms(fact.surface))
        size = max(1, len(split_sentences(fact.surface)))
        sentences = split_sentences(other)
        for i in range(max(1, len(sentences) - size + 1)):
            window = " ".join(sentences[i : i + size])
            if len(own & _term_set(window)) >= QUOTE_COVERAGE * len(own):
                return window
        return None


QUOTES = QuoteFamily()
