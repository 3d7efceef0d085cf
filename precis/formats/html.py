"""HTML input: the article of a saved news page, its title, date and author.

Two extractors, in the registry `EXTRACTORS` (both offline):

- ``trafilatura`` (the default): trafilatura's main-text extraction, which knows news layouts
  (article/main containers, bylines, share and related widgets), after removing the elements
  whose class or id names a page widget (`WIDGET_NAMES`: cookie and consent banners, paywalls,
  share bars, related links, newsletters, comments).
- ``justext``: jusText's block classifier (length, stopword and link density), the path precis
  used before. It keeps cookie banners: they are long French prose, dense in stopwords.

`bench/html_extract.py` measures both on the pages of `corpora/pages/` (README, "HTML and
Markdown"). Either way the page is cut into text blocks by jusText's segmenter (every block of
text, in page order) and each block gets a verdict, so every dropped block is reported with
its reason, never removed silently. When trafilatura finds no article at all, jusText's
verdicts are used (reasons ending in `-fallback`) rather than an empty article. The title,
date and author come from trafilatura's metadata extraction (meta tags, JSON-LD, <time>,
bylines).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from precis.errors import InputError
from precis.formats import Block
from precis.registry import Registry

HTML_LANGUAGE = "French"
MAX_HEADING_LINK_DENSITY = 0.2
DEFAULT_EXTRACTOR = "trafilatura"
#: A page block counts as extracted when it is (nearly) one of the extractor's paragraphs: equal,
#: or one contains the other and the shorter is at least this share of the longer (or, for a
#: block inside a paragraph, at least `MIN_CONTAINED_WORDS` words: a one-word menu item that
#: happens to occur in the article is not article text).
MIN_BLOCK_OVERLAP = 0.5
MIN_CONTAINED_WORDS = 8
#: Class or id words (split on - and _) of page widgets that are never article text.
WIDGET_NAMES = frozenset(
    {
        "cookie", "cookies", "consent", "gdpr", "cmp", "didomi", "paywall", "share", "sharing",
        "social", "related", "relatedposts", "newsletter", "promo", "comments", "comment",
        "breadcrumb", "outbrain", "taboola",
    }
)  # fmt: skip
_NAME_SPLIT = re.compile(r"[-_\s]+")
HtmlBlock = Block  # a block of a page, with the extractor's verdict


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself; None where it says nothing."""

    title: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD)
    author: str | None = None
    extractor: str = DEFAULT_EXTRACTOR

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Extraction:
    blocks: tuple[HtmlBlock, ...]
    metadata: PageMetadata

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kept)


def _justext() -> Any:
    try:
        import justext
    except ImportError as exc:  # lxml without lxml_html_clean, or jusText missing
        raise InputError(
            f"HTML input needs jusText and lxml_html_clean ({exc}); "
            "pip install 'justext>=3' lxml_html_clean"
        ) from exc
    return justext


def _page_blocks(html: str) -> list[Any]:
    """jusText's blocks of the page (its segmentation and its verdicts), text non-empty."""
    justext = _justext()
    try:
        blocks = justext.justext(html, justext.get_stoplist(HTML_LANGUAGE))
    except Exception as exc:  # lxml raises several parser errors on broken markup
        raise InputError(f"cannot parse the HTML input: {exc}") from exc
    return [b for b in blocks if b.text.split()]


def _text(block: Any) -> str:
    return " ".join(block.text.split())


def _metadata(html: str, extractor: str) -> PageMetadata:
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus: a page without it is still read
        meta = None
    if meta is None:
        return PageMetadata(extractor=extractor)
    return PageMetadata(meta.title or None, meta.date or None, meta.author or None, extractor)


def _justext_extract(html: str) -> list[HtmlBlock]:
    out = []
    for block in _page_blocks(html):
        kept = block.class_type == "good" or block.cf_class in {"good", "neargood"}
        if block.is_heading and block.links_density() <= MAX_HEADING_LINK_DENSITY:
            kept = True
        reason = block.class_type if block.class_type == "good" else block.cf_class
        out.append(HtmlBlock(_text(block), kept, f"justext-{reason}"))
    return out


def _is_widget(element: Any) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return any(word.lower() in WIDGET_NAMES for word in _NAME_SPLIT.split(names) if word)


def _without_widgets(html: str) -> Any:
    """The page's tree with the widget elements (by class or id name) removed."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for element in [e for e in tree.iter() if isinstance(e.tag, str) and _is_widget(e)]:
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def _trafilatura_paragraphs(html: str, *, widgets: bool = False) -> list[str]:
    """trafilatura's article text, one string per paragraph, heading, item or line (`widgets`:
    leave the widget elements in, for the side-by-side measure of bench/html_extract.py)."""
    import lxml.html
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        lxml.html.document_fromstring(html) if widgets else _without_widgets(html),
        output_format="xml",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    for lb in root.iter("lb"):  # a line break inside a paragraph separates two blocks
        lb.tail = "\n" + (lb.tail or "")
    body = root.find("main")
    text = "\n".join(
        "".join(e.itertext()) for e in (body if body is not None else root) if e.tag != "lb"
    )
    return [" ".join(line.split()) for line in text.split("\n") if line.split()]


def _matches(block: str, piece: str) -> bool:
    if block == piece:
        return True
    short, long_ = sorted((block, piece), key=len)
    if short not in long_:
        return False
    ratio = len(short) / len(long_)
    return ratio >= MIN_BLOCK_OVERLAP or (
        short == block and len(block.split()) >= MIN_CONTAINED_WORDS
    )


def _trafilatura_extract(html: str, *, widgets: bool = False) -> list[HtmlBlock]:
    from precis.text.paragraphs import normalize_for_comparison

    pieces = [normalize_for_comparison(p) for p in _trafilatura_paragraphs(html, widgets=widgets)]
    if not pieces:  # trafilatura found no article: jusText's verdicts rather than nothing
        return [Block(b.text, b.kept, f"{b.reason}-fallback") for b in _justext_extract(html)]
    out = []
    for block in _page_blocks(html):
        text = _text(block)
        norm = normalize_for_comparison(text)
        kept = bool(norm) and any(_matches(norm, piece) for piece in pieces)
        reason = "trafilatura-article" if kept else "trafilatura-not-article"
        out.append(HtmlBlock(text, kept, reason))
    return out


EXTRACTORS: Registry[Callable[[str], list[HtmlBlock]]] = Registry("HTML extractor")
EXTRACTORS.add("trafilatura", _trafilatura_extract)
EXTRACTORS.add("justext", _justext_extract)


def extract_page(html: str, extractor: str = DEFAULT_EXTRACTOR) -> Extraction:
    """Every text block of the page with its verdict, and the page's title, date and author.

    The block that repeats the title is dropped from the body (the title is in the metadata).
    """
    extract = EXTRACTORS.get(extractor)
    if not html.strip():
        return Extraction((), PageMetadata(extractor=extractor))
    blocks = extract(html)
    meta = _metadata(html, extractor)
    if meta.title:
        from precis.text.paragraphs import normalize_for_comparison

        title = normalize_for_comparison(meta.title)
        blocks = [
            HtmlBlock(b.text, False, "title")
            if b.kept and normalize_for_comparison(b.text) == title
            else b
            for b in blocks
        ]
    return Extraction(tuple(blocks), meta)


def extract_blocks(html: str, extractor: str = DEFAULT_EXTRACTOR) -> list[HtmlBlock]:
    """Every text block of the page, in order, with the extractor's verdict."""
    return list(extract_page(html, extractor).blocks)
