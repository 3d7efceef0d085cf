"""One rule for a command-line argument that may be literal text or a path (TEXT|FILE|DIR).

- "-" is stdin;
- a path when a file or folder of that name exists (said on stderr when the name does not look
  like a path, so a sentence that happens to name a file is not read silently);
- otherwise the text itself, and stderr says "treating the argument as text" (a warning when it
  looks like a path: "notes.txt", "a/b" may be a mistyped file name);
- an empty argument is an error (Path("") is the current folder: `precis translate ''` would
  have translated the whole tree).

Commands that take no literal text (summarize, dedup, run) use `allow_text=False`: a missing
path is an error there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from precis.errors import InputError

STDIN = "-"
KIND_STDIN = "stdin"
KIND_FILE = "file"
KIND_FOLDER = "folder"
KIND_TEXT = "text"
# "notes.txt", "./a", "dir/file", "C:\\x": no space and a file-like ending or a separator.
_PATH_LIKE = re.compile(r"^[^\s]*(?:[/\\][^\s]*|\.[A-Za-z0-9]{1,5})$")
SHOWN_CHARS = 40  # of a long argument, in a diagnostic


@dataclass(frozen=True)
class InputSource:
    kind: str  # stdin | file | folder | text
    value: str  # the argument as given
    note: str = ""  # a line for stderr ("" when there is nothing to say)
    warning: bool = False  # the note is a warning (the argument may be a mistyped path)

    @property
    def path(self) -> Path | None:
        return Path(self.value) if self.kind in (KIND_FILE, KIND_FOLDER) else None


def _shown(arg: str) -> str:
    return repr(arg if len(arg) <= SHOWN_CHARS else arg[:SHOWN_CHARS] + "...")


def looks_like_path(arg: str) -> bool:
    return bool(_PATH_LIKE.match(arg))


def _path_kind(arg: str) -> str | None:
    """folder, file, or None: nothing by that name (or a name no file can have: too long for
    the file system, a NUL byte, as a paragraph of text given as the argument would be)."""
    path = Path(arg)
    try:
        if path.is_dir():
            return KIND_FOLDER
        return KIND_FILE if path.exists() else None
    except (OSError, ValueError):
        return None


def resolve_input(arg: str | None, *, allow_text: bool = True) -> InputSource:
    """What the argument names: stdin, a file, a folder, or (allow_text) literal text."""
    expected = "a TEXT, - (stdin), a FILE or a FOLDER" if allow_text else "a FILE, - or a FOLDER"
    if arg is None:
        raise InputError(f"no input: give {expected}")
    if not arg.strip():
        raise InputError(
            f"the input argument is empty: give {expected} (an empty argument is not the "
            "current folder; use . for that)"
        )
    if arg == STDIN:
        return InputSource(KIND_STDIN, arg)
    kind = _path_kind(arg)
    if kind == KIND_FOLDER:
        return InputSource(KIND_FOLDER, arg)
    if kind == KIND_FILE:
        note = "" if looks_like_path(arg) or " " not in arg else f"reading the file {_shown(arg)}"
        return InputSource(KIND_FILE, arg, note)
    if not allow_text:
        raise InputError(f"{arg}: no such file or folder")
    if looks_like_path(arg):
        note = f"no file or folder {_shown(arg)}: treating the argument as text"
        return InputSource(KIND_TEXT, arg, note, warning=True)
    return InputSource(
        KIND_TEXT, arg, "no file or folder by that name: treating the argument as text"
    )
