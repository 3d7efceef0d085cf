"""Number facts: digits and French number words, ordinals, approximations, signs, percentages.

Values are normalized so that the same quantity meets whatever its spelling: "trois" and "3"
are "3"; "deux millions" and "2 millions" are "2000000"; "3,5 %" and "3,5 pour cent" are
"3.5%"; a signed number keeps its sign ("+0,4 %" is "+0.4%", "-0,4 %" is "-0.4%");
"troisième" and "3e" are "ord:3"; "une dizaine" is "~10", "des dizaines" "~10s".
"un"/"une" alone are articles, not numbers; inside a number ("vingt et un", "un million") they
count.
"""

from __future__ import annotations

import re

from precis.summarize.facts_base import Fact, FamilyDefaults
from precis.summarize.terms import term
from precis.text.paragraphs import fold_accents

UNITS: dict[str, int] = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6,
    "milliard": 10**9, "milliards": 10**9,
}  # fmt: skip
APPROX: dict[str, int] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
ORDINALS: dict[str, int] = {"premier": 1, "premiere": 1, "second": 2, "seconde": 2}
LAST = {"dernier": "ord:last", "derniere": "ord:last", "avant-dernier": "ord:last-1",
        "avant-derniere": "ord:last-1"}  # fmt: skip
_ORDINAL_STEMS = {"cinqu": 5, "neuv": 9}  # cinquième, neuvième
ARTICLES = frozenset({"un", "une"})

_DIGITS = r"(?<![\w.,])(?P<sign>[+\-−](?=\d))?(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)"
_FRACTION = r"(?P<frac>(?:\.\d{3}(?=\.\d{3}))*[.,]\d+)?"  # "3,5", "2.400", "1.234.567"
_TOKEN = re.compile(
    rf"{_DIGITS}{_FRACTION}(?P<ord>(?:er|re|ère|ere|e|ème|eme|è)\b)?"
    r"|(?P<pct>%|pour[ -]?cent\b)"
    r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)",
)


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _word_value(part: str) -> int | None:
    """The value of one number word (no hyphen), None if it is not one."""
    if part in UNITS:
        return UNITS[part]
    return SCALES.get(part)


def _words_value(parts: list[str]) -> int | None:
    """'quatre vingt dix' -> 90, 'deux cent mille' -> 200000 (French composition rules)."""
    total, current = 0, 0
    for part in parts:
        if part == "et":
            continue
        if part in ("cent", "cents"):
            current = (current or 1) * 100
        elif part in SCALES:
            total += (current or 1) * SCALES[part]
            current = 0
        elif part in ("vingt", "vingts") and current % 100 == 4:
            current += 76  # quatre-vingt(s)
        elif part in UNITS:
            current += UNITS[part]
        else:
            return None
    return total + current


def _ordinal(word: str) -> int | None:
    if word in ORDINALS:
        return ORDINALS[word]
    if not (word.endswith("ieme") or word.endswith("iemes")):
        return None
    stem = word.rsplit("ieme", 1)[0]
    if stem in _ORDINAL_STEMS:
        return _ORDINAL_STEMS[stem]
    parts = [p for p in stem.split("-") if p]
    if parts and parts[-1] not in UNITS and parts[-1] + "e" in UNITS:
        parts[-1] += "e"  # quatrième, onzième, trentième
    return _words_value(parts) if parts else None


class NumberFamily(FamilyDefaults):
    name = "number"
    counted = True

    def facts(self, text: str, lexicon: frozenset[str] = frozenset()) -> list[Fact]:
        return [Fact(self.name, value, surface) for value, surface in _numbers(text)]

    def statements(self, text: str) -> dict[str, str]:
        return {value: surface for value, surface in _numbers(text)}


def _numbers(text: str) -> list[tuple[str, str]]:
    """(value, surface) of each number of the text, in order."""
    tokens = list(_TOKEN.finditer(text))
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        consumed, item = _number_at(text, tokens, i)
        if item is not None:
            found.append(item)
        i += max(consumed, 1)
    return found


def _number_at(
    text: str, tokens: list[re.Match[str]], i: int
) -> tuple[int, tuple[str, str] | None]:
    """Read a number starting at tokens[i]: (tokens consumed, (value, surface) or None)."""
    tok = tokens[i]
    if tok.group("num"):
        if tok.group("ord") and not tok.group("frac") and not tok.group("sign"):
            return 1, (f"ord:{int(tok.group('num'))}", tok.group(0))
        digits = re.sub(r"\D", "", tok.group("num"))
        frac = tok.group("frac") or ""
        if re.fullmatch(r"(?:\.\d{3})+", frac):
            digits, frac = digits + frac.replace(".", ""), ""  # "9.000": thousands
        value = float(digits + frac.replace(",", "."))
        return _finish(text, tokens, i, i + 1, value, tok.group("sign") or "")
    word = tok.group("word")
    if not word:
        return 1, None
    low = fold_accents(word.lower())
    if low.rstrip("s") in LAST:
        return 1, (LAST[low.rstrip("s")], word)
    ordinal = _ordinal(low)
    if ordinal is not None:
        return 1, (f"ord:{ordinal}", word)
    if low in APPROX or low.rstrip("s") in APPROX:
        return _approx(tokens, i, None)
    parts, j = _word_run(text, tokens, i)
    if not parts or (len(parts) == 1 and parts[0] in ARTICLES):
        return 1, None
    if parts == ["neuf"] and _adjective(text, tokens, i):
        return 1, None
    if parts[-1] in ARTICLES and len(parts) > 1 and parts[-2] != "et":
        parts = parts[:-1]  # "les deux une fois": the article is not part of the number
        j -= 1
    words_value = _words_value(parts)
    if words_value is None:
        return 1, None
    if j < len(tokens) and _approx_word(tokens[j]):
        return _approx(tokens, j, words_value)
    return _finish(text, tokens, i, j, float(words_value), "")


TENS = frozenset({"vingt", "vingts", "trente", "quarante", "cinquante", "soixante"})


def _can_follow(prev: str, nxt: str) -> bool:
    """May number word `nxt` continue a number ending in `prev` ("quatre six" may not)?"""
    if nxt in SCALES or prev in SCALES or prev == "et":
        return True
    value = UNITS.get(nxt, -1)
    if prev in TENS:
        return 1 <= value <= 9 or (prev in ("soixante", "vingt", "vingts") and 10 <= value <= 19)
    if prev == "quatre":
        return nxt in ("vingt", "vingts")
    return prev == "dix" and 7 <= value <= 9


_DETERMINERS_TEXT = "les des ses ces nos vos leurs aux à a de d en par pour sur dans et ou"
DETERMINERS = frozenset([*_DETERMINERS_TEXT.split(), "plus", "moins"])


def _adjective(text: str, tokens: list[re.Match[str]], i: int) -> bool:
    """'un logement neuf', 'refait à neuf': 'neuf' after a noun, not before one, is new."""
    prev = fold_accents(tokens[i - 1].group(0).lower()) if i > 0 else ""
    if prev in DETERMINERS and prev != "a":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not nxt.group("word") or text[tokens[i].end() : nxt.start()].strip():
        return True  # "neuf." "neuf, ..."
    return term(nxt.group("word")) is None  # "neuf plus de": a stopword follows


def _word_run(text: str, tokens: list[re.Match[str]], i: int) -> tuple[list[str], int]:
    """The number words from tokens[i] on ('vingt-deux', 'deux cent mille', 'vingt et un')."""
    parts: list[str] = []
    j = i
    while j < len(tokens) and tokens[j].group("word"):
        if parts and text[tokens[j - 1].end() : tokens[j].start()].strip():
            break  # "quatre, six": punctuation between them, two numbers
        pieces = fold_accents(tokens[j].group("word").lower()).split("-")
        if pieces == ["et"]:
            nxt = tokens[j + 1].group("word") if j + 1 < len(tokens) else None
            if not (parts and parts[-1] in TENS and nxt and nxt.lower() in ("un", "une", "onze")):
                break
        elif not all(_word_value(p) is not None or p == "et" for p in pieces) or (
            parts and not _can_follow(parts[-1], pieces[0])
        ):
            break
        parts.extend(pieces)
        j += 1
    # a lone article followed by a scale counts ("un million"); before anything else it is not
    if parts and parts[0] in ARTICLES and (len(parts) == 1 or parts[1] not in SCALES):
        return (parts[:1], i + 1) if len(parts) == 1 else ([], i)
    return parts, j


def _approx_word(tok: re.Match[str]) -> int | None:
    word = tok.group("word")
    if not word:
        return None
    low = fold_accents(word.lower())
    return APPROX.get(low) or APPROX.get(low.rstrip("s"))


def _approx(tokens: list[re.Match[str]], i: int, count: int | None) -> tuple[int, tuple[str, str]]:
    tok = tokens[i]
    base = _approx_word(tok) or 0
    plural = tok.group("word").lower().endswith("s")
    if count is not None and count > 1:
        return 1, (f"~{count * base}", tok.group(0))
    return 1, (f"~{base}s" if plural else f"~{base}", tok.group(0))


def _finish(
    text: str, tokens: list[re.Match[str]], i: int, j: int, value: float, sign: str
) -> tuple[int, tuple[str, str]]:
    """Apply a following scale ('3,5 millions') and percent sign; build the surface."""
    if j < len(tokens) and tokens[j].group("word"):
        scale = SCALES.get(fold_accents(tokens[j].group("word").lower()))
        if scale and scale >= 1000:
            value *= scale
            j += 1
    pct = ""
    if j < len(tokens) and tokens[j].group("pct"):
        pct = "%"
        j += 1
    sign = {"−": "-"}.get(sign, sign)
    surface = text[tokens[i].start() : tokens[j - 1].end()]
    return j - i, (f"{sign}{_format(value)}{pct}", surface)


NUMBERS = NumberFamily()
