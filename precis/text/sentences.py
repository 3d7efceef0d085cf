"""The French sentence splitter of the project (summaries, translation segments, ROUGE-Lsum).

Rule-based and span-based: every sentence is a slice of the input, so joining the sentences gives
back the text up to whitespace. Handles abbreviations ("M. Dupont", "Mme", "l'art. 49.3"), those
that may end a sentence ("le 15 févr. Le lendemain", "44 av. J.-C. Son fils"), initials ("J. K.
Rowling", but "du groupe A. Elle"), units ("1,80 m. Sa"), decimal numbers ("3,5", "3.5"),
ellipses, French spacing before "?!", closing « guillemets » and straight quotes that open the
next sentence. Scored against pysbd and Punkt by bench/sentence_split.py.
A line break is always a boundary (headlines and list items have no final punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Without the final period. A period after a title (exact case: "M." is Monsieur, "m." after a
# number is a metre) never ends a sentence, nor one after a word announcing what follows it
# ("art. 49.3", "p. 12", "av. J.-C.", "env. 300"; lower-cased).
TITLES: frozenset[str] = _wordset(
    "M MM Mme Mmes Mlle Mlles Mgr Me Dr Pr Prof St Ste Sts Stes Mr Mrs Ms"
)
PREFIXES: frozenset[str] = _wordset(
    "cf p pp art al av apr env n no nº vol chap vers fig éd ed gén lt col cdt bd boul tél op "
    "coll resp vs approx dép cass soc civ crim"
)
# These may end a sentence: they do when the next word is capitalized ("le 15 févr. Le
# lendemain", "45 min. Puis", "etc. Tous"), not before a year or a lower-case word.
FINAL_ABBREVIATIONS: frozenset[str] = _wordset(
    "etc hab janv févr fév avr juil sept oct nov déc cie ets ibid cit jr sr min max"
)
# Every abbreviation, lower-cased (for the glued-boundary repair of precis.text.paragraphs).
ABBREVIATIONS: frozenset[str] = frozenset(
    {t.lower() for t in TITLES} | PREFIXES | FINAL_ABBREVIATIONS
)
# After an initial ("du groupe A.") or a dotted abbreviation ("av. J.-C."), a new sentence is
# recognized by its first word: a pronoun, determiner or connective, not a name ("J. K. Rowling").
SENTENCE_STARTERS: frozenset[str] = _wordset(
    """il elle ils elles on nous vous je tu le la les l' un une des du de d' ce cet cette ces c'
    son sa ses leur leurs mon ma mes notre nos votre vos puis mais et ou donc or ensuite enfin
    alors depuis dans en pour par selon avec sans sur sous après avant lors quand si cela ceci
    ça aujourd' hier demain pourtant cependant toutefois néanmoins ainsi aussi certains
    certaines plusieurs tous toutes tout chaque aucun aucune quelques qui que qu' quoi où
    comment pourquoi combien au aux à entre parmi outre malgré comme lorsque lorsqu' parce
    voici voilà y j' n' s' jusqu' ici là désormais car bref encore même surtout seulement
    parfois souvent toujours jamais déjà maintenant certes non oui mieux plus moins rien
    personne autant chez contre durant pendant dès sauf grâce face"""
)
_ELISION = re.compile(r"^\w+['’]")  # "l'art" -> "art"

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


def _word_before(text: str, dot_pos: int) -> str:
    """The word that the period at dot_pos closes, elision removed ("l'art" -> "art")."""
    start = dot_pos
    # Scan back over the word (not a regex searched from the line start: that costs the
    # line's length at every period, quadratic on a one-paragraph article of megabytes).
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _WORD_PUNCT):
        start -= 1
    word = text[start:dot_pos].strip("'’-")
    return _ELISION.sub("", word)


def _next_word(text: str, pos: int) -> str:
    """The first word at or after pos, lower-cased, an elided article kept with its apostrophe."""
    n = len(text)
    while pos < n and (text[pos].isspace() or text[pos] in _OPENERS):
        pos += 1
    end = pos
    while end < n and text[end].isalpha():
        end += 1
    if end < n and text[end] in "'’":
        return text[pos:end].lower() + "'"
    return text[pos:end].lower()


def _is_dotted(word: str) -> bool:
    """Dotted: "J.-C", "U.S", "p.ex" (short letter groups), not "49.3" or "lyon.fr"."""
    parts = [part.strip("-") for part in word.split(".")]
    return len(parts) > 1 and all(part.isalpha() and len(part) <= 2 for part in parts if part)


def _period_ends_sentence(text: str, dot_pos: int, after: int) -> bool:
    """Does the period at dot_pos (whitespace then a possible sentence start at `after`) end a
    sentence, or close an abbreviation or an initial?"""
    word = _word_before(text, dot_pos)
    if not word:
        return True
    last = word.rsplit(".", 1)[-1]
    if word in TITLES or last in TITLES:
        return False
    if last.lower() in FINAL_ABBREVIATIONS:
        return _first_char(text, after).isupper()  # "févr. Le", not "févr. 2024"
    if last.lower() in PREFIXES or _is_dotted(word) or (len(last) == 1 and last.isupper()):
        # "art. 49.3", "J. K. Rowling", "av. J.-C. à": a sentence starts only with a word
        # that no abbreviation announces ("groupe A. Elle", "de l'art. Cette liste").
        return _next_word(text, after) in SENTENCE_STARTERS
    return True


def _first_char(text: str, pos: int) -> str:
    """The first character at or after pos that is neither a space nor an opening quote/dash."""
    n = len(text)
    while pos < n and (text[pos].isspace() or text[pos] in _OPENERS):
        pos += 1
    return text[pos] if pos < n else ""


def _starts_sentence(text: str, pos: int) -> bool:
    """May a sentence start at or after pos? ("— Oui", "« Nous", "2024 a", not "- pour")"""
    ch = _first_char(text, pos)
    return not ch or ch.isupper() or ch.isdigit()


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences of text, whitespace excluded, in order."""
    spans: list[Span] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line_start = line_match.start()
        line = line_match.group(0)
        start = 0
        for m in _BOUNDARY.finditer(line):
            punct = line[m.start() : m.end()].rstrip(_CLOSERS + " \u00a0\u202f")
            if not _starts_sentence(line, m.end()):
                continue
            if punct == "." and not _period_ends_sentence(line, m.start(), m.end()):
                continue
            end = _sentence_end(line, start, m.start(), m.end())
            _add(spans, line, line_start, start, end)
            start = end
        _add(spans, line, line_start, start, len(line))
    return spans


def _sentence_end(line: str, start: int, punct_start: int, match_end: int) -> int:
    """Where the sentence ends: after its closing quotes, except a straight quote that opens
    the next sentence (an even number of them so far in the sentence: "... ans. " Ils ...")."""
    quote = line.find('"', punct_start, match_end)
    if quote >= 0 and line.count('"', start, punct_start) % 2 == 0:
        return quote
    return match_end


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
