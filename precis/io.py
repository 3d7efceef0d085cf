"""Reading and writing text files the same way everywhere.

Reading: UTF-8 by default, byte-order mark stripped, CRLF and lone CR normalized to LF, a clear
error naming the file and the byte offset on undecodable bytes, `-` for stdin, binary files
(NUL bytes) refused. Writing: atomic (temp file in the same folder, fsync, os.replace), so a
crash or a kill never leaves a partial file under the final name.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from precis.errors import EncodingError, InputError, MismatchError, OutputError

DEFAULT_ENCODING = "utf-8"
STDIN_NAME = "-"
TEMP_PREFIX = ".precis-tmp-"


# Single-byte legacy encodings of French text: a file that is valid UTF-8 (with accents) read
# in one of these would come out garbled ("é" -> "Ã©"), so it is refused.
LEGACY_ENCODINGS = frozenset({"cp1252", "iso8859-1", "iso8859-15", "mac-roman"})  # codec names
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode(data: bytes, source: str, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise InputError(
            f"{source}: unknown encoding {encoding!r}; pass --encoding utf-8 (the default), "
            "cp1252 or latin-1"
        ) from exc
    if codec == "utf-8":
        codec = "utf-8-sig"  # strips a BOM when there is one
    wide = codec.startswith(("utf-16", "utf-32"))
    if wide:
        _check_wide(data, source, encoding)
    if not wide and data.startswith(_UTF16_BOMS):
        raise EncodingError(
            f"{source}: is UTF-16 (it starts with a UTF-16 byte-order mark); pass --encoding utf-16"
        )
    if not wide and b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(
            f"{source}: looks like a binary file (NUL byte at offset {offset}); "
            "precis reads plain text: check the path, or convert the document to text first"
        )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        fix = (
            "if the file is Latin-1 or Windows-1252, pass --encoding cp1252 (or latin-1)"
            if codec.startswith("utf-8")
            else "pass the file's real --encoding (latin-1 accepts every byte)"
        )
        raise EncodingError(
            f"{source}: not valid {exc.encoding} at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x}); {fix}"
        ) from exc
    if codec in LEGACY_ENCODINGS and not data.isascii() and _is_utf8(data):
        raise EncodingError(
            f"{source}: is UTF-8, not {encoding}: read as {encoding} its accents would come out "
            "garbled (é as Ã©); leave out --encoding (UTF-8 is the default)"
        )
    return normalize_newlines(text.lstrip("\ufeff"))


def temp_prefix(pid: int | None = None) -> str:
    """The name prefix of this process's temp files: `.precis-tmp-<pid>-` (its writer is known)."""
    return f"{TEMP_PREFIX}{os.getpid() if pid is None else pid}-"
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, *_UTF16_BOMS)


def _check_wide(data: bytes, source: str, encoding: str) -> None:
    """Refuse a UTF-16/32 decode of a file that is not: without a UTF-16/32 byte-order mark, a
    text in those encodings has NUL bytes (every space, digit and ASCII letter holds one), so a
    file without any is some 8-bit encoding, and read as UTF-16 it would come out as CJK."""
    if not data or data.startswith(_WIDE_BOMS) or b"\x00" in data:
        return
    if _is_utf8(data):
        actual, fix = "UTF-8", "leave out --encoding (UTF-8 is the default)"
    else:
        actual, fix = "an 8-bit encoding (Windows-1252?)", "pass --encoding cp1252 (or latin-1)"
    raise EncodingError(
        f"{source}: is not {encoding}: it has no byte-order mark and no NUL byte (a {encoding} "
        f"text has one in every space and ASCII letter); it looks like {actual}: {fix}"
    )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, source: str, *, encoding: str = DEFAULT_ENCODING) -> str:
    """Decode a file's bytes as `read_text` does (BOM, newlines, errors naming `source`)."""
    return _decode(data, source, encoding)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(
    path: str | Path, *, encoding: str = DEFAULT_ENCODING, allow_empty: bool = False
) -> str:
    """Read a whole text file (or stdin for `-`), normalized; empty is an error unless allowed."""
    source = str(path)
    if source == STDIN_NAME:
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{source}: no such file")
        if p.is_dir():
            raise InputError(f"{source}: is a folder, not a file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror})") from exc
    text = _decode(data, source, encoding)
    if not allow_empty and not text.strip():
        raise InputError(f"{source}: is empty (nothing but whitespace)")
    return text


def read_lines(path: str | Path, *, encoding: str = DEFAULT_ENCODING) -> list[str]:
    """Read a line-aligned file: one item per line, trailing newline not counted as a line.

    Empty lines are kept (they are items too); only a wholly empty file is an error.
    """
    text = read_text(path, encoding=encoding, allow_empty=True)
    if text == "":
        raise InputError(f"{path}: is empty (0 lines)")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def check_same_length(
    named: dict[str, list[str]] | list[tuple[str, list[str]]],
) -> int:
    """Raise MismatchError naming every file and its count unless all lists have one length."""
    items = list(named.items()) if isinstance(named, dict) else list(named)
    counts = {name: len(lines) for name, lines in items}
    if len(set(counts.values())) > 1:
        detail = ", ".join(f"{name}: {n} lines" for name, n in counts.items())
        raise MismatchError(f"line counts differ ({detail}); line-aligned files must match")
    return next(iter(counts.values()), 0)


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temp file beside `path`; on success fsync and rename it over `path`.

    On any exception the temp file is removed and `path` is untouched.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(
            f"{target}: cannot write in {target.parent} ({exc.strerror or exc}); check the "
            "folder's permissions and free space, or write elsewhere"
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(
                f"{target}: write failed ({exc.strerror or exc}); nothing was written; check "
                "the free space and the folder's permissions, or write elsewhere"
            ) from exc
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` atomically (all or nothing)."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_lines_atomic(path: str | Path, lines: list[str]) -> None:
    """Write one item per line, atomically; items must not contain newlines."""
    write_text_atomic(path, "".join(f"{line}\n" for line in lines))
