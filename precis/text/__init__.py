"""Shared plain-text plumbing: sentences, paragraphs, reflow, language check, argument rules.

Used by summarize, translate and eval alike (none of them reaches into another for these).
"""
