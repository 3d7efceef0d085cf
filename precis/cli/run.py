"""CLI commands: run (the main job) and bench (leaderboards). Thin: parse, call, format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli.common import (
    EncodingOpt,
    JsonOpt,
    LangOpt,
    StrictLangOpt,
    info,
    print_json,
    print_text,
    resolve_argument,
    warn,
    warn_language,
)

ArticleArg = Annotated[
    str, typer.Argument(help="A French article (file), `-` for stdin, or a folder of articles.")
]


def run_command(
    article: ArticleArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write summary.fr.txt, summary.en.txt, report.json and report.md here "
            "(one subfolder per article for a folder input).",
        ),
    ] = None,
    method: Annotated[
        str, typer.Option(help="Summarization method: lead, extractive or abstractive.")
    ] = "extractive",
    sentences: Annotated[int | None, typer.Option(help="Summary length in sentences.")] = None,
    words: Annotated[
        int | None, typer.Option(help="At most N words (whole sentences, at least one).")
    ] = None,
    ratio: Annotated[float | None, typer.Option(help="Keep this fraction of sentences.")] = None,
    model: Annotated[
        str | None, typer.Option(help="Summarization model (id or folder) for abstractive.")
    ] = None,
    backend: Annotated[
        str, typer.Option(help="Translation backend: auto, apertium, transformers, ctranslate2.")
    ] = "auto",
    translation_model: Annotated[
        str | None, typer.Option("--translation-model", help="Translation model id or folder.")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Also translate (and score) the cleaned article.")
    ] = False,
    ref_summary: Annotated[
        Path | None, typer.Option(help="Reference French summary (default: summary.fr.txt beside).")
    ] = None,
    ref_summary_en: Annotated[
        Path | None,
        typer.Option(help="Reference English summary (default: summary.en.txt beside)."),
    ] = None,
    ref_translation: Annotated[
        Path | None,
        typer.Option(help="Reference English article for --full (default: article.en.txt beside)."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Folder input: redo articles already done.")] = False,
    engine: Annotated[
        str, typer.Option(help="Folder input: local, or ray (a Ray cluster; precis[ray]).")
    ] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: start a local one).")
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            help="Folder input: the articles to take (default: article.fr.txt in the corpus "
            "layout, else *.txt *.md *.html *.htm).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    encoding: EncodingOpt = "utf-8",
    lang: LangOpt = None,
    strict_lang: StrictLangOpt = False,
) -> None:
    """Clean, summarize, translate and score a French article: the main job.

    Removes boilerplate and duplicated paragraphs, writes a French summary, translates it to
    English (and the cleaned article with --full), and scores both against the references found
    beside the article (summary.fr.txt, summary.en.txt, article.en.txt) or given by flags.
    A folder is mirrored into -o, one subfolder per article, and a re-run resumes.

    Example: precis run corpora/sample/nato-rutte/article.fr.txt

    Example: precis run corpora/sample -o out/ --full
    """
    from precis.workflows import run_folder

    options = dict(
        method=method,
        sentences=sentences,
        words=words,
        ratio=ratio,
        model=model,
        backend=backend,
        translation_model=translation_model,
        full=full,
        lang=lang,
        strict_lang=strict_lang,
    )
    if resolve_argument(article, allow_text=False).kind == "folder":
        if output is None:
            raise typer.BadParameter("a folder input needs --output/-o DIR", param_hint="-o")
        from precis.cli.jobs import folder_progress, render_folder_report

        with folder_progress(unit="sentences") as progress:
            report = run_folder.run_folder(
                article, output, force=force, encoding=encoding, engine=engine,
                address=address, progress=progress, globs=tuple(glob) if glob else None,
                **options,
            )
        render_folder_report(report, as_json=as_json)
        return
    given = {"summary_fr": ref_summary, "summary_en": ref_summary_en, "article_en": ref_translation}
    _run_one(article, output, as_json, encoding, given, options)


def _run_one(
    article: str,
    output: Path | None,
    as_json: bool,
    encoding: str,
    given: dict[str, Path | None],
    options: dict[str, Any],
) -> None:
    from precis.workflows import run as pipeline
    from precis.workflows import run_render

    refs = pipeline.find_references(article, encoding=encoding) if article != "-" else None
    refs = pipeline.override_references(refs, encoding=encoding, **given)
    if output is not None:
        run_render.check_run_outputs(article, output, refs, full=bool(options.get("full")))
    report = pipeline.run_file(article, encoding=encoding, references=refs, **options)
    _diagnostics(report, article)
    if output is not None:
        written = run_render.write_run_outputs(report, output)
        info(f"wrote {', '.join(str(p) for p in written)}")
    if as_json:
        print_json(report.to_dict())
    elif not report.summary_fr.strip():
        warn(
            f"{article}: nothing left to summarize after cleaning (every paragraph is "
            "boilerplate or empty); `precis dedup --json` shows what removed each one"
        )
    elif output is None:
        print_text(run_render.report_text(report))


def _diagnostics(report: Any, article: str) -> None:
    """The stderr lines of one run: language, backend, removals, missing references."""
    warn_language(report.language, "<stdin>" if article == "-" else article)
    info(f"translation backend: {report.translation.name} (model {report.translation.model})")
    removed = report.dedup.removed
    if removed:
        info(
            f"removed {len(removed)} paragraph(s)/line(s): "
            + "; ".join(f"#{r.index + 1} {r.rule}" for r in removed)
        )
    if report.missing_references:
        warn(f"no reference for: {', '.join(report.missing_references)} (not scored)")


def bench_command(
    corpus: Annotated[
        str, typer.Argument(help="A corpus name (see `precis bench --list`) or a corpus folder.")
    ] = "sample",
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system",
            "-s",
            help="NAME=SPEC, repeatable: lead:sentences=2, extractive:words=35, "
            "abstractive:model=PATH, apertium, transformers:model=PATH, "
            "ctranslate2:model=PATH, file:OUTPUTS.txt. The first is the baseline.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the leaderboard files here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Only the first N documents/segments (quick runs).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 12345,
    list_corpora: Annotated[
        bool, typer.Option("--list", help="List the named corpora and whether they are here.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Run systems on a corpus, score them, test significance, write a leaderboard.

    Writes leaderboard.md, leaderboard.json, leaderboard.csv, per_document.csv, a PNG chart of
    the main metric with 95% confidence intervals, and every system's outputs. Without
    --system, runs Lead-1/2/3 and the extractive summarizer (plus the published systems that
    ship with the corpus) or the auto translation backend.

    Example: precis bench orangesum-dev -o bench/out/orangesum --limit 100

    Example: precis bench newstest2013 -s apertium -s opus=transformers:model=PATH
    """
    from precis import corpora
    from precis.workflows import bench as benchmark

    if list_corpora:
        rows = corpora.all_corpora()
        if as_json:
            print_json(
                [
                    {
                        "name": c.name,
                        "kind": c.kind,
                        "available": c.available,
                        "missing": list(c.missing),
                        "description": c.description,
                    }
                    for c in rows
                ]
            )
            return
        for c in rows:
            state = "available" if c.available else "MISSING"
            print_text(f"{c.name:<22} {c.kind:<10} {state:<10} {c.description}")
        return

    from precis.cli.common import err, show_progress

    status = err.status("running systems...") if show_progress() else None

    def progress(name: str, done: int, total: int) -> None:
        message = f"[{done}/{total}] {name}" if name else f"scoring done ({total} systems)"
        if status is not None:
            status.update(message)
        else:
            info(message)

    if status is not None:
        status.start()
    try:
        board = benchmark.bench(
            corpus, systems=system, out_dir=output, limit=limit, seed=seed, progress=progress
        )
    finally:
        if status is not None:
            status.stop()
    if as_json:
        print_json(board.to_dict())
        return
    print_text(benchmark.leaderboard_markdown(board))
    if board.files:
        info(f"wrote {', '.join(board.files.values())}")


def register(app: typer.Typer) -> None:
    app.command("run")(run_command)
    app.command("bench")(bench_command)
