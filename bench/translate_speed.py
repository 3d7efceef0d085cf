"""Translation speed, side by side in one run, on an opus-mt-fr-en-shaped model (no download).

A random-weight Marian model with the shape of Helsinki-NLP/opus-mt-fr-en (d_model 512, 6+6
layers, ffn 2048, 8 heads, vocabulary 59,514) is built locally once (bench/out/, ~300 MB) and
translates the same real French sentences (newstest2013, from ../shared/data) with a fixed
output length (min = max new tokens: every system generates exactly the same number of tokens,
which random weights need anyway), as:

  plain       transformers `generate`, beam 4, unsorted batches of 32 (the common baseline)
  hf-fp32     precis transformers backend: greedy, length-sorted token-budget batches
  hf-int8     the same with torch dynamic int8 quantization of the Linear layers
  ct2-fp32    precis ctranslate2 backend, float32 (workers x threads chosen for the cores)
  ct2-int8    precis ctranslate2 backend, int8 (the default on CPU)

Reported: target tokens/s, the ratio to `plain`, and for fp32 systems the fraction of the fp32
matrix-multiply ceiling of this machine (a large numpy matmul measured in the same run) reached
by the model's useful FLOPs (encoder + decoder + output layer, no padding). Then the apertium
backend's BLEU (sacrebleu) and sentences/s on newstest2013, raw pivot vs precis' post-edit.
Other jobs on a shared machine slow every system alike; ratios are what to compare.

    python bench/translate_speed.py [--quick] [--sentences N] [--tokens N] [--no-apertium]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
MODEL_DIR = OUT / "opus-shape-marian"
SHAPE = {"vocab_size": 59514, "d_model": 512, "layers": 6, "ffn_dim": 2048, "heads": 8}
MAX_POSITIONS = 512
TRAIN_LINES = 1000  # sentencepiece training text for the built model (fixed: model reused)
BASELINE_BATCH = 32
BASELINE_BEAMS = 4
FULL = {"sentences": 256, "tokens": 32, "apertium_lines": 3000}
QUICK = {"sentences": 24, "tokens": 8, "apertium_lines": 300}
MATMUL_N = 2048


def newstest() -> tuple[list[str], list[str]]:
    from precis import corpora
    from precis.io import read_lines

    corpus = corpora.get("newstest2013")
    if not corpus.available:
        sys.exit(f"newstest2013 is not available here ({', '.join(corpus.missing)})")
    return read_lines(corpus.paths["source"]), read_lines(corpus.paths["reference"])


def build_model(lines: list[str]) -> Path:
    if (MODEL_DIR / "config.json").is_file():
        return MODEL_DIR
    from precis.testing import build_marian

    start = time.perf_counter()
    build_marian(
        MODEL_DIR,
        lines[:TRAIN_LINES],
        **SHAPE,
        max_length=MAX_POSITIONS,
        max_position_embeddings=MAX_POSITIONS,
    )
    print(f"built {MODEL_DIR} in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return MODEL_DIR


def matmul_ceiling() -> float:
    """fp32 GFLOP/s of a large numpy matmul on all cores (best of 5)."""
    import numpy as np

    a = np.random.default_rng(0).standard_normal((MATMUL_N, MATMUL_N), dtype=np.float32)
    b = np.random.default_rng(1).standard_normal((MATMUL_N, MATMUL_N), dtype=np.float32)
    a @ b  # warm-up
    best = min(_timed(lambda: a @ b) for _ in range(5))
    return 2 * MATMUL_N**3 / best / 1e9


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def model_flops(source_tokens: int, target_tokens: int, beams: int = 1) -> float:
    """Useful FLOPs (2 x multiply-adds) of encoding the sources and decoding the targets."""
    d, ffn, layers, vocab = SHAPE["d_model"], SHAPE["ffn_dim"], SHAPE["layers"], SHAPE["vocab_size"]
    encoder = layers * (4 * d * d + 2 * d * ffn) + layers * 2 * d * d  # + cross-attention K, V
    decoder = layers * (4 * d * d + 2 * d * d + 2 * d * ffn) + d * vocab
    return 2.0 * (source_tokens * encoder + beams * target_tokens * decoder)


def run_plain(model_dir: Path, sentences: list[str], tokens: int, threads: int) -> float:
    """Seconds for the common baseline: generate, beam 4, unsorted batches of 32."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    torch.set_num_threads(threads)  # the same threads as precis: the ratio is about the work
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    kwargs = {"num_beams": BASELINE_BEAMS, "max_new_tokens": tokens, "min_new_tokens": tokens}
    model.generate(**tok(sentences[:2], return_tensors="pt", padding=True), **kwargs)  # warm-up
    start = time.perf_counter()
    for i in range(0, len(sentences), BASELINE_BATCH):
        batch = tok(sentences[i : i + BASELINE_BATCH], return_tensors="pt", padding=True)
        out = model.generate(**batch, **kwargs)
        assert out.shape[1] == tokens + 1, out.shape  # start token + fixed length
    return time.perf_counter() - start


def run_precis(
    backend: str, model_dir: Path, sentences: list[str], tokens: int, **options: object
) -> tuple[float, int]:
    """Seconds and pieces translated by a precis backend (translate_lines, the test-set path)."""
    from precis.translate import get_translator

    translator = get_translator(
        backend, str(model_dir), min_new_tokens=tokens, max_new_tokens=tokens, **options
    )
    translator.translate_sentences(sentences[:2])  # warm-up (and CTranslate2 conversion)
    before = translator.stats.translated
    start = time.perf_counter()
    out = translator.translate_lines(sentences[2:] + sentences[:2])
    seconds = time.perf_counter() - start
    assert len(out) == len(sentences)
    pieces = translator.stats.translated - before + 2  # the two warm-up lines, cached now
    translator.close()
    return seconds * len(sentences) / max(len(sentences) - 2, 1), pieces


def bench_apertium(lines: int) -> list[tuple[str, float, float]]:
    import sacrebleu

    from precis.translate import BACKENDS, get_translator

    ok, why = BACKENDS.get("apertium").available()
    if not ok:
        print(f"apertium: skipped ({why})")
        return []
    src, ref = newstest()
    src, ref = src[:lines], ref[:lines]
    rows = []
    for label, fix in (("apertium raw pivot", False), ("apertium + post-edit", True)):
        with get_translator("apertium", fix_unknown=fix) as translator:
            start = time.perf_counter()
            hyp = translator.translate_lines(src)
            seconds = time.perf_counter() - start
        bleu = sacrebleu.corpus_bleu(hyp, [ref]).score
        rows.append((label, bleu, len(src) / seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a small run, under a minute")
    parser.add_argument("--sentences", type=int, help="sentences translated by each system")
    parser.add_argument("--tokens", type=int, help="fixed output length (tokens per sentence)")
    parser.add_argument("--no-apertium", action="store_true", help="skip the apertium part")
    args = parser.parse_args()
    preset = QUICK if args.quick else FULL
    n_sent = args.sentences or preset["sentences"]
    n_tok = args.tokens or preset["tokens"]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("PRECIS_CACHE_DIR", str(OUT / "cache"))
    from precis.translate.base import cpu_cores, default_threads

    threads = default_threads()
    src, _ref = newstest()
    model_dir = build_model(src)
    sentences = src[TRAIN_LINES : TRAIN_LINES + n_sent]  # not the spm training lines
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    source_tokens = sum(len(ids) for ids in tok(sentences)["input_ids"])
    ceiling = matmul_ceiling()
    print(
        f"{len(sentences)} newstest2013 sentences ({source_tokens} source tokens), "
        f"{n_tok} target tokens each; {cpu_cores()} cores, torch threads {threads} (load "
        f"{os.getloadavg()[0]:.1f}); fp32 matmul ceiling "
        f"{ceiling:.1f} GFLOP/s (numpy {MATMUL_N}x{MATMUL_N})"
    )
    results: list[tuple[str, int, float, float | None]] = []  # name, tokens, seconds, fraction
    seconds = run_plain(model_dir, sentences, n_tok, threads)
    target = len(sentences) * n_tok
    flops = model_flops(source_tokens, target, BASELINE_BEAMS)
    results.append(("plain generate beam 4, batch 32", target, seconds, flops / seconds / 1e9))
    systems = [
        ("precis transformers fp32", "transformers", {"threads": threads}, True),
        ("precis transformers int8", "transformers", {"int8": True, "threads": threads}, False),
        ("precis ctranslate2 fp32", "ctranslate2", {"quantization": "float32"}, True),
        ("precis ctranslate2 int8", "ctranslate2", {"quantization": "int8"}, False),
    ]
    for label, backend, options, fp32 in systems:
        seconds, pieces = run_precis(backend, model_dir, sentences, n_tok, **options)
        target = pieces * n_tok
        rate = model_flops(source_tokens, target) / seconds / 1e9 if fp32 else None
        results.append((label, target, seconds, rate))
    base_rate = results[0][1] / results[0][2]
    print(f"\n{'system':<34} {'tokens':>7} {'s':>7} {'tok/s':>8} {'x plain':>8} {'% ceiling':>10}")
    ratios = {}
    for label, target, seconds, gflops in results:
        rate = target / seconds
        ratios[label] = rate / base_rate
        frac = f"{100 * gflops / ceiling:.0f}%" if gflops is not None else "-"
        ratio = f"{ratios[label]:.1f}x"
        print(f"{label:<34} {target:>7} {seconds:>7.2f} {rate:>8.1f} {ratio:>8} {frac:>10}")
    frac_hf = results[1][3] / ceiling if results[1][3] else 0.0
    frac_ct2 = results[3][3] / ceiling if results[3][3] else 0.0
    if not args.no_apertium:
        rows = bench_apertium(preset["apertium_lines"])
        if rows:
            print(f"\n{'apertium on newstest2013':<34} {'lines':>7} {'BLEU':>7} {'sent/s':>8}")
            for label, bleu, rate in rows:
                print(f"{label:<34} {preset['apertium_lines']:>7} {bleu:>7.2f} {rate:>8.1f}")
    print(
        f"headline: vs plain generate (beam 4, batches of 32): "
        f"ctranslate2 int8 {ratios['precis ctranslate2 int8']:.1f}x, "
        f"ctranslate2 fp32 {ratios['precis ctranslate2 fp32']:.1f}x, "
        f"transformers fp32 {ratios['precis transformers fp32']:.1f}x, "
        f"int8 {ratios['precis transformers int8']:.1f}x; "
        f"fp32 greedy at {100 * frac_hf:.0f}% (transformers) / {100 * frac_ct2:.0f}% "
        f"(ctranslate2) of the matmul ceiling"
    )


if __name__ == "__main__":
    main()
