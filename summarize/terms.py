"""Words, content terms and facts of French text, for comparing paragraphs and scoring sentences.

A content term is a word that is not a stopword, stemmed (Snowball French), accents folded and
cut to `TERM_PREFIX_CHARS` characters so that "inscrits"/"inscrire" or "Montpellier"/
"montpelliérains" meet. Facts are what a paragraph must not lose: numbers ("3,5", "180 000") and
named entities (capitalized words that do not start a sentence, acronyms).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from precis.text.paragraphs import fold_accents
from precis.text.sentences import split_sentences

TERM_PREFIX_CHARS = 6
MIN_TERM_CHARS = 2

# A small French stopword list (function words, auxiliaries, frequent adverbs of news prose).
_STOPWORDS_FR_TEXT = """
    a à afin ai aie aient ainsi ait alors après as assez au aucun aucune aujourd aujourd'hui
    auquel aura aurai auraient aurait auront aussi autre autres aux auxquels avaient avais avait
    avant avec avez avoir avons ayant c ça car ce ceci cela celle celles celui cependant ces cet
    cette ceux chacun chaque chez ci comme comment contre d dans de depuis des desquels dès deux
    doit donc dont du duquel durant elle elles en encore entre est et étaient était étant été
    être eu eux fait faire fois font furent fut haut hors ici il ils j je jusqu jusque l la là
    laquelle le lequel les lesquels leur leurs lors lorsque lui m ma mais me même mêmes mes moi
    moins mon n ne ni non nos notre nous on ont or ou où par parce parmi pas pendant peu peut
    peuvent plus plusieurs pour pourquoi pourrait près puis qu quand que quel quelle quelles
    quels qui quoi s sa sans se selon ser sera serait seront ses si sien soi soit son sont sous
    souvent sur t ta tandis tant te tes toi ton tous tout toute toutes très trop tu un une unes
    uns v va vers vont vos votre vous y déjà ainsi également toujours aussi bien fait faits
    avoir été sont selon cet dit dont alors hui
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_FR_TEXT.split())
# English function words, so that the English side of a bilingual corpus compares as well
# (French content words that look like them, e.g. "an", "son", "est", are left out).
_STOPWORDS_EN_TEXT = """
    the of and to in is was for that with by at it from be this are has have had were will
    which its their they he she his her them been being would could should may might must
    can did does do not no but or if then than so such into over about after before while
    also who whom whose what when where why how all any each both more most other some only
    own same very just we our us you your i me my
"""
STOPWORDS_EN: frozenset[str] = frozenset(_STOPWORDS_EN_TEXT.split())

_ALL_STOPWORDS = STOPWORDS | STOPWORDS_EN
_WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("’", "'")


def words(text: str) -> list[str]:
    """Word tokens, apostrophe elisions split off ("l'été" -> "été"), original case kept."""
    out: list[str] = []
    for token in _WORD.findall(_nfc(text)):
        token = _ELISION.sub("", token)
        out.extend(part for part in token.split("'") if part)
    return out


@functools.lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=65536)
def term(word: str) -> str | None:
    """The comparison term of a word, or None for a stopword or a one-letter word."""
    lower = word.lower()
    if lower in _ALL_STOPWORDS or len(lower) < MIN_TERM_CHARS:
        return None
    if lower.isdigit():
        return lower
    stem = _stemmer().stemWord(lower)
    return fold_accents(stem)[:TERM_PREFIX_CHARS]


def terms(text: str) -> list[str]:
    """Content terms of a text, in order, repeated as they occur."""
    return [t for t in (term(w) for w in words(text)) if t]


def numbers(text: str) -> set[str]:
    """Numbers written with digits, normalized: '180 000' -> '180000', '3,5' -> '3.5'."""
    found = set()
    for match in _NUMBER.findall(text):
        value = re.sub(r"[ \u00a0\u202f]", "", match).replace(",", ".")
        found.add(value)
    return found


def entities(text: str) -> set[str]:
    """Named entities as folded lowercase words: capitalized words that do not open a
    sentence, and acronyms anywhere ("OTAN", "TER")."""
    found: set[str] = set()
    for sentence in split_sentences(text):
        tokens = words(sentence)
        for i, token in enumerate(tokens):
            if not token[0].isupper() or token.isdigit():
                continue
            lower = token.lower()
            acronym = len(token) >= 2 and token.isupper()
            if (i > 0 or acronym) and lower not in _ALL_STOPWORDS and len(token) >= 2:
                found.add(fold_accents(lower))
    return found


def vocabulary(text: str) -> set[str]:
    """Every word of a text, folded lowercase (where a fact is looked up)."""
    return {fold_accents(w.lower()) for w in words(text)}


def facts(text: str) -> set[str]:
    """Numbers and named entities: what a paragraph must not lose."""
    return numbers(text) | entities(text)
