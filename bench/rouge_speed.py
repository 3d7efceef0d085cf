"""ROUGE speed: precis.eval.score against a plain loop over rouge-score's RougeScorer.score.

Both score the same pairs with the same tokenizer and the same four ROUGE types (rouge1, rouge2,
rougeL, rougeLsum; texts put one sentence per line by the project's splitter, inside the timing
for both). The numbers must be identical (checked here: every P, R and F of every pair), and
precis must be at least 2x faster on 10,000 pairs of about 60 words.

Pairs come from the OrangeSum dev documents in the shared data folder (a 60-word window of a
document against an overlapping one), or from the repository's sample articles when the
shared data is absent.

    python bench/rouge_speed.py [--quick] [--pairs N] [--words N]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from precis.corpora import SAMPLE_DIR, get
from precis.eval import score
from precis.eval.rouge import RougeMetric, reference_rouge

GOAL_RATIO = 2.0
DEFAULT_PAIRS = 10_000
QUICK_PAIRS = 1_500
DEFAULT_WORDS = 60
SEED = 20240229


def _documents() -> tuple[list[str], str]:
    corpus = get("orangesum-dev")
    if corpus.available:
        text = corpus.paths["source"].read_text(encoding="utf-8")
        return [line for line in text.split("\n") if line.strip()], "OrangeSum dev documents"
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(SAMPLE_DIR).glob("*/*.fr.txt"))]
    return [" ".join(t.split()) for t in texts], "precis sample articles"


def make_pairs(n: int, words: int) -> tuple[list[str], list[str], str]:
    """n (hypothesis, reference) pairs: overlapping windows of `words` words of one document."""
    docs, source = _documents()
    rng = random.Random(SEED)
    token_docs = [d.split() for d in docs if len(d.split()) >= words * 2]
    hyps, refs = [], []
    for _ in range(n):
        tokens = rng.choice(token_docs)
        start = rng.randrange(0, len(tokens) - words * 2 + 1)
        shift = rng.randrange(words // 4, words)
        refs.append(" ".join(tokens[start : start + words]))
        hyps.append(" ".join(tokens[start + shift : start + shift + words]))
    return hyps, refs, source


def run(hyps: list[str], refs: list[str], tokenizer: str) -> tuple[float, float]:
    """(plain seconds, precis seconds), after checking every number is identical."""
    start = time.perf_counter()
    plain = reference_rouge(hyps, refs, lang="fr", tokenizer=tokenizer)
    plain_s = time.perf_counter() - start
    start = time.perf_counter()
    result = score(hyps, refs, metrics=("rouge",), lang="fr", rouge_tokenizer=tokenizer)
    ours_s = time.perf_counter() - start
    ours = RougeMetric(lang="fr", tokenizer=tokenizer).pair_scores(hyps, [refs])
    if ours != plain:
        bad = next(i for i, (a, b) in enumerate(zip(ours, plain, strict=True)) if a != b)
        raise SystemExit(f"MISMATCH at pair {bad}: {ours[bad]} != {plain[bad]}")
    for name, rouge_type in (("ROUGE-1", "rouge1"), ("ROUGE-L", "rougeL")):
        mean = 100.0 * sum(p[rouge_type].fmeasure for p in plain) / len(plain)
        if abs(result.get(name).value - mean) > 1e-9:
            raise SystemExit(f"MISMATCH in the corpus {name}: {result.get(name).value} != {mean}")
    return plain_s, ours_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PAIRS} pairs")
    parser.add_argument("--pairs", type=int, default=DEFAULT_PAIRS)
    parser.add_argument("--words", type=int, default=DEFAULT_WORDS)
    args = parser.parse_args()
    n = QUICK_PAIRS if args.quick else args.pairs
    hyps, refs, source = make_pairs(n, args.words)
    score(hyps[:2], refs[:2], metrics=("rouge",))  # imports (rouge-score pulls in nltk) not timed
    reference_rouge(hyps[:2], refs[:2])
    print(f"{n} pairs of {args.words} words from {source}; rouge1, rouge2, rougeL, rougeLsum")
    header = ("tokenizer", "plain s", "pairs/s", "precis s", "pairs/s", "speed-up")
    print(f"{header[0]:<16} " + " ".join(f"{h:>9}" for h in header[1:]) + "  identical")
    ratios = []
    for tokenizer in ("precis-unicode", "default"):
        plain_s, ours_s = run(hyps, refs, tokenizer)
        ratios.append(plain_s / ours_s)
        print(
            f"{tokenizer:<16} {plain_s:>9.2f} {n / plain_s:>9.0f} {ours_s:>9.2f} "
            f"{n / ours_s:>9.0f} {plain_s / ours_s:>8.1f}x  yes"
        )
    verdict = "OK" if ratios[0] >= GOAL_RATIO else "UNDER GOAL"
    print(
        f"ROUGE ({n} pairs, precis-unicode): {ratios[0]:.1f}x faster than a plain "
        f"RougeScorer.score loop, identical numbers (goal >= {GOAL_RATIO}x: {verdict})"
    )


if __name__ == "__main__":
    main()
