"""Summarization of French news (installed as `precis.summarize`).

    dedup(text) -> DedupResult            boilerplate, exact / near / restated paragraphs
    summarize(text, method=..., words=...) -> Summary
    summarize_lines(docs) -> list[Summary]
    corpus_dedup(paths) -> CorpusDedupResult   MinHash LSH across files

Light at import: numpy, torch, transformers and datasketch are imported by the functions that
need them, so that `precis --help` (which lists METHODS) stays instant.
"""

from precis.summarize import abstractive, extractive, lead  # noqa: F401  (register METHODS)
from precis.summarize.api import DEFAULT_METHOD, summarize, summarize_lines
from precis.summarize.base import DEFAULT_SENTENCES, METHODS, Chosen, Chunk, Length, Summary
from precis.summarize.corpus import CorpusDedupResult, CrossDuplicate, corpus_dedup
from precis.summarize.dedup import DedupResult, Kept, Removal, Thresholds, dedup
from precis.summarize.folder import dedup_folder, summarize_folder
from precis.text.paragraphs import split_paragraphs
from precis.text.sentences import is_complete, split_sentences

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_SENTENCES",
    "METHODS",
    "Chosen",
    "Chunk",
    "CorpusDedupResult",
    "CrossDuplicate",
    "DedupResult",
    "Kept",
    "Length",
    "Removal",
    "Summary",
    "Thresholds",
    "corpus_dedup",
    "dedup",
    "dedup_folder",
    "is_complete",
    "split_paragraphs",
    "split_sentences",
    "summarize",
    "summarize_folder",
    "summarize_lines",
]
