"""CLI commands: score, compare (thin: parse, call the library, format)."""

from __future__ import annotations

import typer

from precis.errors import PrecisError


def score_command() -> None:
    """score: to be filled in by issue 5.

    Example: precis score --help
    """
    raise PrecisError("precis score is not implemented yet (issue 5)")


def compare_command() -> None:
    """compare: to be filled in by issue 5.

    Example: precis compare --help
    """
    raise PrecisError("precis compare is not implemented yet (issue 5)")


def register(app: typer.Typer) -> None:
    app.command("score")(score_command)
    app.command("compare")(compare_command)
