"""Train the learned extractive scorer and write the shipped weights (summarize/data/).

    nice python scripts/train_extractive.py [--sentence-articles 8000] [--word-articles 8000]
        [--valid-articles 300] [--seed 12345] [--out summarize/data]

Data: ../shared/data/sum/orangesum-train/ (OrangeSum Abstract). Trained on the train split, tuned
on the validation split, never on the test split (orangesum-dev is its first 500 documents).

1. Two disjoint random samples of the train split (seeded): A for the word prior and the
   sentence model, B for the word model (so that the sentence scores it learns from are out of
   sample, as at run time).
2. Articles go through the summarizer's own cleaning and splitting (dedup, Document), so the
   features are those seen at run time.
3. The sentence model (LightGBM regression) learns each sentence's ROUGE-1 F1 against the
   reference abstract; the word model (LightGBM binary) learns whether the reference contains
   each word type of the article.
4. Tuning on valid: the summarizer itself (`precis.summarize.summarize`, strict 35 words) for a
   small grid of the selection settings; the best goes into the model card.

The shipped weights (v3): 16,000 of the 21,340 train articles (75%), seeded; 2.5 to 4 minutes
on a 2-core machine (preparing the articles about 110 s, the sentence model 15 s, the word model
30-100 s), then tuning about 2 minutes (9 settings x 300 valid articles). Two runs give
byte-identical files: features sum in a fixed order, LightGBM runs deterministic, the prior is
written with sorted keys. The prior also counts, for each word
some reference repeats, the references that have it 1..MAX_REPEATS times (the repeat rates of
the expected ROUGE). `--tune-only` re-tunes the settings
after a change of the selection code (the models do not depend on it). Writes
sentence_model.txt.gz, word_model.txt.gz, word_prior.json.gz and model_card.json.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

SCRIPT_VERSION = "3"
DATA_NAME = "orangesum-train"
TRAIN_FOLDER = "sum/orangesum-train"  # under the shared data folder (precis.corpora)
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "summarize" / "data"
SENTENCE_ARTICLES = 8000
WORD_ARTICLES = 8000
VALID_ARTICLES = 300
SEED = 12345
MIN_PRIOR_DF = 3  # words in fewer train articles are left out of the shipped prior table
TUNE_WORDS = 35
SENTENCE_PARAMS = {
    "objective": "regression",
    "learning_rate": 0.08,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.9,
    "verbose": -1,
    "seed": SEED,
    "deterministic": True,  # with force_row_wise: the same weights from the same data
    "force_row_wise": True,
    "num_threads": 2,  # the shipped weights were trained with these settings, on 2 cores
}
# cat_smooth: the word codes' leaf values pulled toward the mean (with sm's parses, LightGBM's
# default 10 scored 30.31 on valid 300-1299, 50 scored 30.36: about the same)
WORD_PARAMS = {**SENTENCE_PARAMS, "objective": "binary", "cat_smooth": 50}
ROUNDS = 200
TUNE_GRID = {"sentence_weight": (0.25, 0.5, 1.0), "reference_tokens": (35.0, 40.0, 45.0)}


def read_split(folder: Path, name: str) -> list[dict[str, Any]]:
    with gzip.open(folder / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def prepared(article: str) -> dict[str, Any] | None:
    """The article as the summarizer sees it: its sentences (tokens, words, paragraphs)."""
    from precis.summarize.base import Document
    from precis.summarize.dedup import dedup
    from precis.summarize.learned import tokenize

    doc = Document.from_dedup(dedup(article, html=False))
    if not doc.sentences:
        return None
    return {
        "texts": [s.text for s in doc.sentences],
        "tokens": [tokenize(s.text) for s in doc.sentences],
        "words": [s.words for s in doc.sentences],
        "paragraphs": [s.paragraph for s in doc.sentences],
    }


def rouge1_f(hyp: tuple[str, ...], ref: Counter[str]) -> float:
    if not hyp or not ref:
        return 0.0
    overlap = sum((Counter(hyp) & ref).values())
    if not overlap:
        return 0.0
    p, r = overlap / len(hyp), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def build_prior(sample: list[tuple[dict[str, Any], Any]]) -> Any:
    """Keep rates of the words (`df`, `kept`) and repeat counts of the references' words."""
    from precis.summarize.learned import MAX_REPEATS, Prior

    df: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    at_least: Counter[tuple[str, int]] = Counter()
    for art, ref in sample:
        types = set().union(*(t.types for t in art["tokens"]))
        df.update(types)
        kept.update(types & ref.types)
        for word, n in Counter(ref.lower).items():
            at_least.update((word, k) for k in range(1, min(n, MAX_REPEATS) + 1))
    base = sum(kept.values()) / max(1, sum(df.values()))
    keep = {w: d for w, d in df.items() if d >= MIN_PRIOR_DF}
    repeats = {
        w: tuple(at_least[w, k] for k in range(1, MAX_REPEATS + 1))
        for (w, k) in at_least
        if k == 2 and at_least[w, 2] >= MIN_PRIOR_DF
    }
    return Prior(keep, {w: kept[w] for w in keep if kept[w]}, base, len(sample), repeats)


def sentence_rows(sample: list[tuple[dict[str, Any], Any]], prior: Any) -> tuple[list, list]:
    from precis.summarize.learned import sentence_features

    rows, labels = [], []
    for art, ref in sample:
        ref_counts = Counter(ref.lower)
        feats = sentence_features(
            art["tokens"], art["words"], art["paragraphs"], prior, art["texts"]
        )
        rows += feats
        labels += [rouge1_f(t.lower, ref_counts) for t in art["tokens"]]
    return rows, labels


def word_rows(
    sample: list[tuple[dict[str, Any], Any]], prior: Any, sentence_model: Any
) -> tuple[list, list]:
    import numpy as np

    from precis.summarize.learned import sentence_features, word_features

    rows, labels = [], []
    for art, ref in sample:
        feats = sentence_features(
            art["tokens"], art["words"], art["paragraphs"], prior, art["texts"]
        )
        scores = [float(x) for x in sentence_model.predict(np.asarray(feats, dtype=float))]
        types, wrows = word_features(art["tokens"], scores, prior)
        rows += wrows
        labels += [float(t in ref.types) for t in types]
    return rows, labels


def train(
    params: dict[str, Any],
    rows: list,
    labels: list,
    names: tuple[str, ...],
    categorical: tuple[str, ...] = (),
) -> Any:
    import lightgbm
    import numpy as np

    data = lightgbm.Dataset(
        np.asarray(rows, dtype=float),
        np.asarray(labels, dtype=float),
        feature_name=list(names),
        categorical_feature=list(categorical) or "auto",
    )
    return lightgbm.train(params, data, num_boost_round=ROUNDS)


def tune(valid: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, float]]:
    """The selection settings of best ROUGE-1 on valid (strict TUNE_WORDS words)."""
    import itertools

    from precis.eval import score
    from precis.summarize import summarize
    from precis.summarize.learned import load_model

    load_model.cache_clear()
    refs = [v["heading"] for v in valid]
    results: dict[str, float] = {}
    best: tuple[float, dict[str, float]] = (-1.0, {})
    keys = list(TUNE_GRID)
    for values in itertools.product(*(TUNE_GRID[k] for k in keys)):
        opts = dict(zip(keys, values, strict=True))
        hyps = [summarize(v["article"], words=TUNE_WORDS, html=False, **opts).text for v in valid]
        r1 = score(hyps, refs, metrics=("rouge",), lang="fr").get("ROUGE-1").value
        results[json.dumps(opts)] = round(r1, 2)
        print(f"  tune {opts}: R1 {r1:.2f}", file=sys.stderr)
        if r1 > best[0]:
            best = (r1, opts)
    return best[1], results


def retune(args: argparse.Namespace) -> None:
    from precis.summarize.learned import MODEL_CARD

    path = args.out / MODEL_CARD
    card = json.loads(path.read_text(encoding="utf-8"))
    valid = read_split(args.data, "valid")[: args.valid_articles]
    card["settings"], card["tuning"] = tune(valid)
    card["tuned_on"] = f"valid, first {len(valid)} articles, strict {TUNE_WORDS} words"
    path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(card, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help=f"default: shared/{TRAIN_FOLDER}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--sentence-articles", type=int, default=SENTENCE_ARTICLES)
    parser.add_argument("--word-articles", type=int, default=WORD_ARTICLES)
    parser.add_argument("--valid-articles", type=int, default=VALID_ARTICLES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-tune", action="store_true", help="keep the default settings")
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="keep the models in --out, tune the selection settings again (after a change of "
        "the selection code, which does not change the models)",
    )
    args = parser.parse_args()

    import lightgbm

    from precis.corpora import shared_data_dir
    from precis.summarize.learned import (
        CATEGORICAL_WORD_FEATURES,
        MODEL_CARD,
        PRIOR_TABLE,
        SENTENCE_FEATURES,
        SENTENCE_MODEL,
        WORD_FEATURES,
        WORD_MODEL,
        tokenize,
    )

    if args.data is None:
        shared = shared_data_dir()
        if shared is None:
            sys.exit("no shared data folder: give --data or set PRECIS_DATA_DIR")
        args.data = shared / TRAIN_FOLDER
    if args.tune_only:
        retune(args)
        return
    start = time.perf_counter()
    train_split = read_split(args.data, "train")
    random.Random(args.seed).shuffle(train_split)
    n_a, n_b = args.sentence_articles, args.word_articles
    samples = []
    for part in (train_split[:n_a], train_split[n_a : n_a + n_b]):
        rows = []
        for item in part:
            art = prepared(item["article"])
            if art is not None and item["heading"].strip():
                rows.append((art, tokenize(item["heading"])))
        samples.append(rows)
    print(
        f"prepared {sum(map(len, samples))} articles in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )
    prior = build_prior(samples[0])
    sentence_model = train(SENTENCE_PARAMS, *sentence_rows(samples[0], prior), SENTENCE_FEATURES)
    print(f"sentence model at {time.perf_counter() - start:.0f} s", file=sys.stderr)
    word_model = train(
        WORD_PARAMS,
        *word_rows(samples[1], prior, sentence_model),
        WORD_FEATURES,
        CATEGORICAL_WORD_FEATURES,
    )
    print(f"word model at {time.perf_counter() - start:.0f} s", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "__init__.py").touch()
    for name, model in ((SENTENCE_MODEL, sentence_model), (WORD_MODEL, word_model)):
        (args.out / name).write_bytes(gzip.compress(model.model_to_string().encode(), mtime=0))
    (args.out / PRIOR_TABLE).write_bytes(
        gzip.compress(
            json.dumps(prior.to_dict(), ensure_ascii=False, sort_keys=True).encode(), mtime=0
        )
    )
    card: dict[str, Any] = {
        "data": DATA_NAME,
        "split": "train (sample), tuned on valid",
        "articles": len(samples[0]) + len(samples[1]),
        "sentence_articles": len(samples[0]),
        "word_articles": len(samples[1]),
        "seed": args.seed,
        "trained": datetime.date.today().isoformat(),
        "script": f"scripts/train_extractive.py v{SCRIPT_VERSION}",
        "lightgbm": lightgbm.__version__,
        "rounds": ROUNDS,
        "settings": {"sentence_weight": 1.0, "reference_tokens": 40.0},
    }
    (args.out / MODEL_CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    if not args.no_tune:
        valid = read_split(args.data, "valid")[: args.valid_articles]
        card["settings"], card["tuning"] = tune(valid)
        card["tuned_on"] = f"valid, first {len(valid)} articles, strict {TUNE_WORDS} words"
        (args.out / MODEL_CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    card["seconds"] = round(time.perf_counter() - start)
    print(json.dumps(card, indent=2))
    print(
        f"mean reference tokens (A): {statistics.mean(len(r.lower) for _, r in samples[0]):.1f}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
