"""Which format a document is in, from the document itself (never from one tag).

A file's extension decides first (`precis.formats.format_of_path`): `.html`/`.htm` are HTML and
`.md` is Markdown whatever they hold. Text with no telling extension (stdin, a `.txt`, a `.fr`)
is HTML when it says so: it opens with `<!DOCTYPE html>` or `<html>` (after blank space and
comments), or its markup is dense: at least `MIN_HTML_TAGS` tags of known HTML elements making
at least `MIN_MARKUP_SHARE` of its characters. One stray `<br>` or `<p>` in a text file leaves
it text. Markdown is never guessed from content (a `*` or a `#` is common in plain text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from precis.formats import HTML, TEXT, format_of_path

MIN_HTML_TAGS = 6
MIN_MARKUP_SHARE = 0.05
SNIFF_CHARS = 20_000  # of the document's start are looked at
_LEADING = re.compile(r"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_HTML_START = re.compile(r"<!doctype\s+html\b|<html\b", re.IGNORECASE)
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|cite|code|dd|div|dl|dt|em|"
    "figcaption|figure|footer|form|h[1-6]|head|header|hr|i|iframe|img|input|label|li|link|main|"
    "meta|nav|noscript|ol|p|pre|script|section|small|span|strong|style|sub|sup|table|tbody|td|"
    "th|thead|time|title|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_HIDDEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


def visible_text(text: str) -> str:
    """What a reader sees of a document: comments, scripts, styles and the tags of known HTML
    elements removed (for the language check). Plain text without such markup is unchanged."""
    return _TAG.sub(" ", _HIDDEN.sub(" ", text))


@dataclass(frozen=True)
class Detection:
    format: str  # a name of precis.formats.FORMATS
    reason: str  # said in reports: why this format


def sniff(text: str) -> Detection:
    """HTML or text, from the document's content."""
    head = text[:SNIFF_CHARS]
    start = _LEADING.match(head)
    if _HTML_START.match(head, start.end() if start else 0):
        return Detection(HTML, "opens with <!DOCTYPE html> or <html>")
    tags = _TAG.findall(head)
    share = sum(len(t) for t in tags) / max(len(head), 1)
    how = f"{len(tags)} HTML tag(s), {share:.0%} of the characters"
    if len(tags) >= MIN_HTML_TAGS and share >= MIN_MARKUP_SHARE:
        return Detection(HTML, f"markup is dense: {how}")
    if tags:
        return Detection(TEXT, f"read as text: only {how}")
    return Detection(TEXT, "no HTML markup")


def detect(text: str, path: str | PurePath | None = None) -> Detection:
    """The document's format: from `path`'s extension when it names HTML or Markdown, else
    from the content (`sniff`)."""
    by_path = format_of_path(path) if path is not None and str(path) != "-" else None
    if by_path is not None and by_path != TEXT:
        suffix = PurePath(path).suffix.lower()  # type: ignore[arg-type]
        return Detection(by_path, f"from the {suffix} extension")
    return sniff(text)
