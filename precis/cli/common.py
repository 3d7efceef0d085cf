"""What every CLI command shares: consoles, JSON output, common options. Light imports only."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from enum import Enum, IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from precis.formats import DEFAULT_GLOBS

# Results go to stdout, diagnostics to stderr.
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        help="Encoding of input files (default utf-8; a BOM is stripped). "
        "Use cp1252 or latin-1 for legacy French files.",
    ),
]
GlobOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        help=f"Folder input: the files to take, repeatable (default {' '.join(DEFAULT_GLOBS)}, "
        "the same for every command; the report counts the files left out).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
OutDirOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write outputs here instead of stdout.")
]


class ExitCode(IntEnum):
    """precis' exit codes (documented in `precis --help` and the README)."""

    OK = 0
    ERROR = 1  # a library error (bad input, missing model, ...) or files that failed in a job
    USAGE = 2  # a bad command line (typer/click's own code)
    INTERRUPTED = 130  # Ctrl-C: finished outputs are kept


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def globs_of(given: list[str] | None) -> tuple[str, ...]:
    """The --glob patterns given, or the default set."""
    return tuple(given) if given else DEFAULT_GLOBS


def listed(items: Sequence[object], most: int) -> str:
    """The first `most` items, comma-separated, with ", ..." when there are more."""
    shown = ", ".join(str(item) for item in items[:most])
    return shown + (", ..." if len(items) > most else "")


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, paths, enums, tuples -> JSON-ready structures."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if hasattr(obj, "to_dict"):
            return to_jsonable(obj.to_dict())
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, Enum):
        return obj.value
    return obj


def print_json(obj: Any) -> None:
    """Write obj as indented UTF-8 JSON on stdout (plain write: pipes cleanly)."""
    sys.stdout.write(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def print_text(text: str) -> None:
    """Write text on stdout exactly (no markup, no wrapping), ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def info(message: str) -> None:
    """A diagnostic line on stderr."""
    err.print(Text(message, style="dim"))


def warn(message: str) -> None:
    err.print(Text(f"warning: {message}", style="yellow"))


def error_line(message: str) -> None:
    """The one red stderr line of a failed command."""
    err.print(Text(f"error: {message}", style="bold red"))


def show_progress() -> bool:
    """Progress bars only when stderr is a terminal."""
    return err.is_terminal


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The input's language (e.g. fr): skips the language check.",
        show_default=False,
    ),
]
StrictLangOpt = Annotated[
    bool,
    typer.Option("--strict-lang", help="Input that is not French is an error, not a warning."),
]


def resolve_argument(arg: str | None, *, allow_text: bool = True) -> Any:
    """The TEXT|FILE|DIR rule of precis.text.args, its note on stderr; an InputSource."""
    from precis.text.args import resolve_input

    source = resolve_input(arg, allow_text=allow_text)
    if source.note:
        (warn if source.warning else info)(source.note)
    return source


def check_input_language(text: str, source: str, lang: str | None, strict: bool) -> Any:
    """The language check of precis.text.lang: a warning when not French (an error if strict)."""
    from precis.text.lang import check_language

    result = check_language(text, declared=lang, strict=strict, source=source)
    if not result.ok:
        warn(result.message(source))
    return result


def warn_language(check: Any, source: str) -> None:
    """The warning of a LanguageCheck (precis.text.lang) that found another language."""
    if check is not None and not check.ok:
        warn(check.message(source))
