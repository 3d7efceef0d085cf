"""CLI commands: run, bench (thin: parse, call the library, format)."""

from __future__ import annotations

import typer

from precis.errors import PrecisError


def run_command() -> None:
    """run: to be filled in by issue 6.

    Example: precis run --help
    """
    raise PrecisError("precis run is not implemented yet (issue 6)")


def bench_command() -> None:
    """bench: to be filled in by issue 6.

    Example: precis bench --help
    """
    raise PrecisError("precis bench is not implemented yet (issue 6)")


def register(app: typer.Typer) -> None:
    app.command("run")(run_command)
    app.command("bench")(bench_command)
