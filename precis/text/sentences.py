"""The French sentence splitter of the project (summaries, translation segments, ROUGE-Lsum).

Rule-based and span-based: every sentence is a slice of the input, so joining the sentences gives
back the text up to whitespace. Handles abbreviations ("M. Dupont", "Mme", "av. J.-C."), initials,
decimal numbers ("3,5", "3.5"), ellipses, French spacing before "?!" and closing « guillemets ».
A line break is always a boundary (headlines and list items have no final punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-cased, without the final period. A period after one of these never ends a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "mgr",
        "me",
        "dr",
        "pr",
        "prof",
        "st",
        "ste",
        "sts",
        "stes",
        "cf",
        "p",
        "pp",
        "art",
        "al",
        "av",
        "apr",
        "env",
        "n",
        "no",
        "nº",
        "vol",
        "chap",
        "fig",
        "éd",
        "ed",
        "hab",
        "min",
        "max",
        "approx",
        "janv",
        "févr",
        "fév",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "déc",
        "dép",
        "gén",
        "lt",
        "col",
        "cdt",
        "cie",
        "ets",
        "bd",
        "boul",
        "tél",
        "hr",
        "ibid",
        "op",
        "cit",
        "coll",
        "resp",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "vs",
    ]
)

_TERMINAL = ".!?…"
_CLOSERS = '»”"’)]'
_OPENERS = '«“"([—–-¿¡'
# A boundary: terminal punctuation, optional closing quotes/brackets (French spacing allowed
# before »), then whitespace. Whether the next character may start a sentence is checked in code.
_BOUNDARY = re.compile(
    rf"[{re.escape(_TERMINAL)}]+(?:[ \u00a0\u202f]*[{re.escape(_CLOSERS)}])*(?=\s)"
)
_WORD_PUNCT = "_’'-."  # with letters and digits (str.isalnum, as regex \w): a word before a "."
_COMPLETE_END = re.compile(
    rf"[{re.escape(_TERMINAL)}](?:[ \u00a0\u202f]*[{re.escape(_CLOSERS)}])*$"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    """True when the period at dot_pos closes an abbreviation or an initial, not a sentence."""
    start = dot_pos
    # Scan back over the word (not a regex searched from the line start: that costs the
    # line's length at every period, quadratic on a one-paragraph article of megabytes).
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _WORD_PUNCT):
        start -= 1
    if start == dot_pos:
        return False
    word = text[start:dot_pos].strip("'’-")
    last = word.rsplit(".", 1)[-1] if "." in word else word
    if not last:
        return False
    if len(last) == 1 and last.isalpha() and last.isupper():
        return True  # an initial: "J. K. Rowling", "av. J.-C."
    if "." in word and all(len(part) <= 2 for part in word.split(".") if part):
        return True  # "J.-C.", "U.S.", "p.ex."
    return last.lower() in ABBREVIATIONS


def _starts_sentence(text: str, pos: int) -> bool:
    """May a sentence start at the first non-space character at or after pos?"""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences of text, whitespace excluded, in order."""
    spans: list[Span] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line_start = line_match.start()
        line = line_match.group(0)
        start = 0
        for m in _BOUNDARY.finditer(line):
            punct = line[m.start() : m.end()].rstrip(_CLOSERS + " \u00a0\u202f")
            if punct == "." and _is_abbreviation(line, m.start()):
                continue
            if not _starts_sentence(line, m.end()):
                continue
            _add(spans, line, line_start, start, m.end())
            start = m.end()
        _add(spans, line, line_start, start, len(line))
    return spans


def _add(spans: list[Span], line: str, offset: int, start: int, end: int) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = offset + start + lead
    spans.append(Span(s, s + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of a French text, in order; joined they give back the text up to spaces."""
    return [text[s.start : s.end] for s in sentence_spans(text)]


def is_complete(sentence: str) -> bool:
    """True when the sentence ends on terminal punctuation (not a cut fragment ending in ',')."""
    return bool(_COMPLETE_END.search(sentence.strip()))
