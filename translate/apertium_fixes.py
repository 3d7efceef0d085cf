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
from collections.abc import Callable, Mapping

_MARKED = re.compile(r"(?<![\\*#@])([*#@]+)(\w[\w'’-]*)")

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
    ("anzas", "ances"),
    ("anza", "ance"),
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


CATALAN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("cions", "tions"),
    ("ció", "tion"),
    ("itats", "ities"),
    ("itat", "ity"),
    ("istes", "ists"),
    ("ista", "ist"),
)


def guess_catalan(word: str) -> str:
    """An English guess for a Catalan word the next step does not know."""
    if not word.islower():
        return word
    return _by_suffix(word, CATALAN_SUFFIXES)


GUESSERS: dict[str, Callable[[str], str]] = {
    "fr": guess_french,
    "es": guess_spanish,
    "ca": guess_catalan,
}


def _split_mark(match: re.Match[str], text: str, source: str) -> tuple[str, str, str, bool]:
    """(literal prefix kept from the source, marks, word, mark is inside a token)."""
    marks, word = match.group(1), match.group(2)
    before = text[match.start() - 1] if match.start() else " "
    keep = ""
    if marks[0] + word in source:
        keep, marks = marks[0], marks[1:]  # a literal '#', '@' or '*' of the source
    return keep, marks, word, before.isalnum() or before == "_"


PLACEHOLDER_STEM = "zqx"  # + letters: a word no Apertium dictionary has, letters only
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER_STEM}[a-z]+\b", re.IGNORECASE)


def placeholder(index: int, capital: bool) -> str:
    """The index-th placeholder word ("zqxa", "zqxb", ..., "zqxba"); capitalized for names."""
    letters = ""
    while True:
        index, rest = divmod(index, 26)
        letters = chr(ord("a") + rest) + letters
        if index == 0:
            break
    word = PLACEHOLDER_STEM + letters
    return word.capitalize() if capital else word


# French terms the chains mistranslate badly, held as their English: fra-cat renders "ancien"
# and "ex-" as "ex" and joins it to "primer" ("L'ex-Premier ministre" came out "The exprimer
# minister"). Only these: a held term is an unknown word to the chain, which then cannot
# reorder its adjectives ("le Premier ministre britannique" is better left to Apertium).
TERMS: dict[str, str] = {
    f"{former}{premier} ministre": "former Prime Minister"
    for former in ("ex-", "ancien ", "ancienne ")
    for premier in ("Premier", "premier", "Première", "première")
}
_TERM = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, TERMS)) + r")(?!\w)")


# Word senses the chain gets wrong in news: "son poste" (a job) came out "his square" (fra-cat
# "plaça", spa-eng "plaza" -> "square"). Held only after a masculine determiner: "la poste" is
# the post office; "poste de télévision / de police" are left to Apertium.
SENSES: dict[str, str] = {"poste": "post", "postes": "posts"}
SENSES_VERSION = "1"  # in the backend's signature when on
_SENSE = re.compile(
    r"\b((?:le|du|au|son|ce|un|mon|ton|leur|notre|votre|nouveau|même) )"
    r"(postes?)\b(?! de (?:télévision|radio|police|travail|secours|commande|pilotage))"
)


def hold_terms(sentence: str, held: dict[str, str], *, senses: bool = False) -> str:
    """Replace the `TERMS` (and with `senses`, the `SENSES`) by placeholders holding English."""

    def hold(english: str) -> str:
        token = placeholder(len(held), capital=False)
        held[token] = english
        return token

    sentence = _TERM.sub(lambda m: hold(TERMS[m.group(1)]), sentence)
    if senses:
        sentence = _SENSE.sub(lambda m: m.group(1) + hold(SENSES[m.group(2)]), sentence)
    return sentence


def restore_placeholders(text: str, table: Mapping[str, str]) -> str:
    """Put the words held by placeholders back (a capitalized placeholder capitalizes them)."""

    def replace(match: re.Match[str]) -> str:
        held = table.get(match.group(0).lower())
        if held is None:
            return match.group(0)
        return held[:1].upper() + held[1:] if match.group(0)[0].isupper() else held

    return _PLACEHOLDER.sub(replace, text)


_CAPITAL_AFTER_NAME = re.compile(
    rf"^(?:\S+\s+)?{PLACEHOLDER_STEM.capitalize()}[a-z]+\s+([A-Z][a-z’']*)\b"
)


def lower_after_initial_name(text: str, source: str) -> str:
    """Undo Apertium's capital on the word after a sentence-initial unknown name.

    "**Macron Has said" (Apertium capitalizes the first word it knows): the word is lowered
    unless the source has it capitalized too (then it may be a name) or it is "I".
    """
    match = _CAPITAL_AFTER_NAME.match(text)
    if match is None or match.group(1) == "I" or re.search(rf"\b{match.group(1)}\b", source):
        return text
    start = match.start(1)
    return text[:start] + text[start].lower() + text[start + 1 :]


def unknown_words(text: str, source: str) -> list[str]:
    """Lower-case words a step marked unknown (`*word`): worth looking up in other pairs."""
    words = []
    for match in _MARKED.finditer(text):
        _, marks, word, inside = _split_mark(match, text, source)
        if "*" in marks and not inside and word[0].islower() and not _PLACEHOLDER.fullmatch(word):
            words.append(word)
    return words


def resolve_marks(
    text: str,
    source: str,
    *,
    lang: str,
    found: Mapping[str, str] | None = None,
    fix: bool = True,
    held: dict[str, str] | None = None,
) -> str:
    """Remove one step's marks; an unknown word becomes its looked-up or guessed English.

    `lang` is the step's input language (which cognate rules apply), `found` the words other
    pairs translated. A mark inside a token ("14*h30") is simply dropped; a capitalized unknown
    word is a name, kept as it is. With `held` (between steps), a resolved word is replaced by
    a placeholder word (recorded in `held`) that later steps pass through untranslated, still
    as a word of the sentence (a subject stays a subject); `restore_placeholders` puts it back.
    """
    found = found or {}

    def replace(match: re.Match[str]) -> str:
        keep, marks, word, inside = _split_mark(match, text, source)
        if inside or "*" not in marks or _PLACEHOLDER.fullmatch(word):
            return keep + word
        if not word[0].islower():
            english = word
        elif word in found:
            english = found[word]
        else:
            english = GUESSERS[lang](word) if fix and lang in GUESSERS else word
        if held is None:
            return keep + english
        token = placeholder(len(held), capital=not word[0].islower())
        held[token.lower()] = keep + english
        return token

    return _MARKED.sub(replace, text)
