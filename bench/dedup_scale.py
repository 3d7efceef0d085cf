"""Corpus-level near-duplicate search: MinHash LSH (datasketch) against exact all-pairs Jaccard,
at 1k, 10k and 100k paragraphs, in one run.

    python bench/dedup_scale.py [--quick] [--sizes 1000,10000,100000] [--exact 1000,3000]

Paragraphs are made of real French news sentences (WMT newstest2013, from the shared data
folder): two per paragraph, each spliced from the first half of one sentence and the second
half of another, so that 100k paragraphs do not reuse the same 3,000 sentences over and over
(which would make true duplicate pairs grow with the square of the corpus); 20 paragraphs per
document. `NEAR_COPY_SHARE` of them are near-copies of an earlier paragraph of another
document with small random edits (a word replaced, dropped or swapped).

For each size the script times `precis.summarize.corpus.near_duplicate_pairs` and reports the
planted copies it finds; at the small sizes it also times the quadratic exact all-pairs search
and compares the pairs found. Time per paragraph should stay flat (linear
growth), where all-pairs time grows with the square. `--quick` runs 1k and 10k only. The last
line is the headline: the 10k/1k time ratio against the 10x of linear growth.
"""

from __future__ import annotations

import argparse
import random
import time

NEAR_COPY_SHARE = 0.1
PARAGRAPHS_PER_DOC = 20
SEED = 13


def make_items(sentences: list[str], n: int, rng: random.Random) -> tuple[list, set]:
    """n (document, index, text) paragraphs, and the planted near-copy pairs (keys i < j)."""
    items: list[tuple[str, int, str]] = []
    planted: set[tuple[int, int]] = set()
    for key in range(n):
        doc, index = f"doc{key // PARAGRAPHS_PER_DOC:05d}", key % PARAGRAPHS_PER_DOC
        if key > PARAGRAPHS_PER_DOC and rng.random() < NEAR_COPY_SHARE:
            source = rng.randrange(0, (key // PARAGRAPHS_PER_DOC) * PARAGRAPHS_PER_DOC)
            items.append((doc, index, edit(items[source][2], rng)))
            planted.add((source, key))
        else:
            items.append((doc, index, f"{splice(sentences, rng)} {splice(sentences, rng)}"))
    return items, planted


def splice(sentences: list[str], rng: random.Random) -> str:
    """The first half of a random sentence and the second half of another."""
    a, b = rng.choice(sentences).split(), rng.choice(sentences).split()
    return " ".join(a[: len(a) // 2] + b[len(b) // 2 :])


def edit(text: str, rng: random.Random) -> str:
    """One or two small edits: replace, drop or swap a word."""
    words = text.split()
    for _ in range(rng.choice((1, 2))):
        i = rng.randrange(len(words))
        action = rng.choice(("replace", "drop", "swap"))
        if action == "replace":
            words[i] = rng.choice(("le", "un", "très", "aussi", "mardi", "2013"))
        elif action == "drop" and len(words) > 5:
            del words[i]
        elif i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k paragraphs only")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--exact", default="1000,3000", help="sizes also searched all-pairs")
    args = parser.parse_args()
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    exact_sizes = {1000} if args.quick else {int(s) for s in args.exact.split(",")}

    from precis.corpora import require
    from precis.summarize.corpus import CORPUS_THRESHOLD, exact_pairs, near_duplicate_pairs

    source = require("newstest2013").paths["source"]
    sentences = [s for s in source.read_text(encoding="utf-8").split("\n") if len(s.split()) > 5]
    print(
        f"threshold Jaccard {CORPUS_THRESHOLD}, {len(sentences)} source sentences, "
        f"{NEAR_COPY_SHARE:.0%} planted near-copies"
    )
    print(
        f"{'paragraphs':>10} {'LSH s':>8} {'us/para':>8} {'pairs':>7} {'planted found':>14} "
        f"{'exact s':>8} {'exact pairs':>11} {'LSH recall vs exact':>20}"
    )
    near_duplicate_pairs([("a", 0, "un deux trois quatre"), ("b", 0, "un deux trois quatre")])
    times: dict[int, float] = {}  # (the call above imported datasketch and numpy: warm start)
    for n in sorted(set(sizes) | exact_sizes):
        items, planted = make_items(sentences, n, random.Random(SEED))
        start = time.perf_counter()
        pairs = near_duplicate_pairs(items)
        lsh_s = time.perf_counter() - start
        times[n] = lsh_s
        key_of = {(doc, index): k for k, (doc, index, _) in enumerate(items)}
        found = {
            tuple(sorted((key_of[(p.file, p.index)], key_of[(p.other_file, p.other_index)])))
            for p in pairs
        }
        hit = len(planted & found) / len(planted) if planted else 1.0
        exact_cols = f"{'-':>8} {'-':>11} {'-':>20}"
        if n in exact_sizes:
            start = time.perf_counter()
            truth = {(i, j) for i, j, _ in exact_pairs(items)}
            exact_s = time.perf_counter() - start
            recall = len(truth & found) / len(truth) if truth else 1.0
            exact_cols = f"{exact_s:>8.2f} {len(truth):>11} {recall:>20.1%}"
        print(
            f"{n:>10} {lsh_s:>8.2f} {1e6 * lsh_s / n:>8.0f} {len(pairs):>7} {hit:>14.1%} "
            f"{exact_cols}"
        )
    if 1000 in times and 10000 in times:
        ratio = times[10000] / times[1000]
        print(
            f"headline: LSH time 10k/1k = {ratio:.1f}x for 10x the paragraphs "
            f"(linear: 10x; all-pairs: 100x)"
        )


if __name__ == "__main__":
    main()
