"""CLI: `precis models` (the backends usable here), `models download ID`, `models convert ID|PATH`.

The fast path in two commands: `precis models download ID` fetches a hub model into the normal
Hugging Face cache (on a machine with network access); `precis models convert ID|PATH` makes
its CTranslate2 copy in precis' cache, which `--backend ctranslate2 --model ID` reuses and
`--backend auto` prefers. Thin: parse, call one library function, format.
"""

from __future__ import annotations

from typing import Annotated

import typer

from precis.cli.common import JsonOpt, info, print_json, print_text

app = typer.Typer(
    name="models",
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

ModelArg = Annotated[
    str, typer.Argument(metavar="ID|PATH", help="Hub id (org/name) or local model folder.")
]


def models_command(json_output: bool = False) -> None:
    """The listing of `precis models`: every backend, usable here or not and why, and auto."""
    from precis.translate import auto_status, list_backends
    from precis.translate.apertium_chains import chain_statuses, format_chains

    rows = list_backends()
    chosen, why = auto_status()
    chains = chain_statuses()
    if json_output:
        print_json(
            {
                "backends": rows,
                "auto": {"backend": chosen, "reason": why},
                "apertium_chains": [c.to_dict() for c in chains],
            }
        )
        return
    width = max(len(r.name) for r in rows)
    lines = [f"{'backend':<{width}}  usable  default model               why"]
    for r in rows:
        usable = "yes" if r.usable else "no"
        lines.append(f"{r.name:<{width}}  {usable:<6}  {r.default_model or '-':<26}  {r.reason}")
    auto = f"picks {chosen}" if chosen else "nothing usable"
    lines.append(f"{'auto':<{width}}  {'yes' if chosen else 'no':<6}  {'-':<26}  {auto}: {why}")
    lines += ["", *format_chains(chains)]
    print_text("\n".join(lines))


@app.callback(invoke_without_command=True)
def models(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the translation backends and whether each is usable here (and why not);
    download a model, or convert it for the fast CTranslate2 backend.

    Example: precis models

    Example: precis models download Helsinki-NLP/opus-mt-fr-en

    Example: precis models convert Helsinki-NLP/opus-mt-fr-en --int8
    """
    if ctx.invoked_subcommand is None:
        models_command(json_output)


@app.command("download")
def download_command(model: ModelArg, json_output: JsonOpt = False) -> None:
    """Download a hub model into the Hugging Face cache (needs network access).

    Offline (HF_HUB_OFFLINE set), this is an error naming the command to run elsewhere.

    Example: precis models download Helsinki-NLP/opus-mt-fr-en
    """
    from precis.hub import download

    resolved = download(model)
    info(f"{model}: in the Hugging Face cache, revision {resolved.revision}")
    if json_output:
        print_json(resolved)
    else:
        print_text(str(resolved.path))


@app.command("convert")
def convert_command(
    model: ModelArg,
    int8: Annotated[
        bool, typer.Option("--int8", help="Store int8 weights (smaller; runs as int8 only).")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Convert a model to CTranslate2 once, into precis' cache ($PRECIS_CACHE_DIR/ct2).

    Stored float32 by default (it serves every compute type: int8 on CPU is quantized on
    load); `--int8` stores int8. `precis translate --backend ctranslate2 --model ID` then
    uses it without converting again, and `--backend auto` picks it.

    Example: precis models convert Helsinki-NLP/opus-mt-fr-en

    Example: precis models convert ./my-marian --int8
    """
    from precis.translate.ct2 import CONVERT_QUANTIZATION, convert_model

    result = convert_model(model, "int8" if int8 else CONVERT_QUANTIZATION)
    verb = "already converted" if result.reused else "converted"
    info(f"{result.source}: {verb} ({result.quantization}, revision {result.revision})")
    if json_output:
        print_json(result)
    else:
        print_text(str(result.folder))


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="models")
