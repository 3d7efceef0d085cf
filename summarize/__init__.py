"""Summarization of French news (installed as `precis.summarize`)."""

from precis.summarize.sentences import is_complete, split_sentences

__all__ = ["is_complete", "split_sentences"]
