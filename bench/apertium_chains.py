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
import hashlib
import json
import os
import resource
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
MAX_KEY = 200
CORES = 2  # the target machine of the issue: sentences/s on 2 cores


@dataclass(frozen=True)
class Config:
    label: str
    options: dict[str, Any]
    against: str = ""  # the configuration it is compared with ("": the previous row)


OFF = {"lookup": False, "preedits": "none", "postedit": False, "postedits": "none", "senses": False}
DEFAULT = "fr-ca-es-en"
STEP = {
    "chain": DEFAULT,
    "postedit": False,
    "postedits": "none",
    "senses": False,
}  # + lookup, pre-edit
CONFIGS: dict[str, Config] = {
    c.label: c
    for c in (
        Config("fr-es-en (today's chain)", {"chain": "fr-es-en", **OFF}),
        Config("fr-es-en +lookup", {"chain": "fr-es-en", **OFF, "lookup": True}),
        Config(
            "fr-es-en +subject-pronouns",
            {"chain": "fr-es-en", **OFF, "preedits": "subject-pronouns"},
            against="fr-es-en (today's chain)",
        ),
        Config("fr-ca-en", {"chain": "fr-ca-en", **OFF}, against="fr-es-en (today's chain)"),
        Config("fr-ca-es-en", {"chain": DEFAULT, **OFF}, against="fr-es-en (today's chain)"),
        Config("+lookup", {"chain": DEFAULT, **OFF, "lookup": True}),
        Config("+subject-pronouns", STEP),
        Config(
            "+elle (not applied)",
            {**STEP, "preedits": "subject-pronouns,elle"},
            against="+subject-pronouns",
        ),
        Config(
            "+qu-pronouns (not applied)",
            {**STEP, "preedits": "subject-pronouns,qu-pronouns"},
            against="+subject-pronouns",
        ),
        Config("+learned rules", {**STEP, "postedit": True}, against="+subject-pronouns"),
        Config("+simple-past", {**STEP, "postedit": True, "postedits": "simple-past"}),
        Config("+typography", {"chain": DEFAULT, "lookup": True, "senses": False}),
        Config("+senses", {"chain": DEFAULT, "lookup": True}),
        Config("default (+senses; lookup off)", {"chain": DEFAULT}),
    )
}


def data_dir() -> Path:
    for folder in (DATA, SHARED_DATA):
        if (folder / "newstest2013.fra").is_file():
            return folder
    raise SystemExit(f"no test data: expected {DATA} or {SHARED_DATA}")


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the Apertium pipelines)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class Run:
    out: list[str]
    seconds: float  # wall clock
    cpu: float  # CPU seconds, all processes: what 2 dedicated cores would have to spend
    signature: str


def translate_cached(
    options: dict[str, Any], name: str, lines: list[str], *, fresh: bool = False
) -> Run:
    """The translations of `lines` with their wall and CPU time, cached under /tmp."""
    from precis.translate import get_translator

    with get_translator("apertium", **options) as translator:
        sig = translator.info.signature
        key = "".join(c if c.isalnum() or c in "-_." else "_" for c in sig)
        if len(key) > MAX_KEY:  # a file name has at most 255 bytes
            key = key[: MAX_KEY - 17] + "_" + hashlib.sha256(sig.encode()).hexdigest()[:16]
        path = CACHE / key / f"{name}.{len(lines)}.json"
        if path.is_file() and not fresh:
            cached = json.loads(path.read_text(encoding="utf-8"))
            return Run(cached["out"], cached["seconds"], cached.get("cpu", 0.0), sig)
        cpu, start = cpu_seconds(), time.perf_counter()
        out = translator.translate_lines(lines)
        seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu  # after close(): the pipelines' processes have been waited for
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"out": out, "seconds": seconds, "cpu": cpu}), encoding="utf-8")
    return Run(out, seconds, cpu, sig)


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
    speeds: dict[str, tuple[float, float]] = {}  # label -> (wall sent/s, 2-core CPU sent/s)
    table: dict[str, dict[str, str]] = {label: {} for label in labels}
    for name in args.sets.split(","):
        src, ref = read(folder / f"{name}.fra"), read(folder / f"{name}.eng")
        systems: dict[str, list[str]] = {}
        for config in configs:
            run = translate_cached(config.options, name, src, fresh=args.fresh)
            systems[config.label] = run.out
            if name == SPEED_SET:
                speeds[config.label] = (
                    len(src) / run.seconds,
                    CORES * len(src) / max(run.cpu, 1e-9),
                )
            print(f"{name} {config.label}: {run.signature} ({run.seconds:.0f} s)", file=sys.stderr)
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
    print("| configuration | " + " | ".join(sets) + " | sent/s (wall) | sent/s (2 cores, CPU) |")
    print("|---|" + "---|" * (len(sets) + 2))
    for label in labels:
        wall, cpu = speeds.get(label, (0.0, 0.0))
        cells = " | ".join(table[label][s] for s in sets)
        print(f"| {label} | {cells} | {wall:.0f} | {cpu:.0f} |")
    print("\nBLEU (change vs the row above, chains vs today's;")
    print(" * = significant, paired bootstrap p < 0.05) / chrF2. Speed on newstest2013: wall clock")
    print(f"(shared machine, load {os.getloadavg()[0]:.1f} now) and {CORES} x sentences / CPU")
    print("seconds of all processes (what 2 dedicated cores would reach if kept busy).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
