"""Paragraphs of an article, and the text normalization used to compare them.

An article is split on blank lines; a text with no blank line is split on single newlines (one
paragraph per line). A one-line document (the layout of `--lines` files and of scraped corpora
such as OrangeSum) has usually lost its paragraph breaks: "... américains.Au lendemain ..."; such
glued sentence boundaries (terminal punctuation directly followed by a capitalized word) are
restored as paragraph breaks.
"""

from __future__ import annotations

import re
import unicodedata

from precis.text.sentences import ABBREVIATIONS

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u202f]*\n")
# "américains.Au", "l'AFP.Et", "soit"."Je", "(-13,8%).Londres", "du pays.M. Loukachenko",
# "Brescia.« Nous", "tuerie.• Un", "Corse.140.000 foyers": a word of 2+ letters or digits or a
# closing quote or bracket, terminal punctuation, optional closing quote, then a capitalized word
# (or a title such as "M."), an opening quote, a bullet or a number followed by a space.
_GLUED = re.compile(
    r"(?P<word>[^\W_]{2,}[\"»”)]?|[\"»”)])"
    r"(?P<punct>[.!?…]+[\"»”]?)"
    r"(?=(?:[\"«“]\s?|[•►■▶]\s?)?[A-ZÀ-ÖØ-ÞŒÆ](?:[\w'’]|\s|\.\s)|\d[\d.,]*\s|- )"
)
# An AFP intertitle glued to the next paragraph: "- Rassembleur -Venu ...".
_INTERTITLE = re.compile(r"^- [^-\n]{1,80}? -(?=[\"«“]?[A-ZÀ-ÖØ-ÞŒÆ])")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`, stripped, empty ones dropped, in order.

    Blank lines separate paragraphs; a text without blank lines has one paragraph per line;
    a one-line text is split at glued sentence boundaries (lost paragraph breaks).
    """
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINE.search(text):
        parts = _BLANK_LINE.split(text)
    elif "\n" in text:
        parts = text.split("\n")
    else:
        parts = split_glued(text)
    return [part.strip() for part in parts if part.strip()]


def split_glued(line: str) -> list[str]:
    """Split a line at glued sentence boundaries ("fin.Début"), abbreviations excepted, and
    an AFP intertitle from the paragraph it was glued to ("- Titre -Début")."""
    pieces: list[str] = []
    start = 0
    for match in _GLUED.finditer(line):
        word = match.group("word").rstrip('"»”)')
        if match.group("punct").startswith(".") and word.lower() in ABBREVIATIONS:
            continue
        end = match.end()
        if word[-1:].isdigit() and line[end : end + 1].isdigit():
            continue  # a number ("140.000", "49.3"), not a boundary
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    out: list[str] = []
    for piece in pieces:
        stripped = piece.strip()
        title = _INTERTITLE.match(stripped)
        out += [title.group(0), stripped[title.end() :]] if title else [piece]
    return [piece for piece in out if piece.strip()]


def fold_accents(text: str) -> str:
    """'Été à Noël' -> 'Ete a Noel' (for comparison only; never shown to the user)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_for_comparison(text: str) -> str:
    """Case, accents, punctuation and whitespace folded: the key of exact-duplicate detection."""
    folded = fold_accents(unicodedata.normalize("NFKC", text)).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", folded)).strip()


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of `--words` and `--ratio`."""
    return len(text.split())
