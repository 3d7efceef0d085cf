"""Post-editing of Apertium's pivot output: remove unknown-word marks, guess cognates.

The pipeline runs with marks on (`-g`): `**word` is a French word the fr-es pair does not know,
`*word` a Spanish word the spa-eng pair does not know (fr-es produced it), `#word` a word the
generator could not inflect, `@word` a lemma missing from a bilingual dictionary. Marks are
always removed (a mark character that was in the source text, as in `#MeToo`, is kept). With
`fix=True`, lower-case French and Spanish leftovers get an English cognate by suffix rules
(`-ité` -> `-ity`, `-ción` -> `-tion`, ...) and accents are dropped: "constitutionnalité" ->
"constitutionality", "migrantes" -> "migrants". Proper names (capitalized) are left alone.
Checked on newstest2013 and newsdiscusstest2015 (translate/README.md).
"""

from __future__ import annotations

import re
import unicodedata

_MARKED = re.compile(r"(?<![\w*#@])([*#@]+)(\w[\w'’-]*)")

# French suffix -> English suffix, first match wins (word already lower-case).
FRENCH_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("tionnalités", "tionalities"),
    ("tionnalité", "tionality"),
    ("tionnelles", "tional"),
    ("tionnelle", "tional"),
    ("tionnels", "tional"),
    ("tionnel", "tional"),
    ("ités", "ities"),
    ("ité", "ity"),
    ("iques", "ics"),
    ("ique", "ic"),
    ("ismes", "isms"),
    ("isme", "ism"),
    ("istes", "ists"),
    ("iste", "ist"),
    ("euses", "ous"),
    ("euse", "ous"),
    ("eux", "ous"),
    ("ifs", "ives"),
    ("if", "ive"),
    ("aires", "aries"),
    ("aire", "ary"),
    ("elles", "al"),
    ("elle", "al"),
    ("els", "als"),
    ("el", "al"),
    ("ètres", "eters"),
    ("ètre", "eter"),
    ("gies", "gies"),
    ("gie", "gy"),
    ("ies", "ies"),
    ("ie", "y"),
)
# Spanish suffix -> English suffix (words the spa-eng pair does not know).
SPANISH_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ciones", "tions"),
    ("ción", "tion"),
    ("idades", "ities"),
    ("idad", "ity"),
    ("mente", "ly"),
    ("icos", "ics"),
    ("icas", "ics"),
    ("ico", "ic"),
    ("ica", "ic"),
    ("osos", "ous"),
    ("osas", "ous"),
    ("oso", "ous"),
    ("osa", "ous"),
    ("istas", "ists"),
    ("ista", "ist"),
    ("ismos", "isms"),
    ("ismo", "ism"),
    ("antes", "ants"),
    ("ante", "ant"),
    ("entes", "ents"),
    ("ente", "ent"),
    ("ivos", "ives"),
    ("ivas", "ives"),
    ("ivo", "ive"),
    ("iva", "ive"),
    ("arios", "aries"),
    ("ario", "ary"),
)
# Common Spanish words the fr-es pair generates but the spa-eng pair lacks.
SPANISH_WORDS: dict[str, str] = {
    "millardos": "billion",
    "millardo": "billion",
    "cientos": "hundreds",
    "antaño": "formerly",
    "obligatoriamente": "compulsorily",
    "reflexionar": "reflect",
}


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _by_suffix(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    for suffix, english in rules:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return strip_accents(word[: -len(suffix)] + english)
    return strip_accents(word)


def guess_french(word: str) -> str:
    """An English guess for a French word Apertium does not know (lower-case words only)."""
    if not word.islower():
        return word
    return _by_suffix(word, FRENCH_SUFFIXES)


def guess_spanish(word: str) -> str:
    """An English guess for a Spanish word the spa-eng pair does not know."""
    if not word.islower():
        return word
    if word in SPANISH_WORDS:
        return SPANISH_WORDS[word]
    return _by_suffix(word, SPANISH_SUFFIXES)


def clean_marks(output: str, source: str, *, fix: bool = True) -> str:
    """Remove Apertium's marks from one output sentence; guess cognates when `fix`."""

    def replace(match: re.Match[str]) -> str:
        marks, word = match.group(1), match.group(2)
        keep = ""
        if marks[0] in "#@*" and marks[0] + word in source:
            keep, marks = marks[0], marks[1:]  # a literal '#', '@' or '*' of the source
        if not marks or not fix:
            return keep + word
        if marks.startswith("**"):
            return keep + guess_french(word)
        if marks == "*":
            return keep + guess_spanish(word)
        return keep + word

    return _MARKED.sub(replace, output)
