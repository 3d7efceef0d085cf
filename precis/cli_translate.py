"""CLI commands: translate, models (thin: parse, call the library, format)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli_common import (
    EncodingOpt,
    JsonOpt,
    error_line,
    info,
    print_json,
    print_text,
    show_progress,
)
from precis.errors import InputError
from precis.translate.base import AUTO, BACKENDS

EXIT_FAILED_FILES = 1
EXIT_INTERRUPTED = 130
PATH_SUFFIXES = (".txt", ".md", ".fr", ".fra", ".tsv")  # an argument ending so is meant as a file


def _backend_line(result_info: Any, reason: str) -> str:
    options = result_info.options or {}
    parts = [f"backend: {result_info.name}"]
    if reason:
        parts.append(f"({reason})")
    if result_info.model:
        parts.append(f"model {result_info.model}")
    if options.get("beams") == 1:
        parts.append("beams 1 (greedy, for speed; --beams 4 for the usual quality setting)")
    return " ".join(parts)


@contextmanager
def _rich_bar(label: str, stats: str, *tail: str, **fields: Any) -> Iterator[tuple[Any, Any]]:
    """A transient rich bar on stderr: label, bar, done/total, stats, ETA, then tail columns."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from precis.cli_common import err

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(stats),
        TimeRemainingColumn(),
        *(TextColumn(t) for t in tail),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        yield bar, bar.add_task("translate", total=None, **fields)


@contextmanager
def _sentence_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar of sentences on stderr, only when stderr is a terminal."""
    if not show_progress():
        yield None
        return
    start = time.perf_counter()
    with _rich_bar("sentences", "{task.fields[rate]:.1f} sentences/s", rate=0.0) as (bar, task):

        def update(done: int, total: int) -> None:
            rate = done / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, total=total, rate=rate)

        yield update


@contextmanager
def folder_progress() -> Iterator[Callable[[Any], None]]:
    """Prints the backend once; a files/sentences/rate/ETA bar when stderr is a terminal."""
    announced: list[bool] = []

    def announce(event: Any) -> None:
        if not announced and event.fingerprint:
            fp = event.fingerprint
            info(f"backend: {fp.get('name')} model {fp.get('model')} ({fp.get('signature')})")
            announced.append(True)

    if not show_progress():
        yield announce
        return
    with _rich_bar(
        "files",
        "{task.fields[sentences]} sentences, {task.fields[rate]:.1f} sentences/s",
        "{task.fields[current]}",
        sentences=0,
        rate=0.0,
        current="",
    ) as (bar, task):

        def update(event: Any) -> None:
            announce(event)
            bar.update(
                task,
                completed=event.files_done,
                total=event.files_total,
                sentences=event.units,
                rate=event.rate,
                current=event.current or "",
            )

        yield update


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
    beams: Annotated[
        int | None,
        typer.Option("--beams", help="Beam size. Default 1 (greedy: fastest); 4 = quality."),
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
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", help="Folder input: file patterns (default *.txt and *.md)."),
    ] = None,
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
) -> None:
    """Translate French to English: a text, stdin, a file, a line-aligned file, or a folder.

    Paragraphs and line breaks come back where they were. The backend used (auto picks the
    best one available here) is printed on stderr and recorded in the output's metadata.

    Example: precis translate "Le président a démissionné."

    Example: precis translate article.fr.txt -o article.en.txt

    Example: precis translate --lines newstest2013.fra -o hyp.eng --backend apertium

    Example: precis translate articles/ -o translated/ --glob "*.txt"

    Example: precis translate articles/ -o translated/ --engine ray --address auto
    """
    from precis.io import read_lines, read_text, write_lines_atomic, write_text_atomic

    options: dict[str, Any] = {
        "beams": beams,
        "int8": True if int8 else None,
        "device": device,
        "batch_tokens": batch_tokens,
        "threads": threads,
    }
    common = {"backend": backend, "model": model, "cache": cache, **options}
    if source is None:
        raise InputError("nothing to translate: give a TEXT, - (stdin), a FILE or a DIR")
    path = Path(source)
    if source != "-" and path.is_dir():
        common.update(engine=engine, address=address)
        _translate_folder(path, output, glob, force, encoding, json_output, common)
        return
    if lines:
        from precis.translate import translate_lines

        items = read_lines(source, encoding=encoding)
        with _sentence_bar() as bar:
            result = translate_lines(items, progress=bar, **common)
        info(_backend_line(result.info, result.reason))
        if output is not None:
            write_lines_atomic(output, list(result.texts))
        if json_output:
            print_json(result)
        elif output is None:
            print_text("\n".join(result.texts))
        return
    from precis.translate import translate_text

    if source == "-" or path.is_file():
        text = read_text(source, encoding=encoding)
    elif source.endswith(PATH_SUFFIXES) or ("/" in source and " " not in source):
        raise InputError(f"{source}: no such file or folder")
    else:
        text = source
    with _sentence_bar() as bar:
        result = translate_text(text, progress=bar, **common)
    info(_backend_line(result.info, result.reason))
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
    from precis.jobs import DEFAULT_GLOBS
    from precis.translate import translate_folder

    if output is None:
        raise InputError(f"{src} is a folder: give an output folder with -o OUTDIR")
    with folder_progress() as bar:
        report = translate_folder(
            src,
            output,
            globs=tuple(glob) if glob else DEFAULT_GLOBS,
            force=force,
            encoding=encoding,
            progress=bar,
            **common,
        )
    render_folder_report(report, as_json=json_output, verb="translated")


def render_folder_report(
    report: Any, *, as_json: bool, verb: str = "done", unit: str = "sentences"
) -> None:
    """The summary line of a folder job; exit 130 when interrupted, 1 when files failed."""
    rate = report.units / report.seconds if report.seconds else 0.0
    info(
        f"{report.done} {verb}, {report.skipped} skipped (unchanged), {report.failed} "
        f"failed, of {report.total} files in {report.seconds:.1f}s ({report.units} {unit}, "
        f"{rate:.1f}/s); manifest: {report.manifest}"
    )
    if as_json:
        print_json(report)
    if report.interrupted:
        error_line(f"interrupted; finished files are kept, re-run to resume ({report.manifest})")
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed:
        names = ", ".join(report.failed_files[:5]) + (", ..." if report.failed > 5 else "")
        error_line(f"{report.failed} file(s) failed ({names}); details in {report.manifest}")
        raise typer.Exit(EXIT_FAILED_FILES)


def models_command(json_output: JsonOpt = False) -> None:
    """List the translation backends and whether each is usable here (and why not).

    Example: precis models

    Example: precis models --json
    """
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
    lines.append("")
    lines.append(f"auto -> {chosen} ({why})" if chosen else f"auto -> nothing usable: {why}")
    lines += ["", *format_chains(chains)]
    print_text("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command("translate")(translate_command)
    app.command("models")(models_command)
