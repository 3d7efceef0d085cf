"""English typography for text that kept French conventions (Apertium copies them through).

Applied to the apertium backend's English, after the learned post-edit rules:

- guillemets become double quotes: « Bonjour » -> "Bonjour" (the space inside them goes);
- no space before ; : ! ? (French puts a no-break space there, English none);
- a decimal comma becomes a point between digits: 3,5 % -> 3.5 %, but not in a list of
  numbers ("1,2,3") nor where the comma is followed by a space.

Other no-break spaces (10 000, between words) are content, not French punctuation spacing:
they are kept.
"""

from __future__ import annotations

import re

_SPACE = "[ \u00a0\u202f\u2007]"
_OPEN_QUOTE = re.compile(rf"[«‹]{_SPACE}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACE}*[»›]")
_SPACE_BEFORE_MARK = re.compile(rf"(?<=\S){_SPACE}+([;:!?])")
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d+),(\d+)(?![\d,])")


def english_typography(text: str) -> str:
    """French quotes, punctuation spacing and decimal commas in English form."""
    text = _OPEN_QUOTE.sub('"', text)
    text = _CLOSE_QUOTE.sub('"', text)
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    return _DECIMAL_COMMA.sub(r"\1.\2", text)
