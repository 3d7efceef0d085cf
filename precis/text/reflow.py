"""Reflow hard-wrapped plain text: a line break inside a sentence becomes a space.

Wire copy and e-mail are wrapped at a fixed width, so a sentence runs over several lines; read
line by line, every line would be a sentence (the splitter cuts at every line break) and a
translation would break mid-sentence. Within a block (lines between blank lines), a line is
joined to the next one when it does not end a sentence and the next one continues it:

- the next line starts with a lower-case letter or with "," ";" ")" ... : it continues;
- the next line starts with a capital or a digit: joined only when the line is a wrapped one,
  as long as about the block's longest line (at least `TITLE_SHARE` of it, in a block at least
  `MIN_WRAP_WIDTH` wide); a short line is a title, a byline or an address line and stays.

Never joined: a line ending a sentence (. ! ? … with closing quotes), a list item or dialogue
line ("- ", "• ", "— ", "1. ", "a) ") as the next line, a Markdown heading, a line in capitals.
Blank lines stay as they are, so the paragraph layout is kept. A word hyphenated at the end of
a line ("Jean-" / "Pierre") is joined without a space, its hyphen kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TITLE_SHARE = 0.6  # a line shorter than this share of its block's longest line is not wrapped
MIN_WRAP_WIDTH = 40  # blocks whose longest line is shorter (addresses, verse) are never joined

_ENDS_SENTENCE = re.compile(r"[.!?…](?:[\s\u00a0\u202f]*[»”\"’)\]])*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪►–—]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|#)")
_CONTINUES = re.compile(r"^\s*[«“\"(\[]?\s*[a-zà-öø-ÿœæ,;:)\]»”]")
_HYPHENATED = re.compile(r"[^\W\d_]-$")


def _is_title(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return line.lstrip().startswith("#") or (
        len(letters) > 1 and all(ch.isupper() for ch in letters)
    )


def _joins(line: str, nxt: str, width: int) -> bool:
    """Is the break between `line` and `nxt` (both non-blank, same block) inside a sentence?"""
    if _ENDS_SENTENCE.search(line) or _LIST_ITEM.match(nxt) or _is_title(line):
        return False
    if _CONTINUES.match(nxt) or (_HYPHENATED.search(line.rstrip()) and nxt.lstrip()[:1].isalpha()):
        return True
    return width >= MIN_WRAP_WIDTH and len(line.strip()) >= TITLE_SHARE * width


def _reflow_block(lines: list[str], keep: Callable[[str], bool] | None) -> list[str]:
    width = max(len(line.strip()) for line in lines)
    kept = [bool(keep and keep(line)) for line in lines]
    out: list[str] = [lines[0]]
    for i in range(1, len(lines)):
        nxt, last = lines[i], out[-1]
        if not kept[i - 1] and not kept[i] and _joins(last, nxt, width):
            head = last.rstrip()
            glue = "" if _HYPHENATED.search(head) else " "
            out[-1] = head + glue + nxt.strip()
        else:
            out.append(nxt)
    return out


def reflow(text: str, *, keep: Callable[[str], bool] | None = None) -> str:
    """`text` with its line breaks inside sentences made spaces; blank lines kept.

    `keep(line)` True: that line is joined to neither neighbour (dedup passes its boilerplate
    rules, so "Lire aussi : ..." stays a line of its own and is still recognized)."""
    if "\n" not in text:
        return text
    result: list[str] = []
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line)
            continue
        if block:
            result.extend(_reflow_block(block, keep))
            block = []
        result.append(line)
    if block:
        result.extend(_reflow_block(block, keep))
    return "\n".join(result)
