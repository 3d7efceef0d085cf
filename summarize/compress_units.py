"""The deletable units of a parsed sentence, for compress.py (which checks every version).

`spans` lists the units a version may delete, each a whole subtree of the parse with its
commas, or a trailing adjunct from a comma to the end of the clause (compress_clause.py finds
that clause and its attribution).
"""

from __future__ import annotations

from typing import Any

from precis.summarize.compress_clause import (
    QUOTES,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    TIME_WORDS,
    VERB_PARTS,
    Clause,
    Span,
    adverbial,
    attribution,
    final_index,
    holds_attribution,
    incise_spans,
    quoted,
    subject_start,
    verbal,
)

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
RESTRICTIVE_MIN_WORDS = 4  # a relative clause without a comma is deleted from 4 words on
SUBORDINATORS = {"lorsque", "lorsqu'", "quand", "puisque", "puisqu'"}
SUBORDINATORS_QUE = {"alors", "tandis", "bien", "parce", "dès", "pendant", "depuis", "même"}
SUBORDINATORS_QUE |= {"ainsi", "avant", "après", "sans", "pour", "afin"}  # ", ainsi qu'un ..."
INFINITIVE_ADJUNCTS = {"avant", "après", "pour", "afin", "sans"}  # ", avant de réciter ..."
RESUMING = {"de", "d'", "à", "que", "qu'"}  # a comma then these: the main clause goes on
# More brackets than this in one sentence are a list's codes or scores ("Aisne (02), Ardennes
# (08), ..."): deleting some of them would leave the list uneven, so none is deleted.
MAX_PARENTHETICALS = 2


def spans(doc: Any, cl: Clause) -> list[Span]:
    brackets = _parentheticals(doc, cl.end)
    if len(brackets) > MAX_PARENTHETICALS:
        brackets = []
    found = [*brackets, *_clause_spans(doc, cl)]
    prefix = _fronted_prefix(doc, cl)
    if prefix is not None:
        found.append(prefix)
    if cl.incise is not None:
        found.extend(incise_spans(doc, cl))
    if cl.opener:
        found.append(Span(0, cl.opener, "fronted phrase"))
    if cl.apposed >= 0:
        subject = doc[cl.apposed]
        found.append(Span(subject.left_edge.i - 1, subject.right_edge.i + 2, "apposition"))
    quotes = quoted(doc)
    found.extend(_trailing_spans(doc, cl, quotes))
    unique = {(s.start, s.end): s for s in reversed(found)}  # the first label of a range
    tag = _speech_tag(doc, quotes) if cl.incise is None else len(doc)
    return [
        s
        for s in found
        if unique[s.start, s.end] is s
        and (s.start < tag or _adjunct_after_tag(doc, s))
        and not _cuts_quote(s, quotes)
        and not holds_attribution(doc, s)
    ]


def _adjunct_after_tag(doc: Any, span: Span) -> bool:
    """After the words of a quotation, only a trailing adjunct goes: it follows the speaker
    (`..., a souligné le député Eric Ciotti, rappelant que ...`, `..., avant de ...`)."""
    if doc[span.start].text != "," or span.end != final_index(doc):
        return False
    word = doc[span.start + 1].lower_
    openers = SUBORDINATORS | SUBORDINATORS_QUE | INFINITIVE_ADJUNCTS
    return word.endswith("ant") or word == "en" or word in openers


def _speech_tag(doc: Any, quotes: list[tuple[int, int]]) -> int:
    """Where the words after a quotation that opens the sentence start (`...", a lancé au
    ministre Gustave Kervern`): when the parse did not find that attribution, nothing after
    the quotation's comma goes."""
    ends = [b for a, b in quotes if a == 0 and b < len(doc) and doc[b].text == ","]
    return ends[0] if ends else len(doc)


def _has_clause(doc: Any, left: int, right: int) -> bool:
    """Does a phrase hold a finite verb outside a relative clause? Then it is no apposition."""
    finite = [x for x in doc[left:right] if "Fin" in x.morph.get("VerbForm")]
    return any(x.dep_ not in {"acl:relcl", "aux:tense", "aux:pass", "cop"} for x in finite)


def _ago(doc: Any, end: int) -> bool:
    """Does the phrase end with "il y a une semaine"? "Alors qu'il y a une semaine, une
    majorité ... ne faisait pas ...": a date, not a clause; what follows belongs to it."""
    words = [x.lower_ for x in doc[max(0, end - 5) : end]]
    last = words[-1].removesuffix("s") if words else ""
    return last in TIME_WORDS and "y" in words and "il" in words


def _listed(doc: Any, t: Any, main: Any) -> bool:
    """Is the apposition an item of a list: its head has other appositions or conjuncts, or
    is one ("des cartouches, un couteau"), or two commas come before it after the main verb
    ("pas de public, retrait des lots reporté, paiement à distance")?"""
    siblings = [c for c in t.head.children if c.dep_ in {"appos", "conj"}]
    if len(siblings) > 1 or t.head.dep_ in {"appos", "conj"}:
        return True
    return main.i < t.i and sum(x.text == "," for x in doc[main.i : t.left_edge.i - 1]) >= 2


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
        if len([x for x in heads if not x.is_punct]) != 1 or _comma_list(doc, t.i, cl.end):
            continue  # not one unit: "son frère, soupçonné ..., sa femme et un ami"
        if t.text == ":" and doc[t.i + 1].text not in QUOTES:
            found.append(Span(t.i, cl.end, "elaboration"))
        elif t.text == "," and cl.end - t.i > 2 and not _resumed(doc, t.i + 1, cl.end):
            label = _adjunct(doc, t.i + 1)
            if label is not None:
                found.append(Span(t.i, cl.end, label))
    return found


def _comma_list(doc: Any, start: int, end: int) -> bool:
    """Is a noun coordinated after a comma inside the span (`, soupçonné d'avoir conduit la
    voiture, sa femme et un ami`)? The list may be the sentence's, not the adjunct's. After a
    colon too: `: l'Eure, le Loiret, l'Aube et la Marne` stays (as it did with sm's parses)."""
    firsts = [
        min((y.i for y in x.subtree if not y.is_punct), default=x.i)
        for x in doc[start + 1 : end]
        if x.dep_ == "conj" and x.pos_ in {"NOUN", "PROPN"}
    ]
    return any(i - 1 > start and doc[i - 1].text == "," for i in firsts)


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
        if label in {"adverbial clause", "participial phrase"} and (
            right - left < 2 or doc[left].lower_ in {"que", "qu'", "qu’"}
        ):
            continue  # "un troisième, âgé de 16 ans, blessé"; "a annoncé qu'elle ...": an object
        if label == "relative clause" and (t.head.pos_ not in {"NOUN", "PROPN"} or cleft(t.head)):
            continue  # "ceux qui ...", "ce que ...", "c'est X qui ...": it needs its clause
        if label == "apposition" and (_listed(doc, t, main) or _has_clause(doc, left, right)):
            continue  # a list item ("l'Eure, le Loiret"), a clause (", trois sur quatre estiment")
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
    subjects = [c for c in main.children if c.dep_ in SUBJECTS and c.i < main.i]
    inverted = all(verbal(c) for c in subjects)  # "..., a dénoncé le syndicat": comma stays
    after = doc[span[1]]
    if after.pos_ in {"VERB", "AUX"} and (span[1] not in verb or inverted):
        if "Fin" not in after.morph.get("VerbForm") and span[1] not in verb:
            return None  # ", délaissée au profit de Mars" told of what the unit held
        head = after if after.pos_ in {"VERB", "ADJ", "NOUN"} else after.head
        if any(c.dep_ in SUBJECTS and c.i < span[0] for c in head.children) and not inverted:
            return span  # "le Japon, où est incarcéré le PDG, est signataire": both go
        if not any(c.dep_ in SUBJECTS and c.i > head.i for c in head.children):
            return None  # no subject before the verb nor after it: a doubtful parse
        return span[0], span[1] - 1  # "..., a précisé le porte-parole": that comma stays
    if after.pos_ == "ADP" and after.lower_ in {doc[span[0] + 1].lower_, _item_start(doc, span)}:
        return None  # "à Lyon, à Nice, à Marseille": an item of a list of phrases
    if span[1] < len(doc) and after.pos_ in AFTER_INNER:
        if main.i < span[0] and _after_bare_phrase(doc, main, span[0]):
            return span[0], span[1] - 1  # "21 ans, cousines, aux cris": that comma stays
        subject = max(cl.opener, subject_start(main))
        if subject < span[0] < main.i and sum(x.text == "," for x in doc[subject : span[0]]) % 2:
            return span[0], span[1] - 1  # "La directrice, Catherine Alvarez, affirme"
        return span
    return None


def _item_start(doc: Any, span: tuple[int, int]) -> str:
    """The first word of the phrase before the unit's opening comma (`à` in `, à Lyon (centre),
    à Nice,`), or "" when there is no such comma-set phrase."""
    for i in range(span[0] - 1, 0, -1):
        if doc[i].text == ",":
            return doc[i + 1].lower_
    return ""


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
    if not adverbial(t) or _ago(doc, right):
        return None
    return 0, right + 1


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
    if (
        any(q in doc[:start].text for q in ('"', "«", "»", "“"))
        or attribution(doc, 0)
        or _ago(doc, start - 1)
    ):
        return None
    return Span(0, start, "fronted phrase")


def _after_bare_phrase(doc: Any, main: Any, left: int) -> bool:
    """Does the unit follow a verbless phrase set off by a comma after the main verb
    (", une semaine | après la révélation")? Deleting it would leave that phrase bare."""
    for i in range(left - 1, main.i, -1):
        if doc[i].text == ",":
            return True
        if doc[i].pos_ in {"VERB", "AUX", "SCONJ"} or doc[i].dep_ in SUBJECTS:
            return False  # a clause ("quand Jesse Hughes | ..."), not a bare phrase
    return False
