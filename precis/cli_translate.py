"""CLI commands: translate, models (thin: parse, call the library, format)."""

from __future__ import annotations

import typer

from precis.errors import PrecisError


def translate_command() -> None:
    """translate: to be filled in by issue 4.

    Example: precis translate --help
    """
    raise PrecisError("precis translate is not implemented yet (issue 4)")


def models_command() -> None:
    """models: to be filled in by issue 4.

    Example: precis models --help
    """
    raise PrecisError("precis models is not implemented yet (issue 4)")


def register(app: typer.Typer) -> None:
    app.command("translate")(translate_command)
    app.command("models")(models_command)
