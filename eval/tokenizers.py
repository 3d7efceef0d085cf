"""ROUGE tokenizers: precis' Unicode tokenizer for French (and English), or rouge-score's own.

rouge-score's default tokenizer keeps only [a-z0-9]: "élève" becomes "l ve", and it matches
"lève". Ours: NFC, lowercase, Unicode word tokens (letters, digits and marks; accents kept);
apostrophes (' and ’) separate words, so the elided article is its own token ("l'été" -> "l",
"été"). Optional Snowball stemming (snowballstemmer), French or English by language, applied
like rouge-score applies its Porter stemmer: only to tokens longer than 3 characters.

ROUGE-Lsum needs one sentence per line: `lsum_text` splits with the project's one French
sentence splitter (precis.text.sentences) and joins with newlines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Protocol

from precis.registry import Registry

WORD_RE = re.compile(r"[^\W_]+")  # letters, digits (and marks, after NFC); apostrophes split
NORMAL_FORM: Final = "NFC"
STEM_MIN_LENGTH = 4  # rouge-score stems only tokens longer than 3 characters; we do the same
STEMMER_LANGUAGES = {"fr": "french", "en": "english"}
LSUM_LABEL = "fr-sentences"  # the project's French splitter, used for every language


class Tokenizer(Protocol):
    """What rouge-score's RougeScorer calls (its `tokenizer=` argument)."""

    def tokenize(self, text: str) -> list[str]: ...


@dataclass(frozen=True)
class TokenizerSpec:
    """How a named ROUGE tokenizer is built and labelled in signatures."""

    name: str
    label: str  # the `tok:` value of the signature
    build: Callable[[str, bool], Tokenizer | None]  # (lang, stem) -> tokenizer; None = default
    stem_label: Callable[[str, bool], str]  # (lang, stem) -> the `stem:` value
    use_stemmer: Callable[[bool], bool]  # RougeScorer(use_stemmer=...) for the default path


class UnicodeTokenizer:
    """NFC, lowercase, Unicode word tokens; optional Snowball stemming (memoized)."""

    def __init__(self, stem_language: str | None = None) -> None:
        self.stem_language = stem_language
        self._stemmer: Any = None
        self._cache: dict[str, str] = {}
        if stem_language:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer(stem_language)

    def _stem(self, token: str) -> str:
        stem = self._cache.get(token)
        if stem is None:
            stem = self._stemmer.stemWord(token) if len(token) >= STEM_MIN_LENGTH else token
            self._cache[token] = stem
        return stem

    def tokenize(self, text: str) -> list[str]:
        tokens = WORD_RE.findall(unicodedata.normalize(NORMAL_FORM, text).lower())
        if self._stemmer is not None:
            return [self._stem(t) for t in tokens]
        return tokens

    def __getstate__(self) -> dict[str, Any]:  # picklable for worker processes
        return {"stem_language": self.stem_language}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["stem_language"])  # type: ignore[misc]


def _build_unicode(lang: str, stem: bool) -> Tokenizer:
    return UnicodeTokenizer(STEMMER_LANGUAGES[lang] if stem else None)


def _unicode_stem_label(lang: str, stem: bool) -> str:
    return f"snowball-{STEMMER_LANGUAGES[lang]}" if stem else "no"


ROUGE_TOKENIZERS: Registry[TokenizerSpec] = Registry("ROUGE tokenizer")
ROUGE_TOKENIZERS.add(
    "precis-unicode",
    TokenizerSpec(
        name="precis-unicode",
        label="precis-unicode-fr",
        build=_build_unicode,
        stem_label=_unicode_stem_label,
        use_stemmer=lambda stem: False,
    ),
)
ROUGE_TOKENIZERS.add(
    "default",
    TokenizerSpec(
        name="default",
        label="rouge-score-default",
        build=lambda lang, stem: None,  # RougeScorer builds its own (ASCII [a-z0-9], Porter)
        stem_label=lambda lang, stem: "porter" if stem else "no",
        use_stemmer=lambda stem: stem,
    ),
)
DEFAULT_ROUGE_TOKENIZER = "precis-unicode"


def make_tokenizer(name: str, lang: str, stem: bool) -> Tokenizer:
    """The tokenizer object the fast path and RougeScorer both use (same object, same tokens)."""
    spec = ROUGE_TOKENIZERS.get(name)
    tokenizer = spec.build(lang, stem)
    if tokenizer is None:
        from rouge_score import tokenizers

        tokenizer = tokenizers.DefaultTokenizer(use_stemmer=spec.use_stemmer(stem))
    return tokenizer


def lsum_text(text: str) -> str:
    """The text with one sentence per line, as rouge-score's ROUGE-Lsum expects."""
    from precis.text.sentences import split_sentences  # imported late: keeps --help light

    return "\n".join(split_sentences(text))
