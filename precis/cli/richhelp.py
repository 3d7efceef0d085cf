"""Two touches to typer's rich help, applied once when the CLI is imported:

- a flag (`--json`, `--force`) takes no value, so its row shows no `<bool>` type;
- a docstring's paragraphs are re-flowed to the terminal's width (the line breaks of the
  source are not kept; blank lines still separate paragraphs, and an `Example:` stays on its
  own line).
"""

from __future__ import annotations

from typing import Any

import typer.core
import typer.rich_utils

_original_display = typer.core.TyperOption.display_type_rich


def _display_type(self: Any, ctx: Any) -> str | None:
    if getattr(self, "is_flag", False) and self.metavar is None:
        return None
    result: str | None = _original_display(self, ctx)
    return result


def _reflow(paragraphs: list[str], markup_mode: Any) -> str:
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def install() -> None:
    typer.core.TyperOption.display_type_rich = _display_type  # type: ignore[method-assign]
    typer.rich_utils._fix_linebreaks = _reflow  # type: ignore[attr-defined]
