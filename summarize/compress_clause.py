"""What a compressed version shortens, for compress.py: the clause and its attribution.

`clause` finds the main clause, or, before an inverted attribution that ends the sentence
(`..., a indiqué le ministère dans un communiqué.`), the reported clause and the
attribution's verb; `incise_spans` lists what may go in that attribution (what follows its
subject), and `holds_attribution` tells when a unit would take who says so with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RELATIVE_PRONOUNS = {"qui", "où", "dont", "lequel", "laquelle", "lesquels", "lesquelles"}
RELATIVE_PRONOUNS |= {"auquel", "auxquels", "auxquelles", "duquel", "desquels", "desquelles"}
SUBJECTS = {"nsubj", "nsubj:pass", "expl:subj", "csubj"}
VERB_PARTS = {"aux:tense", "aux:pass", "cop"}
INCISE_TAIL = {"obl:mod": "prepositional phrase", "advcl": "adverbial clause"}
INCISE_TAIL |= {"advmod": "prepositional phrase"}  # ", lors de son point presse"
SUBJECT_TAIL = {"appos": "apposition", "acl:relcl": "relative clause", "acl": "participial phrase"}
TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin"}
TIME_WORDS |= {"soir", "nuit", "jour", "semaine", "mois", "an", "année", "week-end", "veille"}
TIME_WORDS |= {"lendemain", "hier", "midi", "après-midi", "soirée", "matinée", "janvier"}
TIME_WORDS |= {"février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre"}
TIME_WORDS |= {"octobre", "novembre", "décembre", "printemps", "été", "automne", "hiver"}
ATTRIBUTION_STARTS = ("selon", "d'après", "d’après", "aux yeux")
INCISE_DEPS = {"parataxis", "advcl", "conj", "ccomp", "dep"}  # how the parser attaches it
QUOTES = {"«": "»", "“": "”", '"': '"'}


@dataclass(frozen=True)
class Span:
    start: int  # token indices, end exclusive
    end: int
    label: str


@dataclass(frozen=True)
class Clause:
    """The clause the versions shorten: its verb, where it ends (the final punctuation, or
    the comma of an inverted attribution) and that attribution's verb (`a indiqué`)."""

    main: Any
    end: int
    incise: Any | None = None
    apposed: int = -1  # a subject the parser took for the apposition's ("L'opération, la ...")
    opener: int = 0  # where the main clause starts when the parser hung it in the opening


def root_of(doc: Any) -> Any:
    return next(t for t in doc if t.dep_ == "ROOT")


def final_index(doc: Any) -> int:
    """Index of the first token of the final punctuation run (len(doc) when there is none)."""
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct and doc[end - 1].text not in {")", "»", '"', "”"}:
        end -= 1
    return end


def clause(doc: Any) -> Clause:
    root, final = root_of(doc), final_index(doc)
    found = _incise(doc, root, final)
    rerooted = _rerooted(doc, root, final) if found is None else None
    if rerooted is not None:
        return Clause(rerooted[0], final, opener=rerooted[1])
    if found is None:
        return Clause(root, final, apposed=_apposed_subject(doc, root))
    verb, cut = found
    if verb.i != root.i:
        return Clause(root, cut, verb)  # "..., rapporte Le Parisien": the parser's advcl
    heads = [t for t in doc[:cut] if not t.is_punct and t.head.i >= cut]
    return Clause(heads[0], cut, verb, _apposed_subject(doc, heads[0]))


def _rerooted(doc: Any, root: Any, final: int) -> tuple[Any, int] | None:
    """ "Huit jours après l'explosion qui a fait quatre morts, des riverains ont rendu ...":
    the parser made the opening phrase the root and hung the main clause inside it. The
    main verb and where its clause starts, when that clause runs from a comma to the end."""
    if verbal(root) and not any(c.dep_ == "case" for c in root.children):
        return None
    for t in doc[root.i + 1 : final]:
        starts = [c.left_edge.i for c in t.children if c.dep_ in SUBJECTS and c.i < t.i]
        if t.pos_ not in {"VERB", "AUX"} or not starts or t.left_edge.i != min(starts):
            continue
        start = min(starts)
        if start < 3 or doc[start - 1].text != "," or t.right_edge.i + 1 < final:
            continue
        if root.i > start or doc[start].lower_ in RELATIVE_PRONOUNS or not _opening(doc[0]):
            continue  # "La directrice, qui a côtoyé ..., affirme": no clause hung in an opening
        verbs = [t, *(c for c in t.children if c.dep_ in VERB_PARTS)]
        if not any("Fin" in v.morph.get("VerbForm") for v in verbs):
            continue
        if any(q in doc[:start].text for q in QUOTES) or attribution(doc, 0):
            return None
        return t, start
    return None


def _opening(t: Any) -> bool:
    """Can t open an adverbial phrase ("Après", "Alors que", "Huit jours après", "Lundi")?"""
    participle = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm")
    return t.pos_ in {"ADP", "ADV", "SCONJ", "NUM"} or t.lower_ in TIME_WORDS or participle


def _apposed_subject(doc: Any, main: Any) -> int:
    """ "L'opération, la troisième en une semaine, a permis ...": the parser makes the first
    noun phrase an obl:mod and the apposition the subject. The index of that false subject
    when the sentence has this shape (noun phrase, comma, subject, comma, verb), else -1."""
    first = next((c for c in main.children if c.left_edge.i == 0), None)
    subjects = [c for c in main.children if c.dep_ in SUBJECTS and c.i < main.i]
    if first is None or first.dep_ != "obl:mod" or adverbial(first) or len(subjects) != 1:
        return -1
    if first.pos_ not in {"NOUN", "PROPN"} or any(c.dep_ == "case" for c in first.children):
        return -1
    subject, comma = subjects[0], first.right_edge.i + 1
    if doc[comma].text != "," or subject.left_edge.i != comma + 1:
        return -1
    after = subject.right_edge.i + 1
    if doc[after].text != "," or after + 1 != verb_start(main):
        return -1
    return subject.i


def _incise(doc: Any, root: Any, final: int) -> tuple[Any, int] | None:
    """The verb of an inverted attribution that ends the sentence, set off by a comma, its
    subject after it (`..., a annoncé jeudi le ministère.`), and the index of that comma."""
    later = [c for c in root.children if c.dep_ in INCISE_DEPS and c.i > root.i]
    shaped = [t for t in doc[root.i + 1 : final] if t.pos_ == "VERB" and _said_by(doc, t.i)]
    for verb in [root, *later, *shaped]:
        parts = [c.i for c in verb.children if c.dep_ in VERB_PARTS and c.i < verb.i]
        cut = verb_start(verb) - 1
        if verb.pos_ != "VERB" or cut < 3 or doc[cut].text != ",":
            continue
        finite = any("Fin" in doc[i].morph.get("VerbForm") for i in [verb.i, *parts])
        if not finite and verb not in shaped:
            continue
        if not postposed_subjects(verb):
            continue
        tail = range(cut, final)
        if any(t.head.i not in tail for t in doc[cut:final] if t.i != verb.i and not t.is_punct):
            continue  # the attribution must be a closed unit at the end
        heads = [t for t in doc[:cut] if not t.is_punct and t.head.i >= cut]
        content = len(heads) == 1 and heads[0].head.i == verb.i and verbal(heads[0])
        if verb.i == root.i and content:  # a clause, not a subject ("Le président, qui ..., a dit")
            return verb, cut
        if verb.i != root.i and not heads and root.i < cut:
            return verb, cut
    return None


def _said_by(doc: Any, i: int) -> bool:
    """Does a verb at i, right after a comma, open an attribution: its subject follows
    (", révèle l'Express", ", a-t-il dit"), it is neither a present nor a past participle
    (", publiée mardi", ", accusés du viol"), and what follows is no date?"""
    first = doc[i]
    if i == 0 or doc[i - 1].text != "," or i + 1 >= len(doc) or first.pos_ not in {"VERB", "AUX"}:
        return False
    nxt = doc[i + 1]
    if nxt.text.startswith("-"):
        return True
    participle = first.lower_.endswith(("ant", "é", "ée", "és", "ées"))
    return not participle and nxt.pos_ in {"DET", "PROPN", "NOUN"} and nxt.lower_ not in TIME_WORDS


def verbal(t: Any) -> bool:
    return t.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in t.children)


def verb_start(verb: Any) -> int:
    """The first word of the verb group (`a` in `a indiqué`)."""
    return min([verb.i, *(c.i for c in verb.children if c.dep_ in VERB_PARTS and c.i < verb.i)])


def postposed_subjects(verb: Any) -> list[Any]:
    """The subject after an attribution's verb (`a-t-il dit`, `a dit le ministre`); the parser
    often calls it an object (`a indiqué le ministère`: obj)."""
    start = verb_start(verb)
    return [
        c
        for c in verb.children
        if c.i > start and (c.dep_ in SUBJECTS or (c.dep_ == "obj" and c.pos_ in {"NOUN", "PROPN"}))
    ]


def quoted(doc: Any) -> list[tuple[int, int]]:
    """Token ranges (end exclusive) of the quotations, quote marks included. A `"` opens when
    a space comes before it and none after; a closing mark whose opening the splitter left in
    the previous sentence (`Il faut partir", a-t-il dit.`) closes a quotation from the start,
    an opening mark never closed runs to the end."""
    out: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for t in doc:
        closer = next((c for o, c in QUOTES.items() if o in opened and t.text == c), None)
        if t.text == '"':
            spaced = t.i == 0 or bool(doc[t.i - 1].whitespace_)
            closer = '"' if '"' in opened or not (spaced and not t.whitespace_) else None
        if closer is not None:
            start = next(
                (opened.pop(o) for o, c in QUOTES.items() if c == closer and o in opened), 0
            )
            out.append((start, t.i + 1))
        elif t.text in QUOTES:
            opened[t.text] = t.i
        elif t.text in QUOTES.values():
            out.append((0, t.i + 1))  # "»" or "”" with no opening: it opened before
    out.extend((start, len(doc)) for start in opened.values())
    return out


def holds_attribution(doc: Any, span: Span) -> bool:
    """Would deleting the span delete who says so: an inverted verb opening it (", révèle
    l'Express"), or a `selon ...`, `d'après ...` inside it?"""
    if span.start > 0 and doc[span.start].text == "," and doc[span.start - 1].text in '"»”':
        return True  # the words after a quotation: who said it
    first = doc[span.start + 1] if doc[span.start].text == "," else doc[span.start]
    verb = first if first.pos_ == "VERB" else first.head
    finite = first.pos_ in {"VERB", "AUX"} and "Fin" in first.morph.get("VerbForm")
    if (finite and postposed_subjects(verb)) or _said_by(doc, first.i):
        return True
    return any(
        attribution(doc, i) and doc[i + 1].lower_ not in RELATIVE_PRONOUNS
        for i in range(span.start, span.end - 1)
    )


def subject_start(main: Any) -> int:
    starts = [c.left_edge.i for c in main.children if c.dep_ in SUBJECTS and c.i < main.i]
    return min(starts) if starts else -1


def adverbial(t: Any) -> bool:
    """Is a phrase the parser calls obl:mod really one? Without a preposition it must say
    when ("Lundi soir, ..."): "L'opération, la troisième ..., a permis" is a subject."""
    if t.dep_ != "obl:mod" or any(c.dep_ == "case" for c in t.children):
        return True
    return any(x.lower_ in TIME_WORDS or x.like_num for x in t.subtree)


def incise_spans(doc: Any, cl: Clause) -> list[Span]:
    """In the attribution, what follows its subject at the end (`dans un communiqué`, an
    apposition of the subject); never the verb or the subject: they tell who says so."""
    verb, final = cl.incise, final_index(doc)
    if verb is None:
        return []
    subjects = postposed_subjects(verb)
    after = max(c.i for c in subjects)  # the subject's head word; its complements may follow
    found = []
    for t in doc[after + 1 : final]:
        left, right = t.left_edge.i, t.right_edge.i + 1
        if t.dep_ == "advmod" and right - left < 3:
            continue  # an adverb, not a phrase
        if t.head.i == verb.i and t.dep_ in INCISE_TAIL and right == final and left > after:
            if doc[left - 1].text == ",":
                found.append(Span(left - 1, final, INCISE_TAIL[t.dep_]))
            elif t.dep_ == "obl:mod" and doc[left].pos_ == "ADP":
                found.append(Span(left, final, INCISE_TAIL[t.dep_]))
        elif t.dep_ in SUBJECT_TAIL and t.head in subjects and doc[left - 1].text == ",":
            if right == final:
                found.append(Span(left - 1, final, SUBJECT_TAIL[t.dep_]))
            elif doc[right].text == "," and "," not in doc[left:right].text:
                found.append(Span(left - 1, right + 1, SUBJECT_TAIL[t.dep_]))
    return [s for s in found if not attribution(doc, s.start + (doc[s.start].text == ","))]


def attribution(doc: Any, left: int) -> bool:
    """Does an attribution start at left: `selon ...`, `d'après ...`, `comme le rapporte ...`,
    `comme l'a indiqué ...`?"""
    head = doc[left : left + 2].text.lower()
    if head.startswith(ATTRIBUTION_STARTS):
        return True
    words = [t.lower_.replace("’", "'") for t in doc[left : left + 2]]
    return words[:1] == ["comme"] and words[1:2] in (["le"], ["l'"])  # the parser: NOUN, VERB
