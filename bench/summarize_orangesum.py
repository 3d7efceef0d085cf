"""ROUGE of precis' summaries on OrangeSum dev (500 French news articles), side by side with
Lead-k and the published abstractive systems, in one run.

    python bench/summarize_orangesum.py [--quick] [--limit N] [--words 35]

The headline row runs the real command, `precis summarize --lines source_documents.txt
--words 35 -o FILE`, and scores its file. ROUGE is rouge-score's RougeScorer (F1 x 100, no
stemming) with a Unicode word tokenizer (NFC, lower case, `\\w+`), as in the data README; the
script first checks that its Lead-2 (the README's regex sentence splitter) reproduces the
README's 26.72 / 9.50 / 17.32 on the 500 lines. Each row is also scored on the two halves of
the set (lines 1-250, 251-500) to show how stable a difference is. The last line is the
headline: precis R1 against Lead-2 R1.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

README_LEAD2 = (26.72, 9.50, 17.32)  # ../shared/data/README.md, Lead-2 on the 500 lines
QUICK_DOCS = 100
WORDS = 35
_README_SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-ZÀ-Ý"«])')  # reproduces the README's Lead-k


class UnicodeTokenizer:
    """NFC, lower case, \\w+ words (accents kept): the data README's ROUGE tokenizer."""

    def tokenize(self, text: str) -> list[str]:
        return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def read_lines(path: Path, limit: int) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:limit]


def rouge(hyps: list[str], refs: list[str]) -> list[tuple[float, float, float]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=UnicodeTokenizer())
    out = []
    for hyp, ref in zip(hyps, refs, strict=True):
        s = scorer.score(ref, hyp)
        out.append((s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure))
    return out


def mean3(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(round(100 * statistics.mean(r[i] for r in rows), 2) for i in range(3))


def run_cli(source: Path, limit: int, words: int, method: str) -> tuple[list[str], float]:
    """`precis summarize --lines ... --words N -o FILE`, as a user runs it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "source.txt"
        src.write_text("\n".join(read_lines(source, limit)) + "\n", encoding="utf-8")
        out = Path(tmp) / "summaries.txt"
        cmd = [
            sys.executable,
            "-m",
            "precis",
            "summarize",
            "--lines",
            str(src),
            "--words",
            str(words),
            "--method",
            method,
            "-o",
            str(out),
        ]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        return read_lines(out, limit), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_DOCS} documents")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--words", type=int, default=WORDS)
    args = parser.parse_args()
    limit = QUICK_DOCS if args.quick else args.limit

    from precis.corpora import require
    from precis.summarize import summarize_lines

    corpus = require("orangesum-dev")
    source, gold_path = corpus.paths["source"], corpus.paths["reference"]
    docs, gold = read_lines(source, limit), read_lines(gold_path, limit)
    half = len(docs) // 2

    rows: list[tuple[str, list[str], str]] = []
    lead2 = [" ".join(_README_SPLIT.split(d)[:2]) for d in docs]
    rows.append(("Lead-2 (README's regex splitter)", lead2, "setup check"))
    for name, path in corpus.systems.items():
        rows.append((f"{name} (published, abstractive)", read_lines(path, limit), ""))
    for method, length in (
        ("lead", {"sentences": 2}),
        ("lead", {"words": args.words}),
        ("extractive", {"sentences": 2}),
    ):
        start = time.perf_counter()
        out = [s.text for s in summarize_lines(docs, method=method, **length)]
        key, value = next(iter(length.items()))
        rows.append(
            (f"precis {method} --{key} {value}", out, f"{time.perf_counter() - start:.1f} s")
        )
    headline, seconds = run_cli(source, limit, args.words, "extractive")
    rows.append(
        (f"precis summarize --lines --words {args.words} (CLI)", headline, f"{seconds:.1f} s")
    )

    print(f"OrangeSum dev, {len(docs)} documents; ROUGE F1 x100 (Unicode tokenizer, no stemming)")
    print(
        f"{'system':<48} {'R1':>6} {'R2':>6} {'RL':>6} {'words':>6} {'>N':>5} "
        f"{'R1 1st':>7} {'R1 2nd':>7}  note"
    )
    scores: dict[str, tuple[float, float, float]] = {}
    for name, hyps, note in rows:
        per_doc = rouge(hyps, gold)
        r = mean3(per_doc)
        scores[name] = r
        lengths = [len(h.split()) for h in hyps]
        over = sum(n > args.words for n in lengths) / len(lengths)
        first, second = mean3(per_doc[:half])[0], mean3(per_doc[half:])[0]
        print(
            f"{name:<48} {r[0]:>6.2f} {r[1]:>6.2f} {r[2]:>6.2f} "
            f"{statistics.mean(lengths):>6.1f} {over:>5.0%} {first:>7.2f} {second:>7.2f}  {note}"
        )
    if len(docs) == 500:
        check = scores["Lead-2 (README's regex splitter)"]
        verdict = "reproduced" if check == README_LEAD2 else f"MISMATCH (README {README_LEAD2})"
        print(f"setup check: Lead-2 {check[0]:.2f} / {check[1]:.2f} / {check[2]:.2f}: {verdict}")
    ours = scores[f"precis summarize --lines --words {args.words} (CLI)"][0]
    ref = scores["Lead-2 (README's regex splitter)"][0]
    print(
        f"headline: precis extractive --words {args.words} R1 {ours:.2f} vs Lead-2 R1 "
        f"{ref:.2f} ({ours - ref:+.2f}; {len(docs)} docs)"
    )


if __name__ == "__main__":
    main()
