"""Translation speed at equal settings, side by side in one run, with the real tokenizer.

The model: random weights in the shape of Helsinki-NLP/opus-mt-fr-en (d_model 512, 6+6 layers,
ffn 2048, 8 heads; `--full` adds the tc-big shape: 1024, 6+6, 4096, 16), built once in
bench/out/ from the real files of opus-mt-tc-big-fr-en (shared/models: its two SentencePiece
models, vocabulary of 53,017, config, generation settings; see precis/realshape.py). Every
system translates the same real French sentences (newstest2013) to the same fixed output
length (min = max new tokens, which random weights need anyway), at the SAME beam size: a
table for beam 4 (the model's own default) and one for beam 1. In each table, against

  plain       transformers `generate`, unsorted batches of 32, float32 (the common baseline)

  raw ct2     CTranslate2 int8 used directly: length-sorted batches of 32, default threads
  hf-fp32     precis' transformers backend: length-sorted token-budget batches, threads
  hf-int8     the same with torch dynamic int8 quantization of the Linear layers
  ct2-fp32    precis' ctranslate2 backend, float32: one single-thread worker per core
  ct2-int8    precis' ctranslate2 backend, int8 (its CPU default)

Reported: target tokens/s, the ratio to `plain` at the same beam, and for float32 systems the
share of this machine's fp32 matrix-multiply ceiling (a large numpy matmul measured in the same
run) reached by the model's useful FLOPs (encoder, decoder and output layer x beams, no padding).
Then greedy against beam 4 as its own row: a speed-for-quality trade, not a gain. The last line
gives the equal-beam ratios; `hf` there is precis' transformers backend in its fastest setting
at that beam (int8 or fp32, whichever ran faster here). Other jobs on a shared machine slow
every system alike; the ratios are what to compare, not the absolute numbers.

    python bench/translate_speed.py [--quick] [--full] [--sentences N] [--tokens N]
                                    [--apertium LINES]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BASELINE_BATCH = 32
BEAMS = (4, 1)
PRESETS = {
    "default": {"sentences": 64, "tokens": 24},
    "quick": {"sentences": 16, "tokens": 8},
}
MATMUL_N = 2048
MATMUL_REPEATS = 5
WARMUP = 2  # sentences translated before timing (not among the timed ones)


@dataclass(frozen=True)
class Timing:
    """Wall seconds, and CPU seconds of this process (all its threads): on a shared machine
    the wall time includes waiting for a core, the CPU time does not."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Row:
    label: str
    beams: int
    tokens: int  # target tokens generated (sentences x fixed length)
    timing: Timing
    fp32: bool

    @property
    def seconds(self) -> float:
        return self.timing.wall

    @property
    def rate(self) -> float:
        return self.tokens / self.seconds


def newstest(count: int) -> tuple[list[str], list[str]]:
    """`count` timed sentences and WARMUP others, from newstest2013's French side."""
    from precis import corpora
    from precis.io import read_lines

    corpus = corpora.get("newstest2013")
    if not corpus.available:
        sys.exit(f"newstest2013 is not available here ({', '.join(corpus.missing)})")
    lines = [line for line in read_lines(corpus.paths["source"]) if line.strip()]
    return lines[:count], lines[count : count + WARMUP]


def build_model(shape: str) -> Path:
    from precis.realshape import build_real_shape, missing_reason, real_model_dir

    source = real_model_dir()
    if source is None:
        sys.exit(missing_reason())
    start = time.perf_counter()
    folder = build_real_shape(OUT / f"realtok-{shape}", source, shape=shape, dtype="float32")
    print(f"model {folder} ready in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return folder


def matmul_ceiling() -> Timing:
    """fp32 GFLOP per wall second and per CPU second of a large numpy matmul on all cores
    (best of MATMUL_REPEATS each)."""
    import numpy as np

    a = np.random.default_rng(0).standard_normal((MATMUL_N, MATMUL_N), dtype=np.float32)
    b = np.random.default_rng(1).standard_normal((MATMUL_N, MATMUL_N), dtype=np.float32)
    a @ b  # warm-up
    runs = [_timed(lambda: a @ b) for _ in range(MATMUL_REPEATS)]
    flop = 2 * MATMUL_N**3 / 1e9
    return Timing(flop / min(r.wall for r in runs), flop / min(r.cpu for r in runs))


def _timed(fn: Callable[[], object]) -> Timing:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - start, time.process_time() - cpu)


def model_flops(shape: str, vocab: int, source: int, target: int, beams: int) -> float:
    """Useful FLOPs (2 x multiply-adds) of encoding the sources and decoding the targets."""
    from precis.realshape import SHAPES

    dims = SHAPES[shape]
    d, ffn, layers = dims["d_model"], dims["ffn_dim"], dims["layers"]
    encoder = layers * (4 * d * d + 2 * d * ffn) + layers * 2 * d * d  # + cross-attention K, V
    decoder = layers * (4 * d * d + 2 * d * d + 2 * d * ffn) + d * vocab
    return 2.0 * (source * encoder + beams * target * decoder)


def run_plain(
    model_dir: Path, sentences: list[str], warm: list[str], tokens: int, beams: int, threads: int
) -> Timing:
    """Seconds of the common baseline: generate, unsorted batches of 32, float32."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    torch.set_num_threads(threads)  # the same threads as precis: the ratio is about the work
    from precis.hub import quiet_loading

    tok = AutoTokenizer.from_pretrained(model_dir)
    with quiet_loading(warnings=False):  # the bar and a max_length notice, not the compute
        model = AutoModelForSeq2SeqLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    model.generation_config.max_length = None  # max_new_tokens rules (no notice per call)
    kwargs = {"num_beams": beams, "max_new_tokens": tokens, "min_new_tokens": tokens}
    model.generate(**tok(warm, return_tensors="pt", padding=True), **kwargs)

    def run() -> None:
        for i in range(0, len(sentences), BASELINE_BATCH):
            batch = tok(sentences[i : i + BASELINE_BATCH], return_tensors="pt", padding=True)
            out = model.generate(**batch, **kwargs)
            assert out.shape[1] == tokens + 1, out.shape  # start token + fixed length

    return _timed(run)


def run_raw_ct2(
    folder: Path,
    tokenizer_dir: Path,
    sentences: list[str],
    warm: list[str],
    tokens: int,
    beams: int,
) -> Timing:
    """Seconds of CTranslate2 int8 used directly: length-sorted batches of 32, its defaults."""
    import ctranslate2
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    translator = ctranslate2.Translator(str(folder), device="cpu", compute_type="int8")

    def run(texts: list[str]) -> None:
        pieces = [tok.convert_ids_to_tokens(ids) for ids in tok(texts)["input_ids"]]
        results = translator.translate_batch(
            pieces,
            max_batch_size=BASELINE_BATCH,
            beam_size=beams,
            max_decoding_length=tokens,
            min_decoding_length=tokens,
        )
        assert all(len(r.hypotheses[0]) == tokens for r in results)

    run(warm)
    return _timed(lambda: run(sentences))


def run_precis(
    backend: str,
    model_dir: Path,
    sentences: list[str],
    warm: list[str],
    tokens: int,
    beams: int,
    **options: object,
) -> tuple[Timing, Path | None]:
    """Seconds of a precis backend on the test-set path (translate_lines)."""
    from precis.translate import get_translator

    fixed = {"min_new_tokens": tokens, "max_new_tokens": tokens}
    translator = get_translator(backend, str(model_dir), beams=beams, **fixed, **options)
    translator.translate_lines(warm)  # warm-up (and the CTranslate2 conversion, once)
    timing = _timed(lambda: translator.translate_lines(sentences))
    assert translator.stats.translated == len(warm) + len(set(sentences))
    folder = getattr(translator.backend, "folder", None)
    translator.close()
    return timing, folder


def bench_beam(
    model_dir: Path, sentences: list[str], warm: list[str], tokens: int, beams: int, threads: int
) -> list[Row]:
    target = len(sentences) * tokens
    plain = run_plain(model_dir, sentences, warm, tokens, beams, threads)
    rows = [Row(f"plain generate, batch {BASELINE_BATCH}", beams, target, plain, True)]
    systems = [
        ("precis transformers fp32", "transformers", {"threads": threads}, True),
        ("precis transformers int8", "transformers", {"threads": threads, "int8": True}, False),
        ("precis ctranslate2 fp32", "ctranslate2", {"quantization": "float32"}, True),
        ("precis ctranslate2 int8", "ctranslate2", {"quantization": "int8"}, False),
    ]
    for label, backend, options, fp32 in systems:
        timing, folder = run_precis(backend, model_dir, sentences, warm, tokens, beams, **options)
        rows.append(Row(label, beams, target, timing, fp32))
        if label.endswith("ctranslate2 int8") and folder is not None:
            raw = run_raw_ct2(folder, model_dir, sentences, warm, tokens, beams)
            rows.insert(1, Row("raw ctranslate2 int8, sorted, batch 32", beams, target, raw, False))
    return rows


def print_table(rows: list[Row], flops: float, ceiling: Timing) -> None:
    """One beam's table; fp32 rows show their share of the ceiling per wall second and per
    CPU second (the second is the one a busy machine does not distort)."""
    base = rows[0].rate
    beams = rows[0].beams
    print(f"\nbeam {beams} (every row; ratios against plain generate at beam {beams})")
    head = f"{'system':<40} {'s':>7} {'cpu s':>7} {'tok/s':>8} {'x plain':>8}"
    print(f"{head} {'% ceiling wall':>15} {'% ceiling cpu':>14}")
    for row in rows:
        wall = cpu = "-"
        if row.fp32:
            wall = f"{100 * flops / row.timing.wall / 1e9 / ceiling.wall:.0f}%"
            cpu = f"{100 * flops / row.timing.cpu / 1e9 / ceiling.cpu:.0f}%"
        ratio = f"{row.rate / base:.2f}x"
        line = f"{row.label:<40} {row.seconds:>7.2f} {row.timing.cpu:>7.2f} {row.rate:>8.1f}"
        print(f"{line} {ratio:>8} {wall:>15} {cpu:>14}")


def ratio(rows: list[Row], label: str) -> float:
    return next(r.rate for r in rows if r.label == label) / rows[0].rate


def best_hf(rows: list[Row]) -> tuple[float, str]:
    options = [(ratio(rows, f"precis transformers {q}"), q) for q in ("fp32", "int8")]
    return max(options)


def run_shape(shape: str, n_sent: int, n_tok: int, threads: int) -> dict[int, list[Row]]:
    from transformers import AutoTokenizer

    model_dir = build_model(shape)
    sentences, warm = newstest(n_sent)
    tok = AutoTokenizer.from_pretrained(model_dir)
    source_tokens = sum(len(ids) for ids in tok(sentences)["input_ids"])
    print(
        f"\n== shape {shape}: {len(sentences)} newstest2013 sentences ({source_tokens} source "
        f"tokens, real opus-mt-tc-big-fr-en tokenizer), {n_tok} target tokens each; "
        f"{_cores()} cores, torch threads {threads}, load {os.getloadavg()[0]:.1f}"
    )
    ceilings = [matmul_ceiling()]
    tables = {}
    for beams in BEAMS:
        tables[beams] = bench_beam(model_dir, sentences, warm, n_tok, beams, threads)
        ceilings.append(matmul_ceiling())  # re-measured between tables: the best seen counts
    ceiling = Timing(max(c.wall for c in ceilings), max(c.cpu for c in ceilings))
    print(
        f"fp32 matmul ceiling (numpy {MATMUL_N}x{MATMUL_N}, best of {MATMUL_REPEATS}, measured "
        f"{len(ceilings)} times in this run: {', '.join(f'{c.wall:.1f}' for c in ceilings)} "
        f"GFLOP per wall second, {', '.join(f'{c.cpu:.1f}' for c in ceilings)} per CPU "
        f"second): best {ceiling.wall:.1f} / {ceiling.cpu:.1f}; load now "
        f"{os.getloadavg()[0]:.1f}"
    )
    vocab = len(tok)
    target = len(sentences) * n_tok
    for beams in BEAMS:
        flops = model_flops(shape, vocab, source_tokens, target, beams)
        print_table(tables[beams], flops, ceiling)
    greedy = next(r for r in tables[1] if r.label == "precis ctranslate2 int8")
    beam4 = next(r for r in tables[4] if r.label == "precis ctranslate2 int8")
    print(
        f"\nquality trade, not a gain: precis ctranslate2 int8 at beam 1 (greedy) runs "
        f"{greedy.rate / beam4.rate:.2f}x its beam-4 speed ({greedy.rate / tables[4][0].rate:.2f}x "
        f"plain generate at beam 4); the model's default is beam 4"
    )
    return tables


def _find_data() -> None:
    """newstest2013 from the shared folder that holds the real model files, when the corpus
    registry would not find it (a worktree is not beside shared/)."""
    from precis.realshape import real_model_dir

    folder = real_model_dir()
    data = folder.parent.parent / "data" if folder is not None else None
    if data is not None and data.is_dir():
        os.environ.setdefault("PRECIS_DATA_DIR", str(data))


def _cores() -> int:
    from precis.translate.base import cpu_cores

    return cpu_cores()


def bench_apertium(lines: int) -> None:
    """The apertium backend's BLEU (sacrebleu) and sentences/s: raw pivot vs precis' post-edit."""
    import sacrebleu

    from precis import corpora
    from precis.io import read_lines
    from precis.translate import BACKENDS, get_translator

    ok, why = BACKENDS.get("apertium").available()
    if not ok:
        print(f"apertium: skipped ({why})")
        return
    corpus = corpora.get("newstest2013")
    src = read_lines(corpus.paths["source"])[:lines]
    ref = read_lines(corpus.paths["reference"])[:lines]
    print(f"\n{'apertium on newstest2013':<34} {'lines':>7} {'BLEU':>7} {'sent/s':>8}")
    for label, fix in (("apertium raw pivot", False), ("apertium + post-edit", True)):
        with get_translator("apertium", fix_unknown=fix) as translator:
            start = time.perf_counter()
            hyp = translator.translate_lines(src)
            seconds = time.perf_counter() - start
        bleu = sacrebleu.corpus_bleu(hyp, [ref]).score
        print(f"{label:<34} {len(src):>7} {bleu:>7.2f} {len(src) / seconds:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a small run, about a minute")
    parser.add_argument("--full", action="store_true", help="also the tc-big shape (slow)")
    parser.add_argument("--sentences", type=int, help="sentences translated by each system")
    parser.add_argument("--tokens", type=int, help="fixed output length (tokens per sentence)")
    parser.add_argument("--apertium", type=int, metavar="LINES", help="also apertium's BLEU")
    args = parser.parse_args()
    preset = PRESETS["quick" if args.quick else "default"]
    n_sent = args.sentences or preset["sentences"]
    n_tok = args.tokens or preset["tokens"]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("PRECIS_CACHE_DIR", str(OUT / "cache"))
    _find_data()
    from precis.translate.base import default_threads

    threads = default_threads()
    shapes = ("base", "tc-big") if args.full else ("base",)
    tables = {shape: run_shape(shape, n_sent, n_tok, threads) for shape in shapes}
    if args.apertium:
        bench_apertium(args.apertium)
    base = tables["base"]
    parts = []
    for beams in BEAMS:
        hf, _ = best_hf(base[beams])
        parts.append(
            f"beam{beams} ct2-int8={ratio(base[beams], 'precis ctranslate2 int8'):.1f} hf={hf:.1f}"
        )
    fastest = {b: best_hf(base[b])[1] for b in BEAMS}
    print(f"(hf = precis transformers {fastest[4]} at beam 4, {fastest[1]} at beam 1; base shape)")
    print("equal-beam speedup vs plain generate: " + "; ".join(parts))


if __name__ == "__main__":
    main()
