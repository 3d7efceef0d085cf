"""Is the input French? An offline language check before summarizing or translating.

The identifier is py3langid (langid.py's model, 97 languages, inside the wheel: nothing is
downloaded); bench/langid.py compares it with lingua-language-detector (README: why this one).
Its model loads once per process (about a second), on the first check, not at import.

A text is reported as not French when it has at least `MIN_LETTERS` letters (shorter ones,
"et/ou" or a name, cannot be told apart) and the identifier gives French a probability below
`FRENCH_FLOOR`; the language named is the identifier's first choice. A declared language
(`--lang`) skips the check. Only the first `SAMPLE_CHARS` characters are looked at.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from typing import Any

from precis.errors import LanguageError
from precis.formats.detect import visible_text

EXPECTED_LANGUAGE = "fr"
MIN_LETTERS = 20
FRENCH_FLOOR = 0.2  # P(expected) under this (py3langid, normalized) = another language
SAMPLE_CHARS = 5000
MARKUP_LOOK_CHARS = 200_000  # of a document's start are cleared of markup to find the sample
DETECTOR = "py3langid"

STATUS_OK = "ok"
STATUS_OTHER = "other-language"
STATUS_SHORT = "too-short"
STATUS_DECLARED = "declared"

NAMES = {
    "fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ca": "Catalan", "ro": "Romanian", "pl": "Polish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech",
    "ru": "Russian", "uk": "Ukrainian", "el": "Greek", "tr": "Turkish", "ar": "Arabic",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "la": "Latin", "br": "Breton",
    "eu": "Basque", "oc": "Occitan", "gl": "Galician", "hu": "Hungarian",
}  # fmt: skip


def language_name(code: str) -> str:
    return NAMES.get(code, code)


@dataclass(frozen=True)
class LanguageCheck:
    """What the check found: `language` is the ISO 639-1 code (the declared one when given)."""

    status: str
    language: str | None
    confidence: float  # the identifier's probability of `language` (0 when not detected)
    expected: str = EXPECTED_LANGUAGE
    detector: str = DETECTOR

    @property
    def ok(self) -> bool:
        return self.status != STATUS_OTHER

    def message(self, source: str = "the input") -> str:
        if self.ok:
            return f"{source}: language {self.language or 'not checked'} ({self.status})"
        return (
            f"{source}: looks like {language_name(self.language or '?')} ({self.language}, "
            f"confidence {self.confidence:.2f}), not {language_name(self.expected)}; precis "
            f"summarizes and translates {language_name(self.expected)} text "
            f"(--lang {self.expected} skips this check)"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@functools.lru_cache(maxsize=1)
def detector_signature() -> str:
    """ "py3langid 0.4.0": recorded with each detected language."""
    from importlib.metadata import version

    return f"{DETECTOR} {version(DETECTOR)}"


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # lazy: loads a 4.5 MB model

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_probabilities(text: str) -> dict[str, float]:
    """The identifier's normalized probability of each language for `text`."""
    return {lang: float(p) for lang, p in _identifier().rank(text[:SAMPLE_CHARS])}


def check_language(
    text: str,
    *,
    expected: str = EXPECTED_LANGUAGE,
    declared: str | None = None,
    strict: bool = False,
    source: str = "the input",
) -> LanguageCheck:
    """Check that `text` is in `expected`; LanguageError when it is not and `strict`."""
    if declared:
        return LanguageCheck(STATUS_DECLARED, declared.lower(), 0.0, expected)
    sample = visible_text(text[:MARKUP_LOOK_CHARS])[:SAMPLE_CHARS]  # a page's words, not its tags
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return LanguageCheck(STATUS_SHORT, None, 0.0, expected)
    probs = language_probabilities(sample)
    best = max(probs, key=probs.__getitem__)
    if probs.get(expected, 0.0) >= FRENCH_FLOOR:
        signature = detector_signature()
        return LanguageCheck(STATUS_OK, expected, round(probs[expected], 4), expected, signature)
    result = LanguageCheck(
        STATUS_OTHER, best, round(probs[best], 4), expected, detector_signature()
    )
    if strict:
        raise LanguageError(result.message(source))
    return result
