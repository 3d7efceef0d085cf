"""The deletable units of a parsed sentence, for compress.py (which checks every version).

`clause` finds what the versions shorten: the main clause, or, before an inverted attribution
(`..., a indiqué le ministère dans un communiqué.`), the reported clause; `spans` lists the
units a version may delete, each a whole subtree of the parse with its commas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DELETABLE = {
    "appos": "apposition",
    "acl:relcl": "relative clause",
    "acl": "participial phrase",
    "advcl": "adverbial clause",
    "obl:mod": "prepositional phrase",
}
FRONTED = {"obl:mod", "advmod", "advcl"}  # phrases that may open a sentence before a comma
AFTER_INNER = {"VERB", "AUX", "ADV", "PRON", "ADP"}  # may follow a deleted ", unit,"
TRAILING_ONLY = {"obl:mod"}  # without commas, deleted only at the end of the sentence
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
RESTRICTIVE_MIN_WORDS = 4  # a relative clause without a comma is deleted from 4 words on
SUBORDINATORS = {"lorsque", "lorsqu'", "quand", "puisque", "puisqu'"}
SUBORDINATORS_QUE = {"alors", "tandis", "bien", "parce", "dès", "pendant", "depuis", "même"}
SUBORDINATORS_QUE |= {"ainsi", "avant", "après", "sans", "pour", "afin"}  # ", ainsi qu'un ..."
INFINITIVE_ADJUNCTS = {"avant", "après", "pour", "afin", "sans"}  # ", avant de réciter ..."
RESUMING = {"de", "d'", "à", "que", "qu'"}  # a comma then these: the main clause goes on
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
    if found is None:
        return Clause(root, final, apposed=_apposed_subject(doc, root))
    verb, cut = found
    if verb.i != root.i:
        return Clause(root, cut, verb)  # "..., rapporte Le Parisien": the parser's advcl
    heads = [t for t in doc[:cut] if not t.is_punct and t.head.i >= cut]
    return Clause(heads[0], cut, verb, _apposed_subject(doc, heads[0]))


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
    """Token ranges (end exclusive) of the quotations, quote marks included."""
    out: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for t in doc:
        if opened is not None and t.text == opened[1]:
            out.append((opened[0], t.i + 1))
            opened = None
        elif opened is None and t.text in QUOTES:
            opened = (t.i, QUOTES[t.text])
    if opened is not None:
        out.append((opened[0], len(doc)))
    return out


def spans(doc: Any, cl: Clause) -> list[Span]:
    found = [*_parentheticals(doc, cl.end), *_clause_spans(doc, cl)]
    prefix = _fronted_prefix(doc, cl)
    if prefix is not None:
        found.append(prefix)
    if cl.incise is not None:
        found.extend(_incise_spans(doc, cl))
    if cl.apposed >= 0:
        subject = doc[cl.apposed]
        found.append(Span(subject.left_edge.i - 1, subject.right_edge.i + 2, "apposition"))
    quotes = quoted(doc)
    found.extend(_trailing_spans(doc, cl, quotes))
    unique = {(s.start, s.end): s for s in reversed(found)}  # the first label of a range
    return [
        s
        for s in found
        if unique[s.start, s.end] is s
        and not _cuts_quote(s, quotes)
        and not _holds_attribution(doc, s)
    ]


def _holds_attribution(doc: Any, span: Span) -> bool:
    """Would deleting the span delete who says so: an inverted verb opening it (", révèle
    l'Express"), or a `selon ...`, `d'après ...` inside it?"""
    first = doc[span.start + 1] if doc[span.start].text == "," else doc[span.start]
    verb = first if first.pos_ == "VERB" else first.head
    finite = first.pos_ in {"VERB", "AUX"} and "Fin" in first.morph.get("VerbForm")
    if (finite and postposed_subjects(verb)) or _said_by(doc, first.i):
        return True
    return any(
        attribution(doc, i) and doc[i + 1].lower_ not in RELATIVE_PRONOUNS
        for i in range(span.start, span.end - 1)
    )


def _listed(t: Any) -> bool:
    """Is the apposition an item of a list: its head has other appositions or conjuncts, or
    is one ("des cartouches, un couteau")?"""
    siblings = [c for c in t.head.children if c.dep_ in {"appos", "conj"}]
    return len(siblings) > 1 or t.head.dep_ in {"appos", "conj"}


def cleft(t: Any) -> bool:
    """Is t the focus of a cleft ("c'est un procès très attendu qui ...")?"""
    return any(c.lower_ in {"c'", "c’", "ce"} and c.dep_ in SUBJECTS for c in t.children)


def _cuts_quote(span: Span, quotes: list[tuple[int, int]]) -> bool:
    """Does the span cut into a quotation? A quotation goes whole or stays whole."""
    return any(
        span.start < b and a < span.end and not (span.start <= a and b <= span.end)
        for a, b in quotes
    )


def _trailing_spans(doc: Any, cl: Clause, quotes: list[tuple[int, int]]) -> list[Span]:
    """What follows a comma or a colon after the main verb, up to the end, when it opens an
    adjunct (`, faisant naître l'espoir ...`, `, en dressant un parallèle ...`, `, alors que
    ...`, `, avant de réciter ...`, `, dont ...`, `, ainsi qu'...`) or an elaboration after a
    colon (`: il a voté pour ...`). Commas inside do not matter: all goes to the end."""
    inside = {i for a, b in [*quotes, *_brackets(doc)] for i in range(a, b)}
    found = []
    for t in doc[cl.main.i + 1 : cl.end - 2]:
        if t.i in inside or t.text not in {",", ":"}:
            continue
        heads = [x for x in doc[t.i + 1 : cl.end] if x.head.i not in range(t.i, cl.end)]
        if len([x for x in heads if not x.is_punct]) != 1:
            continue  # not one unit: "son frère, soupçonné ..., sa femme et un ami"
        if t.text == ":" and doc[t.i + 1].text not in QUOTES:
            found.append(Span(t.i, cl.end, "elaboration"))
        elif t.text == "," and not _resumed(doc, t.i + 1, cl.end):
            label = _adjunct(doc, t.i + 1)
            if label is not None:
                found.append(Span(t.i, cl.end, label))
    return found


def _resumed(doc: Any, start: int, end: int) -> bool:
    """Does the main clause resume after an incidental adjunct (`a eu la surprise, en ouvrant
    le capot, d'y découvrir un boa`)? Then the adjunct does not end the sentence."""
    return any(
        x.text == "," and doc[x.i + 1].lower_.replace("’", "'") in RESUMING
        for x in doc[start : end - 1]
    )


def _adjunct(doc: Any, i: int) -> str | None:
    """The kind of adjunct that opens at token i, or None."""
    word, nxt = doc[i].lower_.replace("’", "'"), doc[i + 1]
    if doc[i].pos_ in {"VERB", "AUX"} and "Part" in doc[i].morph.get("VerbForm"):
        return "participial phrase"
    if word == "en" and "Part" in nxt.morph.get("VerbForm"):
        return "gerund"
    if word in SUBORDINATORS and doc[i].pos_ == "SCONJ":
        return "adverbial clause"
    if word in SUBORDINATORS_QUE and nxt.lower_ in {"que", "qu'", "qu’", "si"}:
        return "coordinated phrase" if word == "ainsi" else "adverbial clause"
    if word in INFINITIVE_ADJUNCTS:
        verb = doc[i + 2] if nxt.lower_ in {"de", "d'", "d’"} else nxt
        if "Inf" in verb.morph.get("VerbForm"):
            return "adverbial clause"
    if word in {"dont", "où", "qui"} and doc[i - 2].pos_ in {"NOUN", "PROPN", "NUM"}:
        return "relative clause"
    return None


def _brackets(doc: Any) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in _parentheticals(doc, len(doc))]


def _parentheticals(doc: Any, end: int) -> list[Span]:
    found = []
    opened: int | None = None
    for t in doc[:end]:  # parentheticals: surface brackets
        if t.text == "(":
            opened = t.i
        elif t.text == ")" and opened is not None and opened > 0:
            start = opened - 1 if doc[opened - 1].text == "," else opened
            found.append(Span(start, t.i + 1, "parenthetical"))
            opened = None
    return found


def _clause_spans(doc: Any, cl: Clause) -> list[Span]:
    main, final = cl.main, cl.end
    found = []
    for t in doc[:final]:
        left, right = t.left_edge.i, t.right_edge.i + 1
        if right > final and cl.incise is not None and t.i < final:
            right = final  # the parser hung the attribution on it: the unit stops at its comma
        if right > final:
            continue  # a unit of the attribution
        label = DELETABLE.get(t.dep_)
        if t.dep_ == "conj" and t.pos_ == "VERB" and doc[left].lower_ in RELATIVE_PRONOUNS:
            label = "relative clause"  # the parser's conj for ", où il s'était réfugié"
        elif t.dep_ == "conj" and t.pos_ == "VERB" and t.head.i == main.i:
            label = "coordinated clause" if doc[left].dep_ == "cc" else None
        if left == 0 and t.head.i == main.i and t.dep_ in FRONTED:
            span = _fronted(doc, t, right)
            if span is not None and not attribution(doc, 0):
                found.append(Span(*span, "fronted phrase"))
            continue
        if label is None or (
            t.dep_ in TRAILING_ONLY and (t.head.i != main.i or doc[left].pos_ != "ADP")
        ):
            continue  # an obl:mod: a prepositional phrase of the main verb only
        if label == "relative clause" and (t.head.pos_ not in {"NOUN", "PROPN"} or cleft(t.head)):
            continue  # "ceux qui ...", "ce que ...", "c'est X qui ...": it needs its clause
        if label == "apposition" and _listed(t):
            continue  # an item of a list ("l'Eure, le Loiret, l'Aube et la Marne")
        while right > left and doc[right - 1].is_punct and doc[right - 1].text in {",", ";"}:
            right -= 1
        if label != "coordinated clause" and any(
            x.text in {",", ";", ":"} for x in doc[left:right]
        ):
            continue  # a comma inside: a list or an incidental the parser merged with the unit
        dep = "coordinated" if label == "coordinated clause" else t.dep_
        span = _bounded(doc, cl, left, right, dep)
        if span is not None and span[1] < final:  # set off by commas inside the sentence
            span = _inner(doc, cl, t, span)
        if span is not None and not attribution(doc, left):
            found.append(Span(*span, label))
    return found


def _bounded(doc: Any, cl: Clause, left: int, right: int, dep: str) -> tuple[int, int] | None:
    """The span to delete with its commas, or None when the unit is not set off cleanly."""
    final = cl.end
    if left <= 1 or right <= left:
        return None
    before = doc[left - 1].text
    if right >= final:  # at the end of the sentence
        if before == ",":
            return left - 1, final
        if dep not in TRAILING_ONLY and dep not in {"acl:relcl", "coordinated"}:
            return None
        if dep == "acl:relcl" and right - left < RESTRICTIVE_MIN_WORDS:
            return None  # "dans les jours qui viennent": a short restrictive relative stays
        return None if _after_bare_phrase(doc, cl.main, left) else (left, final)
    if dep == "conj":
        return None
    if dep in TRAILING_ONLY and before != ",":
        return None
    if before == "," and doc[right].text == ",":
        return left - 1, right + 1
    return None


def _inner(doc: Any, cl: Clause, t: Any, span: tuple[int, int]) -> tuple[int, int] | None:
    """A unit between two commas: inside the opening phrases the closing comma stays (", qui
    trône à Paris, l'ancien président" -> ", l'ancien président"); elsewhere both go, but
    only before a verb, adverb, pronoun or preposition: a noun after the comma means a list
    ("Pennsylvanie, Caroline du Nord, Illinois"), whose items are not deletable."""
    main = cl.main
    subject = subject_start(main)
    fronted = [c for c in main.children if c.dep_ in FRONTED and c.right_edge.i < subject]
    if any(c.left_edge.i == 0 for c in fronted) and any(
        t.i in {x.i for x in c.subtree} or t.i == c.i for c in fronted
    ):
        return span[0], span[1] - 1  # "Alors que ..., après la mort ..., Jean-Luc Mélenchon"
    verb = {main.i, *(c.i for c in main.children if c.dep_ in VERB_PARTS)}
    if doc[span[1]].pos_ in {"VERB", "AUX"} and span[1] not in verb:
        return span[0], span[1] - 1  # "..., a précisé le porte-parole": that comma stays
    if span[1] < len(doc) and doc[span[1]].pos_ in AFTER_INNER:
        if main.i < span[0] and _after_bare_phrase(doc, main, span[0]):
            return span[0], span[1] - 1  # "21 ans, cousines, aux cris": that comma stays
        return span
    return None


def subject_start(main: Any) -> int:
    starts = [c.left_edge.i for c in main.children if c.dep_ in SUBJECTS and c.i < main.i]
    return min(starts) if starts else -1


def _fronted(doc: Any, t: Any, right: int) -> tuple[int, int] | None:
    """A phrase that opens the sentence, set off by a comma, before the subject
    ("Lundi soir, ...", "Après des mois de négociation, ...")."""
    root = t.head
    subjects = [c.i for c in root.children if c.dep_ in SUBJECTS]
    if right + 1 >= len(doc) or doc[right].text != "," or not subjects:
        return None
    if not right < min(subjects) < root.i or doc[right + 1].pos_ in {"VERB", "AUX"}:
        return None  # the subject must open what is left ("..., a-t-il dit" is no sentence)
    if any(q in doc[: right + 1].text for q in ('"', "«", "»", "“")):
        return None  # a quotation is not a fronted phrase
    if not adverbial(t):
        return None
    return 0, right + 1


def adverbial(t: Any) -> bool:
    """Is a phrase the parser calls obl:mod really one? Without a preposition it must say
    when ("Lundi soir, ..."): "L'opération, la troisième ..., a permis" is a subject."""
    if t.dep_ != "obl:mod" or any(c.dep_ == "case" for c in t.children):
        return True
    return any(x.lower_ in TIME_WORDS or x.like_num for x in t.subtree)


def _fronted_prefix(doc: Any, cl: Clause) -> Span | None:
    """Several opening phrases before the subject, each a dependent of the main verb
    ("Alors que la tension retombe, après la mort d'un jeune homme, Jean-Luc Mélenchon ...")."""
    main, start = cl.main, subject_start(cl.main)
    if start < 3 or doc[start - 1].text != "," or doc[start].pos_ in {"VERB", "AUX"}:
        return None
    openers = [c for c in main.children if c.dep_ in FRONTED and c.i < start and adverbial(c)]
    inside = {x.i for c in openers for x in c.subtree}
    if any(t.i not in inside and not t.is_punct for t in doc[: start - 1]):
        return None
    if any(q in doc[:start].text for q in ('"', "«", "»", "“")) or attribution(doc, 0):
        return None
    return Span(0, start, "fronted phrase")


def _incise_spans(doc: Any, cl: Clause) -> list[Span]:
    """In the attribution, what follows its subject at the end (`dans un communiqué`, an
    apposition of the subject); never the verb or the subject: they tell who says so."""
    verb, final = cl.incise, final_index(doc)
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


def _after_bare_phrase(doc: Any, main: Any, left: int) -> bool:
    """Does the unit follow a verbless phrase set off by a comma after the main verb
    (", une semaine | après la révélation")? Deleting it would leave that phrase bare."""
    for i in range(left - 1, main.i, -1):
        if doc[i].text == ",":
            return True
        if doc[i].pos_ in {"VERB", "AUX"}:
            return False
    return False


def attribution(doc: Any, left: int) -> bool:
    """Does an attribution start at left: `selon ...`, `d'après ...`, `comme le rapporte ...`,
    `comme l'a indiqué ...`?"""
    head = doc[left : left + 2].text.lower()
    if head.startswith(ATTRIBUTION_STARTS):
        return True
    words = [t.lower_.replace("’", "'") for t in doc[left : left + 3]]
    verbs = [t.pos_ for t in doc[left + 2 : left + 4]]
    return words[:1] == ["comme"] and words[1:2] in (["le"], ["l'"]) and "VERB" in verbs
