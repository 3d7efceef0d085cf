"""Markup-preserving translation of HTML and Markdown documents.

The document is parsed (lxml for HTML, markdown-it-py for Markdown); the text of every block
(paragraph, heading, list item, table cell, title) is translated as one unit by the Translator,
and the markup around it is written back unchanged: tag and attribute names, attribute values,
scripts, styles, comments, code (`<pre>`, `<code>`, fenced and indented Markdown code) and link
URLs are never sent to the backend. HTML elements marked `translate="no"` (or class
`notranslate`) are left as they are. `lang="fr"` becomes `lang="en"`.

Inline markup (<a>, <em>, <strong>, `**`, `[text](url)`): the block is translated whole (the
backend sees whole sentences), each inline span's text is translated on its own, and the span's
markup is put back around that translation where it is found in the block's translation
(case-insensitively, left to right). Where it is not found (the backend translated the span
differently in context), the span's markup is dropped, its text staying translated inside the
block; `MarkupStats.inline_dropped` counts those. Inline content that is never translated
(inline code, images, <br>) cuts the block into pieces translated one by one, so it stays exactly
where it was.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from precis.formats import HTML, MARKDOWN
from precis.formats.inline import Node, Opaque, Span, Text, plain_text, split_at_opaque

_LETTER = re.compile(r"[^\W\d_]")
MAX_DROPPED_EXAMPLES = 5


@dataclass(frozen=True)
class MarkupStats:
    """What markup-preserving translation did to one document."""

    format: str
    blocks: int  # units of text translated (paragraphs, headings, cells, ...)
    inline_kept: int  # inline spans whose markup is around their translation
    inline_dropped: int  # inline spans translated inside their block, markup dropped
    untranslated: int  # blocks left in French: markup precis could not rebuild exactly
    dropped_examples: tuple[str, ...] = ()  # the first dropped spans' source text
    lang_changed: int = 0  # lang="fr..." attributes set to "en"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"dropped_examples": list(self.dropped_examples)}

    def line(self) -> str:
        """One line for stderr."""
        parts = [f"{self.format}: {self.blocks} blocks translated"]
        parts.append(f"{self.inline_kept} inline tags kept")
        if self.inline_dropped:
            shown = ", ".join(f"«{t}»" for t in self.dropped_examples)
            parts.append(
                f"{self.inline_dropped} dropped (their text translated with the block: {shown})"
            )
        if self.untranslated:
            parts.append(f"{self.untranslated} blocks left untranslated (markup not rebuilt)")
        return ", ".join(parts)


Translate = Callable[[list[str]], list[str]]


class _Aligner:
    """Collects every text to translate (pass 1), translates them in one call, then rebuilds
    each unit's nodes with the spans put back where they align (pass 2)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.kept = 0
        self.dropped = 0
        self.examples: list[str] = []
        self.units = 0  # pieces of text translated and written back

    def collect(self, nodes: list[Node]) -> None:
        for part in split_at_opaque(nodes):
            if isinstance(part, list):
                self._want(plain_text(part))
                self._collect_spans(part)

    def _collect_spans(self, nodes: list[Node] | tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Span):
                self._want(plain_text(node.children))
                self._collect_spans(node.children)

    def _want(self, text: str) -> None:
        core = " ".join(text.split())
        if _LETTER.search(core):
            self.texts.setdefault(core, core)

    def translate(self, translate: Translate) -> None:
        keys = list(self.texts)
        for key, value in zip(keys, translate(keys), strict=True):
            self.texts[key] = value

    def _lookup(self, text: str) -> str | None:
        core = " ".join(text.split())
        return self.texts.get(core) if _LETTER.search(core) else core

    def rebuild(self, nodes: list[Node]) -> list[Node]:
        out: list[Node] = []
        for part in split_at_opaque(nodes):
            if isinstance(part, Opaque):
                out.append(part)
                continue
            if _only_spans(part):  # a menu, a list of links: each span is its own unit
                out += self._each_span(part)
                continue
            source = plain_text(part)
            translated = self._lookup(source)
            if translated is None or not source.strip():
                out.extend(part)
                continue
            self.units += 1
            lead = source[: len(source) - len(source.lstrip())]
            trail = source[len(source.rstrip()) :]
            out += [Text(lead), *self._align(part, translated), Text(trail)]
        return [n for n in out if not (isinstance(n, Text) and not n.text)]

    def _each_span(self, nodes: list[Node]) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Span):
                self.kept += 1
                node = Span(node.open, node.close, tuple(self.rebuild(list(node.children))))
            out.append(node)
        return out

    def _align(self, nodes: list[Node] | tuple[Node, ...], translated: str) -> list[Node]:
        """`translated` as nodes, each span of `nodes` around its own translation if found."""
        out: list[Node] = []
        cursor = 0
        folded = translated.casefold()
        for span in (n for n in nodes if isinstance(n, Span)):
            inner = self._lookup(plain_text(span.children))
            if not inner or not inner.strip():
                out += [Text(translated[cursor:cursor]), Span(span.open, span.close, ())]
                continue
            target = inner.strip()
            pos = translated.find(target, cursor)
            if pos < 0 and len(folded) == len(translated):
                pos = folded.find(target.casefold(), cursor) if _same_fold(target) else -1
            if pos < 0:
                self._drop(span)
                continue
            end = pos + len(target)
            out.append(Text(translated[cursor:pos]))
            children = tuple(self._align(span.children, translated[pos:end]))
            out.append(Span(span.open, span.close, children))
            self.kept += 1
            cursor = end
        out.append(Text(translated[cursor:]))
        return out

    def _drop(self, span: Span) -> None:
        self.dropped += 1 + sum(1 for _ in _spans(span.children))
        if len(self.examples) < MAX_DROPPED_EXAMPLES:
            self.examples.append(" ".join(plain_text(span.children).split()))


def _only_spans(nodes: list[Node] | tuple[Node, ...]) -> bool:
    """Spans separated by nothing to translate (spaces, " | ", " · ")."""
    texts = [n.text for n in nodes if isinstance(n, Text)]
    return any(isinstance(n, Span) for n in nodes) and not _LETTER.search("".join(texts))


def _same_fold(text: str) -> bool:
    """Case-folding keeps its length (no ß -> ss): positions in the folded text are valid."""
    return len(text.casefold()) == len(text)


def _spans(nodes: tuple[Node, ...]) -> Any:
    for node in nodes:
        if isinstance(node, Span):
            yield node
            yield from _spans(node.children)


def _translate_fn(translator: Any, progress: Any = None) -> Translate:
    def run(texts: list[str]) -> list[str]:
        return translator.translate_documents(texts, progress=progress) if texts else []

    return run


# -- Markdown ---------------------------------------------------------------------------------
def translate_markdown(source: str, translate: Translate) -> tuple[str, MarkupStats]:
    """A Markdown document translated with its syntax kept (code and URLs byte-identical)."""
    from precis.formats.markdown import render, text_blocks

    blocks = text_blocks(source)
    aligner = _Aligner()
    for block in blocks:
        if block.nodes is not None:
            aligner.collect(list(block.nodes))
    aligner.translate(translate)
    lines = source.split("\n")
    edits: dict[int, list[tuple[int, int, str]]] = {}
    cursors: dict[int, int] = {}
    untranslated = 0
    for block in blocks:
        places = _locate(lines, block.lines[0], block.content, cursors) if block.nodes else None
        if block.nodes is None or places is None:
            untranslated += 1 if _LETTER.search(block.content) else 0
            continue
        new = " ".join(render(aligner.rebuild(list(block.nodes))).split("\n"))
        for k, (line, start, end) in enumerate(places):
            edits.setdefault(line, []).append((start, end, new if k == 0 else ""))
    out = _apply(lines, edits)
    stats = MarkupStats(
        MARKDOWN,
        aligner.units,
        aligner.kept,
        aligner.dropped,
        untranslated,
        tuple(aligner.examples),
    )
    return out, stats


def _locate(
    lines: list[str], first: int, content: str, cursors: dict[int, int]
) -> list[tuple[int, int, int]] | None:
    """Where each line of an inline block's content sits in the source: (line, start, end)."""
    places = []
    for k, part in enumerate(content.split("\n")):
        line = first + k
        if line >= len(lines):
            return None
        start = lines[line].find(part, cursors.get(line, 0))
        if start < 0:
            return None
        places.append((line, start, start + len(part)))
    for line, _, end in places:
        cursors[line] = end
    return places


def _apply(lines: list[str], edits: dict[int, list[tuple[int, int, str]]]) -> str:
    out = []
    for number, line in enumerate(lines):
        changes = edits.get(number)
        if not changes:
            out.append(line)
            continue
        for start, end, text in sorted(changes, reverse=True):
            line = line[:start] + text + line[end:]
        if all(not text for _, _, text in changes) and not line.strip(" >\t"):
            continue  # a continuation line whose text moved up into the block's first line
        out.append(line)
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------------------
def translate_html(source: str, translate: Translate) -> tuple[str, MarkupStats]:
    """An HTML document (or fragment) translated with its markup kept."""
    from precis.translate import markup_html

    tree, serialize = markup_html.parse(source)
    runs = markup_html.text_runs(tree)
    aligner = _Aligner()
    for run in runs:
        aligner.collect(run.nodes)
    aligner.translate(translate)
    for run in runs:
        markup_html.write_back(run, aligner.rebuild(run.nodes))
    changed = markup_html.set_lang(tree)
    stats = MarkupStats(
        HTML, aligner.units, aligner.kept, aligner.dropped, 0, tuple(aligner.examples), changed
    )
    return serialize(tree), stats


MARKUP_TRANSLATORS: dict[str, Callable[[str, Translate], tuple[str, MarkupStats]]] = {
    HTML: translate_html,
    MARKDOWN: translate_markdown,
}


def translate_markup_with(
    translator: Any, text: str, fmt: str, *, progress: Any = None
) -> tuple[str, MarkupStats]:
    """Translate a document of format `fmt` (html, markdown) with an open Translator."""
    if not text.strip():
        return text, MarkupStats(fmt, 0, 0, 0, 0)
    return MARKUP_TRANSLATORS[fmt](text, _translate_fn(translator, progress))


@dataclass(frozen=True)
class MarkupTranslation:
    """A translated HTML or Markdown document, what produced it, and what happened to its
    markup."""

    text: str
    markup: MarkupStats
    info: Any  # BackendInfo
    reason: str
    seconds: float
    stats: Any  # TranslatorStats

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "markup": self.markup.to_dict(),
            "info": dataclasses.asdict(self.info),
            "reason": self.reason,
            "seconds": self.seconds,
            "stats": self.stats.to_dict(),
        }


def translate_markup(
    text: str,
    fmt: str,
    *,
    backend: str = "auto",
    model: str | None = None,
    progress: Any = None,
    cache: bool = False,
    **options: Any,
) -> MarkupTranslation:
    """`translate_text` for an HTML or Markdown document: the markup comes back unchanged."""
    from precis.translate.auto import get_translator

    start = time.perf_counter()
    with get_translator(backend, model, cache=cache, **options) as translator:
        out, markup = translate_markup_with(translator, text, fmt, progress=progress)
        return MarkupTranslation(
            text=out,
            markup=markup,
            info=translator.info,
            reason=translator.choice.reason if translator.choice else "",
            seconds=round(time.perf_counter() - start, 4),
            stats=translator.stats,
        )
