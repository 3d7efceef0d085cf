"""Apertium chains and steps side by side: BLEU / chrF with paired significance, sentences/s.

Each configuration is the apertium backend with options (a chain, and the steps switched on
one at a time); every one translates the same test sets (newstest2013, newsdiscusstest2015,
tico19-test from ../shared/data/mt) and is scored with precis.eval's `compare` (sacrebleu BLEU
and chrF, paired bootstrap resampling against the previous configuration and against today's
chain). Throughput is sentences/s over newstest2013 (the translation time, one job, same
machine, the configurations run one after the other). Outputs are cached in /tmp (keyed by the
backend's signature and the set), so a rerun only scores; `--fresh` retranslates (needed for
the timings of a rerun). The rule learner (bench/learn_postedit.py) reuses `translate_cached`.

    nice python bench/apertium_chains.py [--sets newstest2013,...] [--configs a,b] [--fresh]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mt"
SHARED_DATA = Path("/work/shared/data/mt")
CACHE = Path("/tmp/precis-apertium-runs")
TEST_SETS = ("newstest2013", "newsdiscusstest2015", "tico19-test")
SPEED_SET = "newstest2013"


@dataclass(frozen=True)
class Config:
    label: str
    options: dict[str, Any]
    against: str = ""  # the configuration it is compared with ("": the previous row)


OFF = {"lookup": False, "preedits": "none", "postedit": False}
CONFIGS: dict[str, Config] = {
    c.label: c
    for c in (
        Config("today:fr-es-en", {"chain": "fr-es-en", **OFF}),
        Config(
            "today+preedit",
            {"chain": "fr-es-en", **OFF, "preedits": "subject-pronouns"},
            against="today:fr-es-en",
        ),
        Config("fr-ca-en", {"chain": "fr-ca-en", **OFF}, against="today:fr-es-en"),
        Config("fr-ca-es-en", {"chain": "fr-ca-es-en", **OFF}, against="today:fr-es-en"),
        Config(
            "+lookup",
            {"chain": "fr-ca-es-en", "lookup": True, "preedits": "none", "postedit": False},
        ),
        Config("+preedit", {"chain": "fr-ca-es-en", "lookup": True, "postedit": False}),
        Config("+postedit (default)", {"chain": "fr-ca-es-en"}),
    )
}


def data_dir() -> Path:
    for folder in (DATA, SHARED_DATA):
        if (folder / "newstest2013.fra").is_file():
            return folder
    raise SystemExit(f"no test data: expected {DATA} or {SHARED_DATA}")


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def translate_cached(
    options: dict[str, Any], name: str, lines: list[str], *, fresh: bool = False
) -> tuple[list[str], float, str]:
    """(translations, seconds spent translating, signature), cached under /tmp."""
    from precis.translate import get_translator

    with get_translator("apertium", **options) as translator:
        sig = translator.info.signature
        key = "".join(c if c.isalnum() or c in "-_." else "_" for c in sig)
        path = CACHE / key / f"{name}.{len(lines)}.json"
        if path.is_file() and not fresh:
            cached = json.loads(path.read_text(encoding="utf-8"))
            return cached["out"], cached["seconds"], sig
        start = time.perf_counter()
        out = translator.translate_lines(lines)
        seconds = time.perf_counter() - start
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"out": out, "seconds": seconds}), encoding="utf-8")
    return out, seconds, sig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(TEST_SETS))
    parser.add_argument("--configs", default=",".join(CONFIGS), help="labels, comma-separated")
    parser.add_argument("--fresh", action="store_true", help="retranslate (ignore the cache)")
    parser.add_argument("--samples", type=int, default=1000, help="bootstrap resamples")
    args = parser.parse_args(argv)
    from precis.eval.compare import compare

    folder = data_dir()
    labels = [c for c in args.configs.split(",") if c]
    configs = [CONFIGS[label] for label in labels]
    speeds: dict[str, float] = {}
    table: dict[str, dict[str, str]] = {label: {} for label in labels}
    for name in args.sets.split(","):
        src, ref = read(folder / f"{name}.fra"), read(folder / f"{name}.eng")
        systems: dict[str, list[str]] = {}
        for config in configs:
            out, seconds, sig = translate_cached(config.options, name, src, fresh=args.fresh)
            systems[config.label] = out
            if name == SPEED_SET:
                speeds[config.label] = len(src) / seconds
            print(f"{name} {config.label}: {sig} ({seconds:.0f} s)", file=sys.stderr)
        for i, config in enumerate(configs):
            previous = config.against if config.against in systems else labels[i - 1 if i else 0]
            pair = {previous: systems[previous], config.label: systems[config.label]}
            if len(pair) < 2:
                pair = {labels[0]: systems[labels[0]], "copy": systems[labels[0]]}
            result = compare(
                pair, ref, metrics="bleu,chrf", lang="en", n_samples=args.samples, ar_trials=0
            )
            bleu = result.result(list(pair)[1], "BLEU")
            chrf = result.result(list(pair)[1], "chrF2")
            mark = "*" if (i and bleu.significant) else ""
            delta = f" ({bleu.delta:+.2f}{mark})" if i else ""
            table[config.label][name] = f"{bleu.value:.2f}{delta} / {chrf.value:.1f}"
        print(f"signature: {result.scores[list(pair)[1]][0].signature}", file=sys.stderr)
    sets = args.sets.split(",")
    print("| configuration | " + " | ".join(sets) + " | sent/s |")
    print("|---|" + "---|" * (len(sets) + 1))
    for label in labels:
        speed = f"{speeds[label]:.0f}" if label in speeds else "-"
        print(f"| {label} | " + " | ".join(table[label][s] for s in sets) + f" | {speed} |")
    print("\nBLEU (change vs the row above, chains vs today's;")
    print(" * = significant, paired bootstrap p < 0.05) / chrF2")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
