"""CLI commands: dedup, summarize (thin: parse, call the library, format)."""

from __future__ import annotations

import typer

from precis.errors import PrecisError


def dedup_command() -> None:
    """dedup: to be filled in by issue 3.

    Example: precis dedup --help
    """
    raise PrecisError("precis dedup is not implemented yet (issue 3)")


def summarize_command() -> None:
    """summarize: to be filled in by issue 3.

    Example: precis summarize --help
    """
    raise PrecisError("precis summarize is not implemented yet (issue 3)")


def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup_command)
    app.command("summarize")(summarize_command)
