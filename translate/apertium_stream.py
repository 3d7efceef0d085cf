"""Apertium stream format for precis: escaping, numbered sentences, shielded text, unwrapping.

Each sentence is escaped and closed by `.[]` (a hard boundary) and a numbered superblank
`[<p:N>]`; superblanks pass through every Apertium stage untouched, so the outputs are matched
to the inputs exactly (a lost or shifted separator is an error, never a shifted translation).
Text that no stage may touch is *shielded*: put inside a superblank `[...]`, it comes out
verbatim. The source is shielded where Apertium would damage it: identifiers and
digit-letter tokens ("14h30", "24h/24", "report_2025_v2"), no-break spaces, and honorifics
given their English form ("Mme" -> "Mrs"). Between steps of a chain, names and resolved
unknown words are shielded the same way (translate/apertium.py).
"""

from __future__ import annotations

import re

from precis.errors import PrecisError

# Characters Apertium's stream format reserves (the same set apertium-destxt escapes).
_ESCAPE = re.compile(r"([\\\[\]^$@/<>{}])")
_UNESCAPE = re.compile(r"\\(.)")
_SEPARATOR = re.compile(r"\[<p:(\d+)>\]")
# A superblank `[...]` (content escaped), a run of (escaped) text, or a stray character.
_LEX = re.compile(r"\[(?:\\.|[^\]\\])*\]|(?:\\.|[^\\\[])+|.", re.DOTALL)
ADDED_STOP = ".[]"  # a full stop + empty superblank after each sentence: a hard boundary
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
_SPACES = re.compile(rf"[^\S{NO_BREAK_SPACES}]+")  # whitespace other than no-break spaces
# English forms of French honorifics (shielded: Apertium's pivot gives "Sra", "the lady").
HONORIFICS: dict[str, str] = {"Mme": "Mrs", "Mmes": "Mrs", "Mlle": "Miss", "Mlles": "Misses"}
_HONORIFIC = re.compile(
    r"(?<![\w.])(?:("
    + "|".join(HONORIFICS)
    + r")\b\.?|(MM?)\.(?=[\s"
    + NO_BREAK_SPACES
    + r"]+[A-ZÀ-Ý]))"
)
# A token Apertium would split or translate piecewise: identifiers with "_", digit-letter mixes.
_TOKEN = re.compile(r"(?<![\w/])\w+(?:[/_]\w+)*")
_ORDINAL = re.compile(r"\d+(?:er|re|e|ème|èmes|es|ers|res|nd|nde)", re.IGNORECASE)


class AlignmentError(PrecisError):
    """Apertium's output cannot be matched to the input sentences (fails one document)."""


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def shield(text: str) -> str:
    """A superblank holding `text`: passes every Apertium stage verbatim."""
    return f"[{escape(text)}]"


def _must_shield(token: str) -> bool:
    if "_" in token:
        return True
    has_digit = any(c.isdigit() for c in token)
    has_letter = any(c.isalpha() for c in token)
    return has_digit and has_letter and not _ORDINAL.fullmatch(token)


def protect(sentence: str) -> str:
    """One source sentence as escaped stream text, with its fragile parts shielded."""
    out: list[str] = []
    pos = 0
    spans: list[tuple[int, int, str]] = []
    for match in _HONORIFIC.finditer(sentence):
        english = HONORIFICS.get(match.group(1) or "", "Messrs" if match.group(2) == "MM" else "Mr")
        spans.append((match.start(), match.end(), english))
    for match in _TOKEN.finditer(sentence):
        if _must_shield(match.group(0)) and not any(s <= match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), match.group(0)))
    for char in NO_BREAK_SPACES:
        start = sentence.find(char)
        while start >= 0:
            if not any(s <= start < e for s, e, _ in spans):
                spans.append((start, start + 1, char))
            start = sentence.find(char, start + 1)
    for start, end, text in sorted(spans):
        out.append(escape(sentence[pos:start]))
        out.append(shield(text))
        pos = end
    out.append(escape(sentence[pos:]))
    return "".join(out)


def flatten(sentence: str) -> str:
    """One line: NULs and ordinary whitespace runs become one space (no-break spaces stay)."""
    return _SPACES.sub(" ", sentence.replace("\0", " ")).strip(" ")


def encode(sentences: list[str]) -> str:
    """Apertium stream text: each sentence protected, closed by `.[]` and a numbered superblank."""
    return join([protect(flatten(s)) + ADDED_STOP for s in sentences])


def join(pieces: list[str]) -> str:
    return "".join(f"{piece}[<p:{i}>]" for i, piece in enumerate(pieces))


def last_marker(count: int) -> str:
    return f"[<p:{count - 1}>]"


def split(stream: str, count: int) -> list[str]:
    """The stream text of each sentence, checking that all separators came back in order."""
    pieces = _SEPARATOR.split(stream)
    numbers = pieces[1::2]
    if numbers != [str(i) for i in range(count)] or pieces[-1].strip():
        raise AlignmentError(
            f"apertium returned {len(numbers)} sentence separators for {count} sentences "
            "(or out of order); the pipeline's output cannot be aligned"
        )
    return pieces[0:-1:2]


def unwrap(piece: str) -> str:
    """Plain text of one sentence's stream: superblanks opened, escapes and the stop removed."""
    text = piece.strip()
    if text.endswith(ADDED_STOP):
        text = text[: -len(ADDED_STOP)]
    parts = []
    for is_blank, raw in text_segments(text):
        parts.append(_UNESCAPE.sub(r"\1", raw[1:-1] if is_blank else raw))
    return flatten("".join(parts))


def decode(stream: str, count: int) -> list[str]:
    """Split on the numbered superblanks (checked) and unwrap each sentence."""
    return [unwrap(piece) for piece in split(stream, count)]


def text_segments(piece: str) -> list[tuple[bool, str]]:
    """(is_superblank, raw text) segments of one sentence's stream, in order."""
    segments: list[tuple[bool, str]] = []
    for match in _LEX.finditer(piece):
        raw = match.group(0)
        is_blank = len(raw) > 1 and raw[0] == "[" and raw[-1] == "]"
        if not is_blank and segments and not segments[-1][0]:
            segments[-1] = (False, segments[-1][1] + raw)
        else:
            segments.append((is_blank, raw))
    return segments
