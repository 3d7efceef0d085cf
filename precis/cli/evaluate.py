"""CLI commands: score, compare (thin: parse, call the library, format).

Only light modules of precis.eval are imported here (sacrebleu, rouge-score and numpy load
inside the functions that score), so `precis --help` stays instant.
"""

from __future__ import annotations

import io
from typing import Annotated, Any

import typer

from precis.cli.common import EncodingOpt, JsonOpt, print_json, print_text, warn
from precis.cli.progress import progress_bar
from precis.errors import InputError
from precis.eval.base import DEFAULT_AR_TRIALS, DEFAULT_BOOTSTRAP_SAMPLES, DEFAULT_SEED, LANGS
from precis.eval.metrics import DEFAULT_METRICS, METRICS
from precis.eval.sacre import BLEU_TOKENIZERS
from precis.eval.tokenizers import DEFAULT_ROUGE_TOKENIZER, ROUGE_TOKENIZERS

TABLE_WIDTH = 160  # text tables are rendered at this width, whatever the terminal

RefOpt = Annotated[
    list[str],
    typer.Option(
        "--ref",
        "-r",
        help="Reference file, one segment per line (repeat for several references); "
        "a folder with --docs.",
        show_default=False,
    ),
]
MetricOpt = Annotated[
    str, typer.Option("--metric", "-m", help=f"Comma-separated metrics: {METRICS.help()}.")
]
LangOpt = Annotated[
    str,
    typer.Option(
        help=f"Target language ({', '.join(LANGS)}): BLEU tokenizer 13a for en, intl for fr; "
        "stemming language."
    ),
]
TokenizeOpt = Annotated[
    str | None,
    typer.Option(
        "--tokenize",
        help=f"BLEU tokenizer: {BLEU_TOKENIZERS.help()} (default: 13a for en, intl for fr).",
        show_default=False,
    ),
]
RougeTokOpt = Annotated[
    str,
    typer.Option(
        "--rouge-tokenizer",
        help=f"ROUGE tokenizer: {ROUGE_TOKENIZERS.help()}. precis-unicode keeps accents and "
        "splits elisions; default is rouge-score's ASCII one (used by published "
        "OrangeSum/BARThez numbers).",
    ),
]
StemOpt = Annotated[
    bool,
    typer.Option(
        "--stem",
        help="ROUGE stemming: Snowball (French or English by --lang); Porter with "
        "--rouge-tokenizer default.",
    ),
]
SeedOpt = Annotated[int, typer.Option(help="Bootstrap seed (same seed, same intervals).")]
SamplesOpt = Annotated[int, typer.Option("--samples", help="Bootstrap resamples.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV on stdout.")]
MarkdownOpt = Annotated[bool, typer.Option("--markdown", help="Print a Markdown table on stdout.")]


def _format(json_out: bool, csv_out: bool, markdown: bool) -> str:
    chosen = [n for n, on in (("json", json_out), ("csv", csv_out), ("markdown", markdown)) if on]
    if len(chosen) > 1:
        raise InputError(f"choose one output format, not {' and '.join('--' + c for c in chosen)}")
    return chosen[0] if chosen else "text"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right", overflow="fold")
    for row in rows:
        table.add_row(*row)
    buf = io.StringIO()
    Console(file=buf, width=TABLE_WIDTH, color_system=None, highlight=False).print(table)
    return buf.getvalue().rstrip() + "\n"


def score_command(
    hyp: Annotated[
        str,
        typer.Option(
            "--hyp",
            help="Hypothesis file, one segment per line (- for stdin); a folder with --docs.",
            show_default=False,
        ),
    ],
    ref: RefOpt,
    metric: MetricOpt = ",".join(DEFAULT_METRICS),
    lang: LangOpt = "en",
    tokenize: TokenizeOpt = None,
    rouge_tokenizer: RougeTokOpt = DEFAULT_ROUGE_TOKENIZER,
    stem: StemOpt = False,
    confidence: Annotated[
        bool, typer.Option("--confidence", help="Add seeded 95% bootstrap intervals.")
    ] = False,
    seed: SeedOpt = DEFAULT_SEED,
    samples: SamplesOpt = DEFAULT_BOOTSTRAP_SAMPLES,
    segments: Annotated[
        bool, typer.Option("--segments", help="Also give per-segment scores (JSON, CSV).")
    ] = False,
    docs: Annotated[
        bool,
        typer.Option(
            "--docs",
            help="--hyp and --ref are folders: pair files by relative path, score each "
            "document and overall.",
        ),
    ] = False,
    json_out: JsonOpt = False,
    csv_out: CsvOpt = False,
    markdown: MarkdownOpt = False,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Score outputs against references: BLEU, chrF, TER (sacrebleu) and ROUGE, with signatures.

    Files are line-aligned: different line counts are an error naming both files.

    Empty hypothesis lines are kept and score 0. ROUGE is the mean of per-segment F1 x100.

    Example: precis score --hyp out.en.txt --ref ref.en.txt --metric bleu,chrf,ter

    Example: precis score --hyp summaries.txt --ref gold.txt --metric rouge --lang fr --confidence
    """
    from precis.eval import report

    fmt = _format(json_out, csv_out, markdown)
    options: dict[str, Any] = {
        "metrics": metric,
        "lang": lang,
        "confidence": confidence,
        "seed": seed,
        "segments": segments,
        "rouge_tokenizer": rouge_tokenizer,
        "stem": stem,
        "bleu_tokenize": tokenize,
        "n_samples": samples,
    }
    with progress_bar("scoring") as bar:
        progress = bar.stage if bar is not None else None
        if docs:
            from precis.eval.docs import score_folders

            result: Any = score_folders(hyp, ref, encoding=encoding, **options, progress=progress)
        else:
            from precis.eval.scoring import score_files

            result = score_files(hyp, ref, encoding=encoding, **options, progress=progress)
    if fmt == "json":
        print_json(result)
    elif fmt == "csv":
        print_text(report.scores_csv(result))
    elif fmt == "markdown":
        print_text(report.scores_markdown(result))
    else:
        overall = result.overall if docs else result
        parts = []
        if docs:
            parts.append(_table(*report.document_table(result)))
        parts.append(_table(*report.score_table(overall)))
        parts.append("\n".join(report.signatures(overall.scores)) + "\n")
        print_text("\n".join(parts))


def compare_command(
    systems: Annotated[
        list[str],
        typer.Argument(
            help="System output files (NAME=PATH to name one), line-aligned with the "
            "references; the first is the baseline.",
            show_default=False,
        ),
    ],
    ref: RefOpt,
    metric: MetricOpt = ",".join(DEFAULT_METRICS),
    lang: LangOpt = "en",
    tokenize: TokenizeOpt = None,
    rouge_tokenizer: RougeTokOpt = DEFAULT_ROUGE_TOKENIZER,
    stem: StemOpt = False,
    seed: SeedOpt = DEFAULT_SEED,
    samples: SamplesOpt = DEFAULT_BOOTSTRAP_SAMPLES,
    ar_trials: Annotated[
        int,
        typer.Option(
            "--ar-trials", help="Approximate randomization trials for BLEU (0: skip the test)."
        ),
    ] = DEFAULT_AR_TRIALS,
    json_out: JsonOpt = False,
    csv_out: CsvOpt = False,
    markdown: MarkdownOpt = False,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Compare systems on the same references: which is better, and is it significant?

    Paired bootstrap resampling for every metric (ROUGE included).

    Approximate randomization too for BLEU (sacrebleu).

    A difference with p < 0.05 is called significant.

    Example: precis compare --ref gold.txt barthez.txt mbarthez.txt --metric rouge --lang fr
    """
    from precis.eval import report
    from precis.eval.compare import MIN_SEGMENTS_FOR_POWER, compare_files

    fmt = _format(json_out, csv_out, markdown)
    with progress_bar("scoring") as bar:
        progress = bar.stage if bar is not None else None
        result = compare_files(
            systems,
            ref,
            encoding=encoding,
            metrics=metric,
            lang=lang,
            seed=seed,
            n_samples=samples,
            ar_trials=ar_trials,
            rouge_tokenizer=rouge_tokenizer,
            stem=stem,
            bleu_tokenize=tokenize,
            progress=progress,
        )
    if result.low_power:
        warn(
            f"only {result.n_segments} segment(s): under {MIN_SEGMENTS_FOR_POWER} the paired "
            "tests have little power; a non-significant difference says little, and each "
            "p-value is labelled"
        )
    if fmt == "json":
        print_json(result)
    elif fmt == "csv":
        print_text(report.comparison_csv(result))
    elif fmt == "markdown":
        print_text(report.comparison_markdown(result))
    else:
        table = _table(*report.comparison_table(result))
        verdicts = "\n".join(report.verdicts(result))
        sigs = "\n".join(report.signatures(result.scores[result.baseline]))
        print_text(f"{table}\n{verdicts}\n\n{sigs}\n")


def register(app: typer.Typer) -> None:
    app.command("score")(score_command)
    app.command("compare")(compare_command)
