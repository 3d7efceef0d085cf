"""CLI commands: dedup, summarize (thin: parse, call the library, format).

Only light modules are imported here (precis.summarize imports numpy, torch, transformers and
datasketch inside the functions that need them), so `precis --help` stays instant.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from precis.cli_common import (
    EncodingOpt,
    JsonOpt,
    info,
    print_json,
    print_text,
    show_progress,
    warn,
)
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


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when stderr is a terminal, else no callback."""
    if not show_progress():
        yield None
        return
    from rich.progress import Progress

    from precis.cli_common import err

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def dedup_command(
    source: Annotated[
        str,
        typer.Argument(
            help="Article file, - for stdin, or a folder (near-duplicate paragraphs across its "
            "*.txt / *.md files).",
            show_default=False,
        ),
    ],
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
    A folder: near-duplicate paragraphs across its files (MinHash LSH).

    Example: precis dedup corpora/sample/nato-rutte/article.fr.txt --json
    Example: precis dedup corpora/sample --threshold 0.6
    """
    from precis.io import read_text

    if source != "-" and Path(source).is_dir():
        from precis.summarize import corpus_dedup

        with _progress("dedup") as progress:
            found = corpus_dedup(source, threshold=threshold, encoding=encoding, progress=progress)
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
            raise typer.Exit(1)
        return
    from precis.summarize import dedup

    options = {
        "near_jaccard": near_jaccard,
        "near_containment": near_containment,
        "restatement": restatement,
        "restatement_marked": restatement_marked,
        "shingle_size": shingle_size,
    }
    result = dedup(
        read_text(source, encoding=encoding),
        html=html,
        **{k: v for k, v in options.items() if v is not None},
    )
    if json_out:
        print_json(result)
    elif result.text:
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
        bool, typer.Option(help="Folder mode: summarize again files whose summary exists.")
    ] = False,
    no_compress: Annotated[
        bool,
        typer.Option(
            "--no-compress",
            help="Extractive: whole sentences only (no grammatical compression to fit --words).",
        ),
    ] = False,
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
    from precis.io import read_lines, read_text, write_lines_atomic, write_text_atomic
    from precis.summarize import summarize, summarize_folder, summarize_lines

    length = {"sentences": sentences, "words": words, "ratio": ratio}
    if no_compress and method != "extractive":
        raise InputError("--no-compress is an option of --method extractive")
    extra = {"compress": False} if no_compress else {}
    if (source is None) == (lines is None):
        raise InputError("give one input: a FILE, - for stdin, a folder, or --lines FILE")
    if lines is not None:
        docs = read_lines(lines, encoding=encoding)
        with _progress("summarize") as progress:
            results = summarize_lines(
                docs, method=method, model=model, progress=progress, **length, **extra
            )
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
        return
    assert source is not None
    if source != "-" and Path(source).is_dir():
        if output is None:
            raise InputError(f"{source} is a folder: give the output folder with -o DIR")
        with _progress("summarize") as progress:
            done = summarize_folder(
                source,
                output,
                encoding=encoding,
                force=force,
                progress=progress,
                method=method,
                model=model,
                **length,
                **extra,
            )
        if json_out:
            print_json(done)
        for path, error in done.failed:
            warn(f"failed: {path}: {error}")
        info(
            f"{len(done.written)} written, {len(done.skipped)} skipped (exist; --force "
            f"redoes them), {len(done.failed)} failed, in {output}"
        )
        if done.failed:
            raise typer.Exit(1)
        return
    summary = summarize(
        read_text(source, encoding=encoding),
        method=method,
        model=model,
        html=html,
        **length,
        **extra,
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
