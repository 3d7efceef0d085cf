"""`Translator`: documents and lines in, translations out, for any backend.

Shared by every backend: segmentation (structure kept), the in-run cache (each distinct
sentence translated once), the optional on-disk cache, batching by a token budget over inputs
sorted by length (less padding), and restoring the original order afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from precis.errors import InputError
from precis.text.reflow import reflow
from precis.translate.base import Backend, BackendInfo
from precis.translate.cache import DiskCache
from precis.translate.segment import Segmented, segment

#: Distinct sentences remembered in memory during a run (a folder job reuses one Translator).
MEMORY_CACHE_LIMIT = 200_000

#: progress(done, total): pieces translated so far in the current call.
SentenceProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class TranslatorStats:
    """Counts since the Translator was created."""

    pieces: int  # pieces asked for (sentences, or clauses of too-long sentences)
    memory_hits: int  # answered by the in-run cache (repeats of a sentence already seen)
    disk_hits: int  # distinct sentences answered by the on-disk cache
    translated: int  # distinct sentences sent to the backend
    batches: int  # backend calls
    backend_seconds: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Translator:
    """Structure-preserving translation of documents and line-aligned texts with one backend."""

    def __init__(self, backend: Backend, *, cache: DiskCache | None = None) -> None:
        self.backend = backend
        self.cache = cache
        self._info: BackendInfo | None = None
        self.choice: Any = None  # set by get_translator: which backend and why (auto)
        self._memory: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._stats = dict.fromkeys(
            ("pieces", "memory_hits", "disk_hits", "translated", "batches"), 0
        )
        self._backend_seconds = 0.0

    @property
    def info(self) -> BackendInfo:
        if self._info is None:
            self._info = self.backend.describe()
        return self._info

    @property
    def stats(self) -> TranslatorStats:
        return TranslatorStats(**self._stats, backend_seconds=round(self._backend_seconds, 4))

    # -- documents ------------------------------------------------------------------------
    def segment(self, text: str) -> Segmented:
        """The pieces of one document, each within the backend's input limit."""
        limit = self.backend.max_input_tokens
        counter = self._count if limit is not None else None
        return segment(text, max_tokens=limit, count_tokens=counter)

    def translate_documents(
        self, texts: Sequence[str], *, progress: SentenceProgress | None = None
    ) -> list[str]:
        """Translate whole documents; paragraphs and line breaks come back where they were
        (a line break inside a sentence, as in wrapped text, is a space: precis.text.reflow)."""
        plans = [self.segment(reflow(text)) for text in texts]
        flat = [piece for plan in plans for piece in plan.pieces]
        translated = self.translate_sentences(flat, progress=progress)
        results: list[str] = []
        start = 0
        for plan in plans:
            end = start + len(plan.pieces)
            results.append(plan.reassemble(translated[start:end]))
            start = end
        return results

    def translate_document(self, text: str, *, progress: SentenceProgress | None = None) -> str:
        return self.translate_documents([text], progress=progress)[0]

    def translate_lines(
        self, lines: Sequence[str], *, progress: SentenceProgress | None = None
    ) -> list[str]:
        """One translation per input line (test-set layout); empty lines stay empty."""
        for i, line in enumerate(lines):
            if "\n" in line or "\r" in line:
                raise InputError(f"line {i + 1} contains a line break; lines must be single lines")
        return self.translate_documents(list(lines), progress=progress)

    # -- sentences ------------------------------------------------------------------------
    def translate_sentences(
        self, sentences: Sequence[str], *, progress: SentenceProgress | None = None
    ) -> list[str]:
        """Translate pieces that are already within the input limit; same length and order."""
        self._stats["pieces"] += len(sentences)
        unique = list(dict.fromkeys(sentences))
        results = {s: self._memory[s] for s in unique if s in self._memory}
        todo = [s for s in unique if s not in results]
        self._stats["memory_hits"] += len(sentences) - len(todo)
        if todo and self.cache is not None:
            found = self.cache.get_many(self.info.signature, todo)
            self._stats["disk_hits"] += len(found)
            results.update(found)
            self._remember(found)
            todo = [s for s in todo if s not in found]
        total = len(todo)
        done = 0
        if progress is not None:
            progress(done, total)
        for batch in self._batches(todo):
            start = time.perf_counter()
            outputs = self.backend.translate_batch(batch)
            self._backend_seconds += time.perf_counter() - start
            if len(outputs) != len(batch):
                raise RuntimeError(
                    f"backend {self.backend.name} returned {len(outputs)} translations "
                    f"for {len(batch)} sentences"
                )
            pairs = dict(zip(batch, outputs, strict=True))
            results.update(pairs)
            self._remember(pairs)
            if self.cache is not None:
                self.cache.put_many(self.info.signature, pairs.items())
            self._stats["batches"] += 1
            self._stats["translated"] += len(batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        return [results[s] for s in sentences]

    def _remember(self, pairs: dict[str, str]) -> None:
        if len(self._memory) + len(pairs) > MEMORY_CACHE_LIMIT:
            self._memory.clear()
            self._counts.clear()
        self._memory.update(pairs)

    def _count(self, sentences: list[str]) -> list[int]:
        todo = [s for s in dict.fromkeys(sentences) if s not in self._counts]
        if todo:
            counts = self.backend.count_tokens(todo)
            if counts is None:
                counts = [len(s.split()) + 1 for s in todo]
            self._counts.update(zip(todo, counts, strict=True))
        return [self._counts[s] for s in sentences]

    def _batches(self, sentences: list[str]) -> list[list[str]]:
        """Longest first; a batch holds as many as fit in the budget once padded."""
        if not sentences:
            return []
        budget = self.backend.batch_tokens
        if budget is None:
            return [sentences]
        lengths = self._count(sentences)
        order = sorted(range(len(sentences)), key=lambda i: -lengths[i])
        batches: list[list[str]] = []
        batch: list[str] = []
        width = 0
        for i in order:
            if batch and (len(batch) + 1) * max(width, lengths[i]) > budget:
                batches.append(batch)
                batch, width = [], 0
            batch.append(sentences[i])
            width = max(width, lengths[i])
        batches.append(batch)
        return batches

    def close(self) -> None:
        close = getattr(self.backend, "close", None)
        if close is not None:
            close()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
