"""CLI command: summarize (thin: parse, call the library, format).

Only light modules are imported here (precis.summarize imports numpy, torch, transformers and
datasketch inside the functions that need them), so `precis --help` stays instant.
"""

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
    listed,
    print_json,
    print_text,
    resolve_argument,
    warn,
)
from precis.cli.documents import HtmlOpt, about, doc_format, label, read_article
from precis.cli.jobs import folder_progress, render_folder_report
from precis.cli.progress import counter, progress_bar
from precis.errors import InputError
from precis.summarize.api import DEFAULT_METHOD
from precis.summarize.base import DEFAULT_SENTENCES, METHODS

MAX_LISTED = 10  # line numbers listed in a warning, at most


def _one_line(text: str) -> str:
    return " ".join(text.split())


def summarize_command(
    source: Annotated[
        str | None,
        typer.Argument(
            help="Article file, - for stdin, or a folder (mirrored into -o DIR).",
            show_default=False,
        ),
    ] = None,
    lines: Annotated[
        Path | None,
        typer.Option(
            "--lines",
            help="A file with one document per line: one summary per output line.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file (or folder for a folder input); default stdout.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[str, typer.Option(help=f"Method: {METHODS.help()}.")] = DEFAULT_METHOD,
    sentences: Annotated[
        int | None,
        typer.Option(
            help=f"Number of sentences (default {DEFAULT_SENTENCES} when no length is given)",
            show_default=False,
        ),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option(
            help="At most this many words (strict: never more; extractive compresses or cuts "
            "a sentence to fit).",
            show_default=False,
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option(
            help="At most this share (0-1] of the cleaned article's words.", show_default=False
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Model id or local folder for --method abstractive "
            "(default moussaKam/barthez-orangesum-abstract)",
            show_default=False,
        ),
    ] = None,
    html: HtmlOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            help="Folder input: redo files already done and overwrite summaries edited by hand."
        ),
    ] = False,
    no_compress: Annotated[
        bool,
        typer.Option(
            "--no-compress",
            help="Extractive: whole sentences only (no grammatical compression to fit --words).",
        ),
    ] = False,
    glob: GlobOpt = None,
    json_out: JsonOpt = False,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = None,
    strict_lang: StrictLangOpt = False,
) -> None:
    """Summarize French news articles: lead, extractive (default, no model) or abstractive.

    The article is cleaned first, as by `precis dedup`.
    --json shows the chosen sentences (positions, scores) and what the cleaning removed.

    Example: precis summarize corpora/sample/nato-rutte/article.fr.txt --words 40

    Example: precis summarize --lines source_documents.txt --words 35 -o summaries.txt

    Example: precis summarize article.txt --method abstractive --model ./my-bart
    """
    length: dict[str, Any] = {"sentences": sentences, "words": words, "ratio": ratio}
    if no_compress and method.casefold() != "extractive":
        raise InputError("--no-compress is an option of --method extractive")
    if no_compress:
        length["compress"] = False
    if (source is None) == (lines is None):
        raise InputError("give one input: a FILE, - for stdin, a folder, or --lines FILE")
    language = (lang, strict_lang)
    if lines is not None:
        _summarize_lines(
            lines, output, json_out, encoding, language, method=method, model=model, **length
        )
        return
    assert source is not None
    if resolve_argument(source, allow_text=False).kind == "folder":
        if output is None:
            raise InputError(f"{source} is a folder: give the output folder with -o DIR")
        length.update(globs=globs_of(glob), lang=lang, strict_lang=strict_lang)
        _summarize_folder(source, output, force, json_out, encoding, method, model, length)
    else:
        _summarize_one(source, output, json_out, encoding, html, method, model, length, language)


def _summarize_lines(
    lines: Path,
    output: Path | None,
    json_out: bool,
    encoding: str,
    language: tuple[str | None, bool],
    **options: Any,
) -> None:
    from precis.io import read_lines, write_lines_atomic
    from precis.jobs import check_single_output
    from precis.summarize import summarize_lines

    if output is not None:
        check_single_output(output, [lines])
    docs = read_lines(lines, encoding=encoding)
    check_input_language("\n".join(docs), str(lines), *language)
    with progress_bar("summarize") as bar:
        results = summarize_lines(docs, progress=counter(bar), **options)
    empty = [i + 1 for i, r in enumerate(results) if not r.text]
    if empty:
        shown = listed(empty, MAX_LISTED)
        warn(
            f"{lines}: {len(empty)} document(s) with nothing to summarize (empty or all "
            f"boilerplate), line(s) {shown}: their summary lines are empty"
        )
    if json_out:
        print_json([r.to_dict() for r in results])
    elif output:
        write_lines_atomic(output, [_one_line(r.text) for r in results])
        info(f"{len(results)} summaries written to {output}")
    else:
        print_text("\n".join(_one_line(r.text) for r in results))


def _summarize_folder(
    source: str,
    output: Path,
    force: bool,
    json_out: bool,
    encoding: str,
    method: str,
    model: str | None,
    length: dict[str, Any],
) -> None:
    from precis.summarize import summarize_folder

    with folder_progress(unit="sentences") as progress:
        report = summarize_folder(
            source, output, encoding=encoding, force=force, progress=progress, method=method,
            model=model, **length,
        )
    render_folder_report(report, as_json=json_out, verb="summarized")


def _summarize_one(
    source: str,
    output: Path | None,
    json_out: bool,
    encoding: str,
    html: bool | None,
    method: str,
    model: str | None,
    length: dict[str, Any],
    language: tuple[str | None, bool],
) -> None:
    from precis.io import write_text_atomic
    from precis.summarize import summarize

    text = read_article(source, output, encoding, language)
    summary = summarize(
        text, method=method, model=model, html=html, doc_format=doc_format(source, html),
        **length,
    )
    about(summary.metadata)
    for note in summary.notes:
        # An empty summary is worth a warning naming the file; other notes are information.
        if summary.text:
            info(note)
        else:
            warn(f"{label(source)}: {note}")
    if json_out:
        print_json(summary)
    elif output:
        write_text_atomic(output, summary.text + "\n" if summary.text else "")
    elif summary.text:
        print_text(summary.text)


def register(app: typer.Typer) -> None:
    app.command("summarize")(summarize_command)
