"""How long `precis --help` takes, against a bare `python -c pass` (goal: < 0.3 s).

Heavy libraries (torch, transformers, sacrebleu, rouge-score) are imported lazily inside the
backends, so the help screen only pays for Python, typer and rich.

    python bench/startup.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL_S = 0.3


def timed(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 10")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    bare = timed([sys.executable, "-c", "pass"], runs)
    help_s = timed([sys.executable, "-m", "precis", "--help"], runs)
    imports = timed([sys.executable, "-c", "import torch, transformers"], max(1, runs // 3))
    print(f"{'command':<40} {'median s':>9}")
    print(f"{'python -c pass':<40} {bare:>9.3f}")
    print(f"{'python -m precis --help':<40} {help_s:>9.3f}")
    print(f"{'python -c import torch, transformers':<40} {imports:>9.3f}")
    verdict = "OK" if help_s < GOAL_S else "OVER GOAL"
    print(
        f"precis --help: {help_s:.3f} s (goal < {GOAL_S} s: {verdict}); "
        f"{imports / help_s:.1f}x faster than importing torch+transformers"
    )


if __name__ == "__main__":
    main()
