"""The HTML side of markup-preserving translation (`translate/markup.py`), on an lxml tree.

A *run* is a stretch of one element's content between two block-level children: its text,
inline elements (<a>, <em>, <strong>, <span>, ...) and their tails. Each run becomes inline
nodes (`precis.formats.inline`), is translated, and is written back in place: inline elements
are rebuilt with their original tag and attributes, opaque ones (<br>, <img>, <code>, comments,
scripts, anything marked translate="no") are put back untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from precis.formats.inline import Node, Opaque, Span, Text, has_opaque

#: Never translated, never entered: their content is kept byte for byte by lxml's serializer.
FROZEN_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "pre", "code", "kbd", "samp", "var",
        "textarea", "svg", "math", "iframe", "object", "embed", "video", "audio", "canvas",
        "select",
    }
)  # fmt: skip
#: Inline elements: kept around their translated text where it aligns.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "button", "cite", "data", "del", "dfn", "em", "font",
        "i", "ins", "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time",
        "u",
    }
)  # fmt: skip
#: Void inline elements: kept where they are, splitting the text around them.
OPAQUE_TAGS = frozenset({"br", "wbr", "img", "input", "picture"})
NO_TRANSLATE_CLASS = "notranslate"
TARGET_LANG = "en"
_LANG_ATTRIBUTES = ("lang", "{http://www.w3.org/XML/1998/namespace}lang")


@dataclass
class Run:
    parent: Any
    anchor: Any | None  # None: the run starts in parent.text; else in anchor.tail
    members: list[Any]
    nodes: list[Node]


def _frozen(el: Any) -> bool:
    if not isinstance(el.tag, str):  # comment, processing instruction, entity
        return True
    classes = (el.get("class") or "").split()
    return el.tag in FROZEN_TAGS or el.get("translate") == "no" or NO_TRANSLATE_CLASS in classes


def _opaque(el: Any) -> bool:
    return _frozen(el) or el.tag in OPAQUE_TAGS


def _inline(el: Any) -> bool:
    """An inline element holding only text and inline elements. One holding a <br>, an <img>
    or a comment is walked like a block instead: its text is translated on each side of them."""
    return not _opaque(el) and el.tag in INLINE_TAGS and all(_inline(c) for c in el)


def _node(el: Any) -> Node:
    if _opaque(el):
        return Opaque(el)
    children = _content(el)
    return Opaque(el) if has_opaque(children) else Span(el, None, tuple(children))


def _content(el: Any) -> list[Node]:
    nodes: list[Node] = [Text(el.text or "")]
    for child in el:
        nodes += [_node(child), Text(child.tail or "")]
    return nodes


def text_runs(root: Any) -> list[Run]:
    """Every run with text, in document order (frozen elements are not entered)."""
    runs: list[Run] = []
    _walk(root, runs)
    return runs


def _walk(el: Any, runs: list[Run]) -> None:
    if _frozen(el):
        return
    anchor: Any | None = None
    lead = el.text or ""
    members: list[Any] = []
    for child in el:
        if _opaque(child) or _inline(child):
            members.append(child)
            continue
        _add_run(runs, el, anchor, lead, members)
        _walk(child, runs)
        anchor, lead, members = child, child.tail or "", []
    _add_run(runs, el, anchor, lead, members)


def _add_run(runs: list[Run], parent: Any, anchor: Any, lead: str, members: list[Any]) -> None:
    nodes: list[Node] = [Text(lead)]
    for m in members:
        nodes += [_node(m), Text(m.tail or "")]
    if any(isinstance(n, Text) and n.text.strip() for n in nodes) or any(
        isinstance(n, Span) for n in nodes
    ):
        runs.append(Run(parent, anchor, list(members), nodes))


def _build(nodes: list[Node] | tuple[Node, ...]) -> tuple[str, list[Any]]:
    """(leading text, elements with their tails set) for a list of nodes."""
    lead: list[str] = []
    elements: list[Any] = []
    for node in nodes:
        if isinstance(node, Text):
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + node.text
            else:
                lead.append(node.text)
            continue
        if isinstance(node, Opaque):
            el = node.source
            el.tail = None
        else:
            original = node.open
            el = original.makeelement(original.tag, dict(original.attrib))
            text, inner = _build(node.children)
            el.text = text or None
            for child in inner:
                el.append(child)
        elements.append(el)
    return "".join(lead), elements


def write_back(run: Run, nodes: list[Node]) -> None:
    """Replace the run's text and inline elements in the tree by `nodes`."""
    parent = run.parent
    for m in run.members:
        parent.remove(m)
    lead, elements = _build(nodes)
    if run.anchor is None:
        parent.text = lead or None
        index = 0
    else:
        run.anchor.tail = lead or None
        index = parent.index(run.anchor) + 1
    for offset, el in enumerate(elements):
        parent.insert(index + offset, el)


def set_lang(root: Any) -> int:
    """lang="fr" (fr-FR, ...) becomes lang="en"; returns how many attributes changed."""
    changed = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in _LANG_ATTRIBUTES:
            value = el.get(name)
            if value and value.lower().split("-")[0].split("_")[0] == "fr":
                el.set(name, TARGET_LANG)
                changed += 1
    return changed


def _html(element: Any) -> str:
    """lxml's HTML serialization; to UTF-8 bytes, as lxml.html.tostring would drop a
    <meta http-equiv="Content-Type"> (libxml2 rewrites its charset to UTF-8 instead)."""
    from lxml import etree

    return etree.tostring(element, encoding="utf-8", method="html").decode("utf-8")


def parse(source: str) -> tuple[Any, Callable[[Any], str]]:
    """The tree of a document or a fragment, and the function that serializes it back."""
    import lxml.html

    from precis.formats import HTML
    from precis.formats.detect import sniff

    newline = "\n" if source.endswith("\n") else ""
    whole = sniff(source).format == HTML and sniff(source).reason.startswith("opens")
    if whole:
        root = lxml.html.document_fromstring(source)
        doctype = root.getroottree().docinfo.doctype

        def serialize_document(tree: Any) -> str:
            body = _html(tree)
            return (f"{doctype}\n" if doctype else "") + body + newline

        return root, serialize_document
    root = lxml.html.fragment_fromstring(source, create_parent="div")

    def serialize_fragment(tree: Any) -> str:
        parts = [_html(c) for c in tree]
        return (tree.text or "") + "".join(parts).rstrip("\n") + newline

    return root, serialize_fragment
