"""ROUGE of precis' summaries on OrangeSum dev (500 French news articles) at a strict word
budget, side by side with the lead cut to the same budget and the published abstractive
systems, in one run.

    python bench/summarize_orangesum.py [--quick] [--limit N] [--words 35] [--samples 5]

Every precis row runs at the same `--words N`: the lead cut to N words, today's TF-IDF method
(`extractive`, scorer textrank), the learned extractive method with and without compression,
and the real command (`precis summarize --lines source_documents.txt --words N -o FILE`, whose
file is scored). ROUGE is precis.eval's (rouge-score with the French-aware Unicode tokenizer,
F1 x100, no stemming); the script first checks that Lead-2 (the data README's regex splitter)
reproduces the README's 26.72 / 9.50 / 17.32. Each row shows its mean and largest summary
length, the share of summaries over N words, ROUGE-1 on the two halves of the set (lines
1-250, 251-500) to show how stable a difference is, and the time per article after loading
(in this process, one article at a time: wall-clock, and CPU time, which a loaded shared machine
inflates less), and, for precis' rows, how many summaries have a dangling opening (a sentence
that opens on "Il", "Mais", "Ce dernier" ... without the sentence before it:
`summarize/openings.py`), with a row of the learned method without its penalty for them.
`--samples K` prints K summaries of the learned
method next to the lead.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

README_LEAD2 = (26.72, 9.50, 17.32)  # ../shared/data/README.md, Lead-2 on the 500 lines
QUICK_DOCS = 100
WORDS = 35
SAMPLE_LINES = (1, 2, 3, 4, 5)
_README_SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-ZÀ-Ý"«])')  # reproduces the README's Lead-k


def read_lines(path: Path, limit: int) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:limit]


def rouge(hyps: list[str], refs: list[str]) -> tuple[tuple[float, ...], list[float]]:
    """(R1, R2, RL) and the per-document ROUGE-1 F1, x100 (precis.eval, French tokenizer)."""
    from precis.eval import score

    scores = score(hyps, refs, metrics=("rouge",), lang="fr", segments=True)
    main = tuple(round(scores.get(n).value, 2) for n in ("ROUGE-1", "ROUGE-2", "ROUGE-L"))
    segments = scores.to_dict()["segments"]["ROUGE-1"]
    return main, [float(x) for x in segments]


def timed(
    docs: list[str], words: int, method: str, **options: object
) -> tuple[list[str], float, float, int]:
    """Summaries, wall-clock and CPU milliseconds per article after loading (the method is
    built and run once first), and how many summaries have a sentence that opens on a word
    pointing back ("Il", "Mais", "Ce dernier") without the sentence before it."""
    from precis.summarize import summarize
    from precis.summarize.api import make_method

    runner = make_method(method, **options)
    summarize(docs[0], words=words, summarizer=runner, html=False)  # loads the models
    start, cpu = time.perf_counter(), time.process_time()
    out = [summarize(d, words=words, summarizer=runner, html=False) for d in docs]
    wall = 1000 * (time.perf_counter() - start) / len(docs)
    cpu_ms = 1000 * (time.process_time() - cpu) / len(docs)
    texts = [" ".join(s.text.split()) for s in out]
    return texts, wall, cpu_ms, sum(map(_dangling, out))


def _dangling(summary: Any) -> bool:
    from precis.summarize.openings import dangling, needs_antecedent

    return dangling((c.position, needs_antecedent(c.text)) for c in summary.sentences) > 0


def run_cli(source: Path, limit: int, words: int) -> tuple[list[str], float]:
    """`precis summarize --lines ... --words N -o FILE`, as a user runs it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "source.txt"
        src.write_text("\n".join(read_lines(source, limit)) + "\n", encoding="utf-8")
        out = Path(tmp) / "summaries.txt"
        cmd = [sys.executable, "-m", "precis", "summarize", "--lines", str(src)]
        cmd += ["--words", str(words), "-o", str(out)]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return read_lines(out, limit), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_DOCS} documents")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--words", type=int, default=WORDS)
    parser.add_argument("--samples", type=int, default=0, help="print this many summaries")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI row (faster)")
    args = parser.parse_args()
    limit = QUICK_DOCS if args.quick else args.limit

    from precis.corpora import require

    corpus = require("orangesum-dev")
    source, gold_path = corpus.paths["source"], corpus.paths["reference"]
    docs, gold = read_lines(source, limit), read_lines(gold_path, limit)
    n = args.words

    rows: list[tuple[str, list[str], str]] = []
    lead2 = [" ".join(_README_SPLIT.split(d)[:2]) for d in docs]
    rows.append(("Lead-2 (README's regex splitter)", lead2, "setup check, not length-fair"))
    for name, path in corpus.systems.items():
        rows.append((f"{name} (published, abstractive)", read_lines(path, limit), ""))
    systems = (
        (f"lead cut to {n} words", "lead", {}),
        (f"extractive textrank (before) --words {n}", "extractive", {"scorer": "textrank"}),
        (f"extractive learned --no-compress --words {n}", "extractive", {"compress": False}),
        ("extractive learned, no antecedent penalty", "extractive", {"antecedent_penalty": 0}),
        (f"extractive learned --words {n}", "extractive", {}),
    )
    outputs: dict[str, list[str]] = {}
    for label, method, options in systems:
        hyps, wall, cpu, dangling = timed(docs, n, method, **options)
        outputs[label] = hyps
        note = f"{wall:.1f} ms/article wall, {cpu:.1f} ms CPU, {dangling} dangling openings"
        rows.append((label, hyps, note))
    if not args.no_cli:
        headline, seconds = run_cli(source, limit, n)
        rows.append((f"precis summarize --lines --words {n} (CLI)", headline, f"{seconds:.0f} s"))

    print(f"OrangeSum dev, {len(docs)} documents; ROUGE F1 x100 (precis.eval, French tokenizer)")
    print(
        f"{'system':<46} {'R1':>6} {'R2':>6} {'RL':>6} {'words':>6} {'max':>4} {'>N':>5} "
        f"{'R1 1st':>7} {'R1 2nd':>7}  note"
    )
    half = len(docs) // 2
    scores: dict[str, tuple[float, ...]] = {}
    for name, hyps, note in rows:
        r, per_doc = rouge(hyps, gold)
        scores[name] = r
        lengths = [len(h.split()) for h in hyps]
        over = sum(k > n for k in lengths) / len(lengths)
        first = statistics.mean(per_doc[:half])
        second = statistics.mean(per_doc[half:])
        print(
            f"{name:<46} {r[0]:>6.2f} {r[1]:>6.2f} {r[2]:>6.2f} {statistics.mean(lengths):>6.1f} "
            f"{max(lengths):>4} {over:>5.0%} {first:>7.2f} {second:>7.2f}  {note}"
        )
    if len(docs) == 500:
        check = scores["Lead-2 (README's regex splitter)"]
        verdict = "reproduced" if check == README_LEAD2 else f"MISMATCH (README {README_LEAD2})"
        print(f"setup check: Lead-2 {check[0]:.2f} / {check[1]:.2f} / {check[2]:.2f}: {verdict}")
    ours = scores[f"extractive learned --words {n}"][0]
    lead = scores[f"lead cut to {n} words"][0]
    print(
        f"headline: learned extractive --words {n} R1 {ours:.2f} vs lead cut to {n} words "
        f"R1 {lead:.2f} ({ours - lead:+.2f}; {len(docs)} docs)"
    )
    for line in SAMPLE_LINES[: args.samples]:
        print(f"\n--- line {line}\nlead:    {outputs[f'lead cut to {n} words'][line - 1]}")
        print(f"learned: {outputs[f'extractive learned --words {n}'][line - 1]}")
        print(f"gold:    {gold[line - 1]}")


if __name__ == "__main__":
    main()
