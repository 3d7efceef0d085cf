"""CLI command: translate (thin: parse, call the library, format)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli.common import (
    EncodingOpt,
    GlobOpt,
    JsonOpt,
    LangOpt,
    StrictLangOpt,
    check_input_language,
    globs_of,
    info,
    print_json,
    print_text,
    resolve_argument,
)
from precis.cli.jobs import folder_progress, render_folder_report
from precis.cli.progress import counter, progress_bar
from precis.errors import InputError
from precis.translate.base import AUTO, BACKENDS


def _backend_line(result_info: Any, reason: str) -> str:
    options = result_info.options or {}
    parts = [f"backend: {result_info.name}"]
    if reason:
        parts.append(f"({reason})")
    if result_info.model:
        parts.append(f"model {result_info.model}")
    parts.append(beams_phrase(options))
    return " ".join(p for p in parts if p)


def beams_phrase(options: dict[str, Any]) -> str:
    """Which beam size ran and why: the model's own default, or --beams (1 = greedy, fast)."""
    beams, source = options.get("beams"), options.get("beams_from")
    if beams is None:
        return ""
    if source == "asked":
        note = ", greedy: fast, a little less accurate" if beams == 1 else ""
        return f"beams {beams} (--beams{note})"
    if source:
        return f"beams {beams} (the model's default, {source}; --beams 1 for speed)"
    return f"beams {beams}"


def _announce(event: Any) -> str:
    fp = event.fingerprint
    return f"backend: {fp.get('name')} model {fp.get('model')} ({fp.get('signature')})"


def translate_command(
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEXT|-|FILE|DIR]",
            help="French text, - for stdin, a text file, or a folder (with -o OUTDIR).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (or folder, for a folder input)."),
    ] = None,
    lines: Annotated[
        bool,
        typer.Option("--lines", help="Line-aligned input: one translation per line (test sets)."),
    ] = False,
    backend: Annotated[
        str, typer.Option("--backend", "-b", help=f"Backend: {AUTO}, {BACKENDS.help()}.")
    ] = AUTO,
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", help="Hub id or local folder (default opus-mt-fr-en)."),
    ] = None,
    chain: Annotated[
        str | None,
        typer.Option(
            "--chain",
            help="apertium: the chain of pairs, e.g. fr-es-en (default: the best installed, "
            "fr-ca-es-en; `precis models` lists them).",
        ),
    ] = None,
    beams: Annotated[
        int | None,
        typer.Option(
            "--beams",
            help="Beam size. Default: the model's own (generation_config.json; 4 for "
            "opus-mt). --beams 1 (greedy) is the fast choice, a little less accurate.",
        ),
    ] = None,
    int8: Annotated[
        bool, typer.Option("--int8", help="int8 quantization on CPU (transformers, ctranslate2).")
    ] = False,
    device: Annotated[str | None, typer.Option("--device", help="cpu, cuda or auto.")] = None,
    batch_tokens: Annotated[
        int | None, typer.Option("--batch-tokens", help="Token budget of one batch.")
    ] = None,
    threads: Annotated[
        int | None,
        typer.Option("--threads", help="CPU threads (default: the cores left idle by others)."),
    ] = None,
    glob: GlobOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Folder input: redo files already done.")
    ] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="On-disk cache of sentence translations ($PRECIS_CACHE_DIR); off by default.",
        ),
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="Folder input: local, or ray (Ray Data actors; precis[ray])."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="--engine ray: an existing cluster (ray://HOST:10001 or auto)."
        ),
    ] = None,
    json_output: JsonOpt = False,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = None,
    strict_lang: StrictLangOpt = False,
) -> None:
    """Translate French to English: a text, stdin, a file, a line-aligned file, or a folder.

    Paragraphs and line breaks come back where they were. The backend used (auto picks the
    best one available here) is printed on stderr and recorded in the output's metadata.

    Example: precis translate "Le président a démissionné."

    Example: precis translate article.fr.txt -o article.en.txt

    Example: precis translate page.html -o page.en.html   (HTML and Markdown keep their markup)

    Example: precis translate --lines newstest2013.fra -o hyp.eng --backend apertium

    Example: precis translate article.fr.txt --backend apertium --chain fr-es-en

    Example: precis translate articles/ -o translated/ --glob "*.txt"

    Example: precis translate articles/ -o translated/ --engine ray --address auto
    """
    from precis.jobs import DEFAULT_ENGINE, check_single_output

    options: dict[str, Any] = {
        "chain": chain,
        "beams": beams,
        "int8": True if int8 else None,
        "device": device,
        "batch_tokens": batch_tokens,
        "threads": threads,
    }
    common = {"backend": backend, "model": model, "cache": cache, **options}
    arg = resolve_argument(source, allow_text=not lines)
    if arg.kind == "folder":
        common.update(engine=engine, address=address, lang=lang, strict_lang=strict_lang)
        _translate_folder(Path(arg.value), output, glob, force, encoding, json_output, common)
        return
    if engine != DEFAULT_ENGINE or address is not None or glob or force:
        raise InputError(
            "--engine, --address, --glob and --force apply to a folder input only; "
            f"{source} is not a folder"
        )
    if output is not None and arg.kind == "file":
        check_single_output(output, [arg.value])
    label = "<stdin>" if arg.kind == "stdin" else "the text" if arg.kind == "text" else arg.value
    language = (lang, strict_lang)
    if lines:
        _translate_lines(arg.value, label, output, json_output, encoding, language, common)
    else:
        _translate_text(arg, label, output, json_output, encoding, language, common)


def _translate_lines(
    source: str,
    label: str,
    output: Path | None,
    json_output: bool,
    encoding: str,
    language: tuple[str | None, bool],
    common: dict[str, Any],
) -> None:
    from precis.io import read_lines, write_lines_atomic
    from precis.translate import translate_lines

    items = read_lines(source, encoding=encoding)
    check_input_language("\n".join(items), label, *language)
    with progress_bar("sentences", unit="sentences") as bar:
        result = translate_lines(items, progress=counter(bar), **common)
    info(_backend_line(result.info, result.reason))
    if output is not None:
        write_lines_atomic(output, list(result.texts))
    if json_output:
        print_json(result)
    elif output is None:
        print_text("\n".join(result.texts))


def _translate_text(
    arg: Any,
    label: str,
    output: Path | None,
    json_output: bool,
    encoding: str,
    language: tuple[str | None, bool],
    common: dict[str, Any],
) -> None:
    from precis.formats.detect import detect
    from precis.io import read_text, write_text_atomic
    from precis.translate import translate_text

    text = arg.value if arg.kind == "text" else read_text(arg.value, encoding=encoding)
    found = detect(text, arg.value if arg.kind == "file" else None)
    check_input_language(text, label, *language)
    with progress_bar("sentences", unit="sentences") as bar:
        if found.format == "text":
            result: Any = translate_text(text, progress=counter(bar), **common)
        else:  # HTML, Markdown: the markup comes back as it was (precis.translate.markup)
            from precis.translate import translate_markup

            result = translate_markup(text, found.format, progress=counter(bar), **common)
    info(_backend_line(result.info, result.reason))
    if found.format != "text":
        info(f"{result.markup.line()} ({found.reason})")
    if output is not None:
        write_text_atomic(output, result.text)
    if json_output:
        print_json(result)
    elif output is None:
        print_text(result.text)


def _translate_folder(
    src: Path,
    output: Path | None,
    glob: list[str] | None,
    force: bool,
    encoding: str,
    json_output: bool,
    common: dict[str, Any],
) -> None:
    from precis.translate import translate_folder

    if output is None:
        raise InputError(f"{src} is a folder: give an output folder with -o OUTDIR")
    with folder_progress(announce=_announce) as bar:
        report = translate_folder(
            src,
            output,
            globs=globs_of(glob),
            force=force,
            encoding=encoding,
            progress=bar,
            **common,
        )
    render_folder_report(report, as_json=json_output, verb="translated")


def register(app: typer.Typer) -> None:
    app.command("translate")(translate_command)
