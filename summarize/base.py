"""What every summarization method shares: the length settings, the document it reads (the
article after dedup, split into sentences), the Summary it returns, and the METHODS registry.

A method is a class with a `name`, a `uses_model` flag and
`summarize(doc: Document, length: Length) -> MethodResult`; `precis.summarize.summarize` wraps
the result into a `Summary` with the dedup report and the settings actually used.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from precis.errors import InputError
from precis.registry import Registry
from precis.summarize.boilerplate import is_boilerplate_sentence
from precis.summarize.dedup import DedupResult
from precis.text.paragraphs import word_count
from precis.text.sentences import is_complete, split_sentences

DEFAULT_SENTENCES = 3
MIN_SENTENCE_WORDS = 4  # shorter sentences ("Bref.", "Oui !") are never picked on their own


@dataclass(frozen=True)
class Length:
    """How long a summary may be: one of sentences, words or ratio (of the cleaned article's
    words); with none given, `DEFAULT_SENTENCES` sentences."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    @classmethod
    def make(
        cls, sentences: int | None = None, words: int | None = None, ratio: float | None = None
    ) -> Length:
        given = [
            name
            for name, v in (("sentences", sentences), ("words", words), ("ratio", ratio))
            if v is not None
        ]
        if len(given) > 1:
            raise InputError(f"give one length setting, not {' and '.join(given)}")
        if sentences is not None and sentences < 1:
            raise InputError(f"--sentences must be at least 1 (got {sentences})")
        if words is not None and words < 1:
            raise InputError(f"--words must be at least 1 (got {words})")
        if ratio is not None and not 0 < ratio <= 1:
            raise InputError(f"--ratio must be in (0, 1] (got {ratio})")
        if not given:
            return cls(sentences=DEFAULT_SENTENCES)
        return cls(sentences=sentences, words=words, ratio=ratio)

    def max_words(self, article_words: int) -> int | None:
        """The word budget (None when the length is a number of sentences)."""
        if self.words is not None:
            return self.words
        if self.ratio is not None:
            return max(1, round(self.ratio * article_words))
        return None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned article: `position` counts sentences from 0 over the whole
    cleaned article, `paragraph` is the paragraph's index in the original split."""

    text: str
    position: int
    paragraph: int
    complete: bool
    boilerplate: str | None
    words: int

    @property
    def selectable(self) -> bool:
        """May a summary quote it? Complete, not boilerplate, not a tiny fragment."""
        return self.complete and self.boilerplate is None and self.words >= MIN_SENTENCE_WORDS


@dataclass(frozen=True)
class Document:
    """The article as methods see it: the dedup result and its sentences."""

    dedup: DedupResult
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.dedup.text

    @property
    def words(self) -> int:
        return word_count(self.dedup.text)

    @classmethod
    def from_dedup(cls, result: DedupResult) -> Document:
        sentences: list[Sentence] = []
        for kept in result.kept:
            for text in split_sentences(kept.text):
                sentences.append(
                    Sentence(
                        text=text,
                        position=len(sentences),
                        paragraph=kept.index,
                        complete=is_complete(text),
                        boilerplate=is_boilerplate_sentence(text),
                        words=word_count(text),
                    )
                )
        return cls(dedup=result, sentences=tuple(sentences))


@dataclass(frozen=True)
class Chosen:
    """A sentence of the summary: its text, its position in the cleaned article, its score."""

    text: str
    position: int | None
    score: float | None
    paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Chunk:
    """One piece of a long input summarized on its own (abstractive map-reduce)."""

    level: int  # 0: pieces of the article; 1+: summaries of summaries
    first_sentence: int
    last_sentence: int
    tokens: int
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class MethodResult:
    """What a method returns; `summarize` adds the dedup report and settings."""

    text: str
    sentences: tuple[Chosen, ...]
    model: str | None = None
    chunks: tuple[Chunk, ...] = ()
    notes: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    text: str
    sentences: tuple[Chosen, ...]
    method: str
    model: str | None
    length: Length
    dedup: DedupResult
    chunks: tuple[Chunk, ...] = ()
    notes: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def metadata(self) -> dict[str, Any]:
        """What the document says of itself (an HTML page's title, date, author) and its format."""
        return self.dedup.metadata

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "method": self.method,
            "model": self.model,
            "length": self.length.to_dict() | {"words_out": self.words},
            "sentences": [s.to_dict() for s in self.sentences],
            "chunks": [c.to_dict() for c in self.chunks],
            "notes": list(self.notes),
            "details": self.details,
            "dedup": {
                "removed": [r.to_dict() for r in self.dedup.removed],
                "kept": [k.to_dict() for k in self.dedup.kept],
                "counts": self.dedup.counts(),
                "metadata": self.dedup.metadata,
            },
        }


class Summarizer(Protocol):
    name: ClassVar[str]
    uses_model: ClassVar[bool]

    def summarize(self, doc: Document, length: Length) -> MethodResult: ...


METHODS: Registry[type[Summarizer]] = Registry("method")


def fit_in_order(
    ranked: list[Sentence], length: Length, article_words: int, *, prefix: bool = False
) -> tuple[list[Sentence], list[str]]:
    """Take sentences in rank order within the length: N sentences, or whole sentences within
    the word budget. The first choice is always taken (at least one sentence, even when it
    alone is longer than the budget: reported in the notes); the next ones are taken if they
    fit, skipping those that do not (or stopping at the first one when `prefix`). Returns them
    in document order, with notes."""
    notes: list[str] = []
    if not ranked:
        return [], notes
    budget = length.max_words(article_words)
    if budget is None:
        chosen = ranked[: length.sentences]
    else:
        chosen, used = [ranked[0]], ranked[0].words
        if used > budget:
            notes.append(over_budget_note(ranked[0].words, budget))
        for s in ranked[1:]:
            if used + s.words <= budget:
                chosen.append(s)
                used += s.words
            elif prefix:
                break
    return sorted(chosen, key=lambda s: s.position), notes


def over_budget_note(words: int, budget: int) -> str:
    return (
        f"the first choice alone is {words} words, over the {budget}-word budget: kept "
        "(a summary has at least one whole sentence)"
    )
