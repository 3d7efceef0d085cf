"""HTML input: paragraphs extracted by jusText (a kept library), not by hand-written tag stripping.

jusText classifies each block of a page as content or boilerplate (navigation, link lists,
footers) from its length, stopword density and link density. A block is kept when jusText
classifies it as good in context, or as good / near-good on its own (short pages have too
little context for the contextual pass); headings are kept when they are not link-heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from precis.errors import InputError

HTML_LANGUAGE = "French"
_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|body|p|div|article|h[1-6]|br)\b", re.IGNORECASE)
MAX_HEADING_LINK_DENSITY = 0.2


@dataclass(frozen=True)
class HtmlBlock:
    text: str
    kept: bool
    reason: str  # jusText's class for the block: good, neargood, short, bad


def looks_like_html(text: str) -> bool:
    """True when the text has HTML tags (<html>, <p>, <div>, ...) near its start."""
    return bool(_HTML_HINT.search(text[:5000]))


def extract_blocks(html: str) -> list[HtmlBlock]:
    """Every text block of the page, in order, with jusText's verdict."""
    try:
        import justext
    except ImportError as exc:  # lxml without lxml_html_clean, or jusText missing
        raise InputError(
            f"HTML input needs jusText and lxml_html_clean ({exc}); "
            "pip install 'justext>=3' lxml_html_clean"
        ) from exc
    if not html.strip():
        return []
    try:
        blocks = justext.justext(html, justext.get_stoplist(HTML_LANGUAGE))
    except Exception as exc:  # lxml raises several parser errors on broken markup
        raise InputError(f"cannot parse the HTML input: {exc}") from exc
    out: list[HtmlBlock] = []
    for block in blocks:
        text = " ".join(block.text.split())
        if not text:
            continue
        kept = block.class_type == "good" or block.cf_class in {"good", "neargood"}
        if block.is_heading and block.links_density() <= MAX_HEADING_LINK_DENSITY:
            kept = True
        reason = block.class_type if block.class_type == "good" else block.cf_class
        out.append(HtmlBlock(text=text, kept=kept, reason=reason))
    return out
