"""Document formats: which files precis reads, and how each one is read and written back.

One registry, `FORMATS`, maps a format name to its file extensions; `DEFAULT_GLOBS` (every
extension of every format) is the one default file set of every folder command (summarize,
translate, run, dedup). A file's format comes from its extension (`format_of_path`); text of
no known extension (stdin, a `.fr` file) is recognized from the document itself
(`precis.formats.detect`).

    text      .txt        paragraphs separated by blank lines
    markdown  .md         CommonMark through markdown-it-py (precis.formats.markdown)
    html      .html .htm  a saved web page: the article is extracted (precis.formats.html)

Importing this package is cheap: trafilatura, justext, lxml and markdown-it load on first use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from precis.registry import Registry

TEXT, MARKDOWN, HTML = "text", "markdown", "html"


@dataclass(frozen=True)
class Block:
    """One text block of a document (paragraph, heading, list item) and whether it is article
    text; `reason` says why (the extractor's verdict, or the Markdown element)."""

    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]  # lower case, with the dot
    description: str


FORMATS: Registry[Format] = Registry("format")
FORMATS.add(TEXT, Format(TEXT, (".txt",), "plain text, paragraphs separated by blank lines"))
FORMATS.add(MARKDOWN, Format(MARKDOWN, (".md",), "Markdown (CommonMark)"))
FORMATS.add(HTML, Format(HTML, (".html", ".htm"), "a saved web page (HTML)"))

#: The default file patterns of every folder command: one per extension of every format.
DEFAULT_GLOBS: tuple[str, ...] = tuple(
    f"*{ext}" for name in FORMATS for ext in FORMATS.get(name).extensions
)


def format_of_path(path: str | PurePath) -> str | None:
    """The format a file's extension names (case-insensitive), None for any other extension."""
    suffix = PurePath(path).suffix.lower()
    for name in FORMATS:
        if suffix in FORMATS.get(name).extensions:
            return name
    return None


def document_blocks(text: str, fmt: str) -> tuple[list[Block], dict[str, Any]]:
    """A document's blocks in order, each marked article text or not, and what the document
    says of itself (an HTML page's title, date, author); for dedup and summarize."""
    FORMATS.get(fmt)  # UnknownNameError listing the formats
    if fmt == HTML:
        from precis.formats.html import extract_page

        page = extract_page(text)
        return list(page.blocks), page.metadata.to_dict()
    if fmt == MARKDOWN:
        from precis.formats.markdown import markdown_blocks

        return markdown_blocks(text), {}
    from precis.text.paragraphs import split_paragraphs

    return [Block(p, True, "text") for p in split_paragraphs(text)], {}


def count_formats(paths: Iterable[str | PurePath]) -> dict[str, int]:
    """Files per format (`other` for extensions no format claims), for folder reports, in the
    registry's order (text, markdown, html, other)."""
    counts = Counter(format_of_path(p) or "other" for p in paths)
    return {name: counts[name] for name in [*FORMATS.names(), "other"] if counts[name]}


__all__ = [
    "DEFAULT_GLOBS",
    "FORMATS",
    "HTML",
    "MARKDOWN",
    "TEXT",
    "Block",
    "Format",
    "count_formats",
    "document_blocks",
    "format_of_path",
]
