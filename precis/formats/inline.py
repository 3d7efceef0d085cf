"""The inline content of one block (an HTML paragraph, a Markdown heading or list item), as data.

    Text("Roman de "), Span("**", "**", (Text("Victor Hugo"),)), Text(", publié en 1862.")

`Text` is text to translate; `Span` is inline markup around text (<a href>, <em>, `**`, a
Markdown link), kept around the translated span when it can be aligned; `Opaque` is inline
content never translated and always kept verbatim (inline code, an image, a line break).
The `open`/`close` of a Span and the `source` of an Opaque are whatever the format needs to
rebuild it: source text for Markdown, the original element for HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Span:
    open: Any
    close: Any
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Opaque:
    source: Any


Node = Text | Span | Opaque


def plain_text(nodes: tuple[Node, ...] | list[Node]) -> str:
    """The text a reader sees (spans' text included, opaque content left out)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Span):
            out.append(plain_text(node.children))
    return "".join(out)


def has_opaque(nodes: tuple[Node, ...] | list[Node]) -> bool:
    return any(
        isinstance(n, Opaque) or (isinstance(n, Span) and has_opaque(n.children)) for n in nodes
    )


def split_at_opaque(nodes: list[Node]) -> list[list[Node] | Opaque]:
    """Runs of translatable nodes, with the opaque nodes between them kept in place."""
    parts: list[list[Node] | Opaque] = [[]]
    for node in nodes:
        if isinstance(node, Opaque):
            parts += [node, []]
        else:
            current = parts[-1]
            assert isinstance(current, list)
            current.append(node)
    return [p for p in parts if not isinstance(p, list) or p]
