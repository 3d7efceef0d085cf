"""Markdown input, through markdown-it-py (CommonMark, plus GitHub tables and strikethrough).

Two uses: the article text of a Markdown file for dedup / summarize (`markdown_blocks`: its
headings, paragraphs, list items and quotes, without the markup; code blocks, tables and raw
HTML are reported as not article text), and the inline structure of every text block for
markup-preserving translation (`text_blocks`, used by `precis.translate.markup`).

Link destinations are kept exactly as written (markdown-it's link normalization is turned
off), so a translated file's URLs are the source's, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from precis.formats import Block
from precis.formats.inline import Node, Opaque, Span, Text, has_opaque, plain_text

MARKDOWN_EXTENSIONS = ("table", "strikethrough")
_SPAN_TYPES = {"strong_open": "strong_close", "em_open": "em_close", "s_open": "s_close"}
_NOT_ARTICLE = {"fence": "code", "code_block": "code", "html_block": "html"}


@cache
def parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(list(MARKDOWN_EXTENSIONS))
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # URLs stay as written
    return md


@dataclass(frozen=True)
class TextBlock:
    """One inline run of the source (a heading, a paragraph, a table cell): where it is and
    what it holds. `nodes` is None when precis cannot rebuild its markup exactly."""

    lines: tuple[int, int]  # the block's source lines (markdown-it map: start, end)
    content: str  # the inline source, as markdown-it gives it (continuation lines joined by \n)
    nodes: tuple[Node, ...] | None
    kind: str  # heading, paragraph, cell


def render(nodes: tuple[Node, ...] | list[Node]) -> str:
    """Markdown source of inline nodes (a Span's open/close and an Opaque's source are text)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Span):
            out.append(f"{node.open}{render(node.children)}{node.close}")
        else:
            out.append(str(node.source))
    return "".join(out)


def _link_close(token: Any) -> str:
    href = token.attrGet("href") or ""
    dest = f"<{href}>" if (" " in href or not href) else href
    title = token.attrGet("title")
    return f']({dest} "{title}")' if title else f"]({dest})"


def _nodes(children: list[Any], pos: int = 0, stop: str | None = None) -> tuple[list[Node], int]:
    """Nodes of inline tokens from `pos` up to the closing token `stop`; (nodes, next pos)."""
    out: list[Node] = []
    while pos < len(children):
        tok = children[pos]
        pos += 1
        if tok.type == stop:
            return out, pos
        if tok.type == "text":
            out.append(Text(tok.content))
        elif tok.type == "softbreak":
            out.append(Text("\n"))
        elif tok.type in _SPAN_TYPES:
            inner, pos = _nodes(children, pos, _SPAN_TYPES[tok.type])
            out.append(_span(tok.markup, tok.markup, inner))
        elif tok.type == "link_open" and tok.markup == "autolink":
            inner, pos = _nodes(children, pos, "link_close")
            out.append(Opaque(f"<{plain_text(inner)}>"))
        elif tok.type == "link_open":
            inner, pos = _nodes(children, pos, "link_close")
            out.append(_span("[", _link_close(tok), inner))
        elif tok.type == "code_inline":
            out.append(Opaque(f"{tok.markup}{tok.content}{tok.markup}"))
        elif tok.type == "image":
            src, title = tok.attrGet("src") or "", tok.attrGet("title")
            tail = f' "{title}"' if title else ""
            out.append(Opaque(f"![{tok.content}]({src}{tail})"))
        else:  # html_inline, hardbreak, anything else: kept exactly as it was
            out.append(Opaque(tok.content if tok.type == "html_inline" else tok.markup or ""))
    return out, pos


def _span(open_: str, close: str, inner: list[Node]) -> Node:
    span = Span(open_, close, tuple(inner))
    return Opaque(render([span])) if has_opaque(inner) else span


def inline_nodes(token: Any) -> tuple[Node, ...] | None:
    """The nodes of an `inline` token, or None when rendering them would not give back its
    source exactly (escapes, entities, reference links: the block is then left untranslated)."""
    nodes, _ = _nodes(list(token.children or []))
    return tuple(nodes) if render(nodes) == token.content else None


def text_blocks(source: str) -> list[TextBlock]:
    """Every inline run of the document, in order (code, raw HTML and front matter have none)."""
    out: list[TextBlock] = []
    tokens = parser().parse(source)
    kind = "paragraph"
    for tok in tokens:
        if tok.type == "heading_open":
            kind = "heading"
        elif tok.type in {"th_open", "td_open"}:
            kind = "cell"
        elif tok.type == "paragraph_open":
            kind = "paragraph"
        if tok.type == "inline" and tok.map is not None:
            out.append(TextBlock((tok.map[0], tok.map[1]), tok.content, inline_nodes(tok), kind))
    return out


def markdown_blocks(source: str) -> list[Block]:
    """The document's blocks for dedup / summarize: text without markup, in order."""
    out: list[Block] = []
    in_table = 0
    for tok in parser().parse(source):
        if tok.type == "table_open":
            in_table += 1
        elif tok.type == "table_close":
            in_table -= 1
            out.append(Block("(table)", False, "markdown-table"))
        elif tok.type in _NOT_ARTICLE:
            text = " ".join(tok.content.split()) or tok.type
            out.append(Block(text, False, f"markdown-{_NOT_ARTICLE[tok.type]}"))
        elif tok.type == "inline" and not in_table:
            nodes, _ = _nodes(list(tok.children or []))
            text = " ".join((plain_text(nodes) or tok.content).split())
            if text:
                out.append(Block(text, True, "markdown-text"))
    return out
