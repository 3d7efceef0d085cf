"""The library entry points for texts and line-aligned files (folders: `translate/folder.py`).

Each builds a Translator (`get_translator`), runs it, closes it, and returns plain data.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from precis.translate.auto import DEFAULT_BACKEND, get_translator
from precis.translate.base import BackendInfo
from precis.translate.translator import SentenceProgress, TranslatorStats


@dataclass(frozen=True)
class TranslationResult:
    """Translations plus what produced them (the metadata every output carries)."""

    texts: tuple[str, ...]
    info: BackendInfo
    reason: str  # why this backend (auto explains its choice)
    seconds: float
    stats: TranslatorStats

    @property
    def text(self) -> str:
        """The single translation of `translate_text`."""
        return self.texts[0]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["texts"] = list(self.texts)
        return data


def translate(
    texts: list[str], *, backend: str = DEFAULT_BACKEND, model: str | None = None, **options: Any
) -> list[str]:
    """Translate French documents to English; each comes back with the same structure."""
    return list(_run(list(texts), backend, model, lines=False, **options).texts)


def translate_text(
    text: str,
    *,
    backend: str = DEFAULT_BACKEND,
    model: str | None = None,
    progress: SentenceProgress | None = None,
    cache: bool = False,
    **options: Any,
) -> TranslationResult:
    """One document (paragraphs and line breaks kept), with its metadata."""
    return _run([text], backend, model, lines=False, progress=progress, cache=cache, **options)


def translate_lines(
    lines: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model: str | None = None,
    progress: SentenceProgress | None = None,
    cache: bool = False,
    **options: Any,
) -> TranslationResult:
    """One translation per line (test-set layout); empty lines stay empty."""
    return _run(list(lines), backend, model, lines=True, progress=progress, cache=cache, **options)


def _run(
    texts: list[str],
    backend: str,
    model: str | None,
    *,
    lines: bool,
    progress: SentenceProgress | None = None,
    cache: bool = False,
    **options: Any,
) -> TranslationResult:
    start = time.perf_counter()
    with get_translator(backend, model, cache=cache, **options) as translator:
        if lines:
            out = translator.translate_lines(texts, progress=progress)
        else:
            out = translator.translate_documents(texts, progress=progress)
        return TranslationResult(
            texts=tuple(out),
            info=translator.info,
            reason=translator.choice.reason if translator.choice else "",
            seconds=round(time.perf_counter() - start, 4),
            stats=translator.stats,
        )
