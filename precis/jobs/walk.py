"""The one folder walker of precis: which files of a tree a command takes, and which it leaves.

`walk(src, globs)` returns the matching files (sorted, with a `problem` for those refused:
symlinks leaving the tree, broken links) and the files the globs left out, so that every
report can say what was not taken. Symlinked folders are never walked (loops, duplicates);
one pointing outside `src` is listed as refused. precis' own files (temp files, manifests,
locks) are neither taken nor counted. Every command's folder input goes through here.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from precis.errors import InputError
from precis.formats import DEFAULT_GLOBS as FORMAT_GLOBS
from precis.io import TEMP_PREFIX

# One default set for every folder command (dedup, summarize, translate, run): every extension
# of every document format (*.txt *.md *.html *.htm); each file is read in its own format.
DEFAULT_GLOBS: tuple[str, ...] = FORMAT_GLOBS
PRECIS_FILES = ("manifest.jsonl", ".precis-lock")  # bookkeeping, never an input


@dataclass(frozen=True)
class Discovered:
    rel: str  # POSIX path relative to src
    path: Path
    problem: str | None = None  # set when the file is refused (symlink escaping src, ...)


@dataclass(frozen=True)
class Walk:
    """What a folder holds for a job: the files taken and the ones the globs left out."""

    src: Path
    files: tuple[Discovered, ...]
    left_out: tuple[str, ...]  # relpaths of files no glob matched
    globs: tuple[str, ...]


@functools.lru_cache(maxsize=64)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`*` and `?` stay within one folder, `**/` spans folders, `[...]` as in fnmatch."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.IGNORECASE)


def matches(rel: str, globs: Sequence[str]) -> bool:
    """A pattern without '/' matches the file name at any depth; with '/', the whole path
    relative to src (`*` stays within a folder, `**/` spans folders). Case is ignored
    (`*.txt` takes `NOTES.TXT`)."""
    name = PurePosixPath(rel).name
    return any(_glob_regex(g).match(rel if "/" in g else name) for g in globs)


def _is_precis_file(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) or name in PRECIS_FILES


def walk(
    src: str | Path,
    globs: Sequence[str] = DEFAULT_GLOBS,
    *,
    skip: str | Path | None = None,
) -> Walk:
    """The files of `src` matching `globs`, sorted; `skip` (an output folder) is not walked."""
    root = Path(src)
    if not root.is_dir():
        raise InputError(f"{src}: not a folder")
    real_root = root.resolve()
    real_skip = Path(skip).resolve() if skip is not None else None
    found: list[Discovered] = []
    left_out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        found.extend(_prune_folders(root, here, dirnames, real_root, real_skip))
        for name in sorted(filenames):
            if _is_precis_file(name):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if not matches(rel, globs):
                left_out.append(rel)
                continue
            found.append(Discovered(rel, path, _problem(path, real_root, real_skip)))
    files = tuple(sorted(found, key=lambda d: d.rel))
    return Walk(root, files, tuple(sorted(left_out)), tuple(globs))


def temp_files(out: str | Path) -> list[Path]:
    """precis' temp files under `out` (symlinked folders not followed)."""
    return [
        Path(dirpath) / name
        for dirpath, _dirs, names in os.walk(out)
        for name in names
        if name.startswith(TEMP_PREFIX)
    ]


def _prune_folders(
    root: Path, here: Path, dirnames: list[str], real_root: Path, real_skip: Path | None
) -> list[Discovered]:
    """Keep in `dirnames` the folders to walk; return the refused symlinked ones."""
    refused: list[Discovered] = []
    walked = []
    for name in sorted(dirnames):
        path = here / name
        target = path.resolve()
        if real_skip is not None and target == real_skip:
            continue  # our own outputs
        if path.is_symlink():  # never walked (loops, duplicates); refused when outside
            if not target.is_relative_to(real_root):
                rel = path.relative_to(root).as_posix() + "/"
                problem = (
                    f"symlink to the folder {target}, outside the input folder; refused "
                    "(give that folder as an input of its own)"
                )
                refused.append(Discovered(rel, path, problem))
            continue
        walked.append(name)
    dirnames[:] = walked
    return refused


def _problem(path: Path, real_root: Path, real_skip: Path | None) -> str | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink; refused"
    if not target.is_relative_to(real_root):
        return f"symlink to {target}, outside the input folder; refused"
    if real_skip is not None and target.is_relative_to(real_skip):
        return f"symlink to {target}, inside the output folder; refused"
    return None
