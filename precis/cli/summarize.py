"""CLI commands: dedup, summarize (thin: parse, call the library, format).

Only light modules are imported here (precis.summarize imports numpy, torch, transformers and
datasketch inside the functions that need them), so `precis --help` stays instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli.common import (
    EncodingOpt,
    ExitCode,
    GlobOpt,
    JsonOpt,
    globs_of,
    info,
    print_json,
    print_text,
    warn,
)
from precis.cli.jobs import folder_progress, render_folder_report
from precis.cli.progress import counter, progress_bar
from precis.errors import InputError
from precis.summarize.api import DEFAULT_METHOD
from precis.summarize.base import DEFAULT_SENTENCES, METHODS
from precis.summarize.corpus import CORPUS_THRESHOLD
from precis.summarize.dedup import (
    NEAR_CONTAINMENT,
    NEAR_JACCARD,
    RESTATEMENT_COVERAGE,
    RESTATEMENT_COVERAGE_MARKED,
    SHINGLE_SIZE,
)

HtmlOpt = Annotated[
    bool | None,
    typer.Option(
        "--html/--text",
        help="Treat the input as HTML (jusText) or as plain text "
        "(default: detected from <p>, <html> tags).",
    ),
]


def dedup_command(
    source: Annotated[
        str,
        typer.Argument(
            help="Article file, - for stdin, or a folder: with -o OUT each article is cleaned "
            "into OUT (mirrored, resumable); without, near-duplicate paragraphs across its files.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the cleaned article here (a folder for a folder input).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Folder input: redo files done and overwrite edited ones."),
    ] = False,
    glob: GlobOpt = None,
    json_out: JsonOpt = False,
    html: HtmlOpt = None,
    near_jaccard: Annotated[
        float | None,
        typer.Option(
            help=f"Near-duplicate: word-shingle Jaccard at least this (default {NEAR_JACCARD})",
            show_default=False,
        ),
    ] = None,
    near_containment: Annotated[
        float | None,
        typer.Option(
            help="Near-duplicate: share of the shorter paragraph's shingles found in the other "
            f"(default {NEAR_CONTAINMENT})",
            show_default=False,
        ),
    ] = None,
    restatement: Annotated[
        float | None,
        typer.Option(
            help="Restatement: weighted share of a paragraph's content found in 1-2 earlier ones "
            f"(default {RESTATEMENT_COVERAGE})",
            show_default=False,
        ),
    ] = None,
    restatement_marked: Annotated[
        float | None,
        typer.Option(
            help="Restatement threshold for paragraphs opening with 'Autrement dit', 'Pour "
            f"rappel', ... (default {RESTATEMENT_COVERAGE_MARKED})",
            show_default=False,
        ),
    ] = None,
    shingle_size: Annotated[
        int | None,
        typer.Option(help=f"Words per shingle (default {SHINGLE_SIZE})", show_default=False),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Folder mode: MinHash LSH Jaccard threshold across files.")
    ] = CORPUS_THRESHOLD,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Remove boilerplate, duplicated, near-duplicated and restated paragraphs of an article.

    The cleaned article goes to stdout, a one-line account of the removals to stderr.
    --json gives every kept and removed paragraph with its rule, score and duplicates.
    A folder with -o OUT: each file cleaned into OUT (the article, and NAME.dedup.json with its
    removals), resumable; without -o: near-duplicate paragraphs across its files (MinHash LSH).

    Example: precis dedup corpora/sample/nato-rutte/article.fr.txt --json

    Example: precis dedup corpora/sample --threshold 0.6

    Example: precis dedup articles/ -o cleaned/
    """
    options: dict[str, Any] = {
        "near_jaccard": near_jaccard,
        "near_containment": near_containment,
        "restatement": restatement,
        "restatement_marked": restatement_marked,
        "shingle_size": shingle_size,
    }
    options = {k: v for k, v in options.items() if v is not None}
    if source != "-" and Path(source).is_dir() and output is not None:
        from precis.summarize import dedup_folder

        with folder_progress(unit="removals") as progress:
            report = dedup_folder(
                source, output, globs=globs_of(glob), force=force, encoding=encoding,
                progress=progress, **options,
            )
        render_folder_report(report, as_json=json_out, verb="cleaned", unit="removals")
    elif source != "-" and Path(source).is_dir():
        _dedup_corpus(source, threshold, encoding, json_out)
    else:
        _dedup_one(source, output, json_out, encoding, html, options)


def _dedup_corpus(source: str, threshold: float, encoding: str, json_out: bool) -> None:
    from precis.summarize import corpus_dedup

    with progress_bar("dedup") as bar:
        found = corpus_dedup(source, threshold=threshold, encoding=encoding, progress=counter(bar))
    if json_out:
        print_json(found)
    else:
        lines = [
            f"{p.file}\t{p.index}\t{p.other_file}\t{p.other_index}\t{p.jaccard:.3f}"
            for p in found.pairs
        ]
        print_text("\n".join(["file\tparagraph\tother_file\tother_paragraph\tjaccard", *lines]))
    for name, error in found.failed:
        warn(f"skipped {name}: {error}")
    info(
        f"{found.files} files, {found.paragraphs} paragraphs, "
        f"{len(found.pairs)} cross-file near-duplicate pair(s) at Jaccard >= {threshold}"
        + (f"; {len(found.failed)} file(s) could not be read (above)" if found.failed else "")
    )
    if found.failed:
        raise typer.Exit(ExitCode.ERROR)


def _dedup_one(
    source: str,
    output: Path | None,
    json_out: bool,
    encoding: str,
    html: bool | None,
    options: dict[str, Any],
) -> None:
    from precis.io import read_text, write_text_atomic
    from precis.jobs import check_single_output
    from precis.summarize import dedup

    if output is not None:
        check_single_output(output, [source])
    result = dedup(read_text(source, encoding=encoding), html=html, **options)
    if output is not None:
        write_text_atomic(output, result.text + "\n" if result.text else "")
    if json_out:
        print_json(result)
    elif result.text and output is None:
        print_text(result.text)
    counts = ", ".join(f"{n} {rule}" for rule, n in sorted(result.counts().items()))
    info(
        f"kept {len(result.paragraphs)} of {result.source_paragraphs} paragraphs; "
        f"removed: {counts or 'nothing'}"
    )
    if not result.paragraphs:
        warn(
            f"{_label(source)}: nothing left: every paragraph is boilerplate; "
            "--json shows the rule that removed each one"
        )


def _label(source: str) -> str:
    return "<stdin>" if source == "-" else source


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
            help="At most this many words, whole sentences (at least one).", show_default=False
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
    glob: GlobOpt = None,
    json_out: JsonOpt = False,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Summarize French news articles: lead, extractive (default, no model) or abstractive.

    The article is cleaned first, as by `precis dedup`.
    --json shows the chosen sentences (positions, scores) and what the cleaning removed.

    Example: precis summarize corpora/sample/nato-rutte/article.fr.txt --words 40

    Example: precis summarize --lines source_documents.txt --words 35 -o summaries.txt

    Example: precis summarize article.txt --method abstractive --model ./my-bart
    """
    length: dict[str, Any] = {"sentences": sentences, "words": words, "ratio": ratio}
    if (source is None) == (lines is None):
        raise InputError("give one input: a FILE, - for stdin, a folder, or --lines FILE")
    if lines is not None:
        _summarize_lines(lines, output, json_out, encoding, method=method, model=model, **length)
    elif source is not None and source != "-" and Path(source).is_dir():
        if output is None:
            raise InputError(f"{source} is a folder: give the output folder with -o DIR")
        length["globs"] = globs_of(glob)
        _summarize_folder(source, output, force, json_out, encoding, method, model, length)
    else:
        assert source is not None
        _summarize_one(source, output, json_out, encoding, html, method, model, length)


def _summarize_lines(
    lines: Path, output: Path | None, json_out: bool, encoding: str, **options: Any
) -> None:
    from precis.io import read_lines, write_lines_atomic
    from precis.jobs import check_single_output
    from precis.summarize import summarize_lines

    if output is not None:
        check_single_output(output, [lines])
    docs = read_lines(lines, encoding=encoding)
    with progress_bar("summarize") as bar:
        results = summarize_lines(docs, progress=counter(bar), **options)
    empty = [i + 1 for i, r in enumerate(results) if not r.text]
    if empty:
        shown = ", ".join(map(str, empty[:MAX_LISTED])) + (
            ", ..." if len(empty) > MAX_LISTED else ""
        )
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
) -> None:
    from precis.io import read_text, write_text_atomic
    from precis.jobs import check_single_output
    from precis.summarize import summarize

    if output is not None:
        check_single_output(output, [source])
    summary = summarize(
        read_text(source, encoding=encoding), method=method, model=model, html=html, **length
    )
    for note in summary.notes:
        # An empty summary is worth a warning naming the file; other notes are information.
        if summary.text:
            info(note)
        else:
            warn(f"{_label(source)}: {note}")
    if json_out:
        print_json(summary)
    elif output:
        write_text_atomic(output, summary.text + "\n" if summary.text else "")
    elif summary.text:
        print_text(summary.text)


def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup_command)
    app.command("summarize")(summarize_command)
