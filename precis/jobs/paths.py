"""Path safety for every output precis writes: nothing escapes, nothing clobbers an input.

- `safe_output_path`: `out / rel`, refusing absolute paths, `..`, and anything resolving outside.
- `check_plan`: before a folder job runs, two inputs that would write one output, or an output
  that would overwrite an input or a file the job reads (a reference), stop the job with one
  line naming both paths.
- `check_single_output`: the same rule for a single-file command's `-o` (`precis translate
  a.txt -o a.txt`, `precis run article.fr.txt -o <its folder>` over its references).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from precis.errors import ClobberError, OutputError, PathEscapeError
from precis.io import STDIN_NAME, TEMP_PREFIX


def safe_output_path(out: str | Path, rel: str) -> Path:
    """`out / rel`, refusing absolute paths, '..' and anything resolving outside `out`."""
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or ".." in pure.parts or "\\" in rel:
        raise PathEscapeError(f"output path {rel!r} would leave the output folder; refused")
    target = Path(out) / pure
    if not target.resolve().is_relative_to(Path(out).resolve()):
        raise PathEscapeError(f"output path {rel!r} resolves outside {out}; refused")
    return target


def check_writable(out: str | Path) -> None:
    """Fail at once, before any work, when `out` cannot take a new file (read-only, ...)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".probe", dir=out)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot write in the output folder ({exc.strerror or exc}); check its "
            "permissions and free space, or write elsewhere"
        ) from exc


def _key(path: Path) -> Path:
    return path.resolve()


def check_plan(
    out: str | Path,
    plans: Mapping[str, Iterable[str]],
    inputs: Iterable[Path],
    reads: Iterable[Path] = (),
) -> None:
    """Refuse, before anything runs, outputs that collide with each other or with what is read.

    `plans`: input relpath -> the output relpaths it will write; `inputs`: every input file of
    the job; `reads`: other files it reads (references)."""
    protected = {_key(p): f"the input {p}" for p in inputs}
    protected.update({_key(p): f"the file {p}, which the job reads" for p in reads})
    owner: dict[Path, tuple[str, str]] = {}
    for rel, outputs in plans.items():
        for out_rel in outputs:
            target = safe_output_path(out, out_rel)
            key = _key(target)
            if key in protected:
                raise ClobberError(
                    f"{rel}: its output {target} would overwrite {protected[key]}; refused "
                    "(choose an output folder outside the input folder)"
                )
            if key in owner and owner[key][0] != rel:
                raise ClobberError(
                    f"{owner[key][0]} and {rel} would both write {target}; refused (rename one, "
                    "or narrow the inputs with --glob)"
                )
            owner[key] = (rel, out_rel)


def check_single_output(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse a single-file output that is one of the command's inputs (or references)."""
    target = _key(Path(output))
    for item in inputs:
        if str(item) == STDIN_NAME:
            continue
        if _key(Path(item)) == target:
            raise ClobberError(
                f"{output}: the output would overwrite the input {item}; refused (write to "
                "another file)"
            )
