"""CLI command: models (the translation backends, whether each is usable here, and why)."""

from __future__ import annotations

import typer

from precis.cli.common import JsonOpt, print_json, print_text


def models_command(json_output: JsonOpt = False) -> None:
    """List the translation backends and whether each is usable here (and why not).

    Example: precis models

    Example: precis models --json
    """
    from precis.translate import auto_status, list_backends

    rows = list_backends()
    chosen, why = auto_status()
    if json_output:
        print_json({"backends": rows, "auto": {"backend": chosen, "reason": why}})
        return
    width = max(len(r.name) for r in rows)
    lines = [f"{'backend':<{width}}  usable  default model               why"]
    for r in rows:
        usable = "yes" if r.usable else "no"
        lines.append(f"{r.name:<{width}}  {usable:<6}  {r.default_model or '-':<26}  {r.reason}")
    auto = f"picks {chosen}" if chosen else "nothing usable"
    lines.append(f"{'auto':<{width}}  {'yes' if chosen else 'no':<6}  {'-':<26}  {auto}: {why}")
    print_text("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command("models")(models_command)
