"""CLI command: dedup (thin: parse, call the library, format).

Only light modules are imported here (precis.summarize imports numpy and datasketch inside the
functions that need them), so `precis --help` stays instant.
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
    LangOpt,
    StrictLangOpt,
    globs_of,
    info,
    print_json,
    print_text,
    resolve_argument,
    warn,
)
from precis.cli.documents import HtmlOpt, about, doc_format, label, read_article
from precis.cli.jobs import folder_progress, render_folder_report
from precis.cli.progress import counter, progress_bar
from precis.summarize.corpus import CORPUS_THRESHOLD
from precis.summarize.dedup import (
    NEAR_CONTAINMENT,
    NEAR_JACCARD,
    RESTATEMENT_COVERAGE,
    RESTATEMENT_COVERAGE_MARKED,
    SHINGLE_SIZE,
)


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
    lang: LangOpt = None,
    strict_lang: StrictLangOpt = False,
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
    kind = resolve_argument(source, allow_text=False).kind
    if kind == "folder" and strict_lang:
        warn("--strict-lang is not applied to a folder (dedup DIR): each file is cleaned as is")
    if kind == "folder" and output is not None:
        from precis.summarize import dedup_folder

        with folder_progress(unit="removals") as progress:
            report = dedup_folder(
                source, output, globs=globs_of(glob), force=force, encoding=encoding,
                progress=progress, **options,
            )
        render_folder_report(report, as_json=json_out, verb="cleaned", unit="removals")
    elif kind == "folder":
        _dedup_corpus(source, threshold, encoding, json_out)
    else:
        _dedup_one(source, output, json_out, encoding, html, options, (lang, strict_lang))



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
    language: tuple[str | None, bool],
) -> None:
    from precis.io import write_text_atomic
    from precis.summarize import dedup

    text = read_article(source, output, encoding, language)
    result = dedup(text, html=html, doc_format=doc_format(source, html), **options)
    about(result.metadata)
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
            f"{label(source)}: nothing left: every paragraph is boilerplate; "
            "--json shows the rule that removed each one"
        )



def register(app: typer.Typer) -> None:
    app.command("dedup")(dedup_command)
