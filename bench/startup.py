"""Start-up: how long `precis --help` takes (goal < 0.3 s), and what `precis score` loads.

Heavy libraries (torch, transformers, sacrebleu, rouge-score) are imported lazily inside the
commands that need them, so the help screen only pays for Python, typer and rich. rouge-score
imports NLTK at module load, though precis needs it only for rouge-score's Porter stemmer:
precis defers it (eval/rouge.py), and this prints whether `precis score` loaded it.

    python bench/startup.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 0.3
PROBE = (
    "import sys; from precis.cli import app\n"
    "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "sys.stderr.write('nltk loaded: %s' % ('nltk' in sys.modules))"
)
HYP = "Le chat dort sur le canapé.\nIl pleut à Paris.\n"
REF = "Le chat dort.\nIl pleut beaucoup à Paris.\n"


def timed(cmd: list[str], runs: int) -> tuple[float, float, str]:
    """Median wall and CPU (user + sys) seconds of `runs` runs, and the last run's stderr.
    On a busy machine the wall time includes waiting for a core; the CPU time does not."""
    walls, cpus, stderr = [], [], ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        stderr = done.stderr
    return statistics.median(walls), statistics.median(cpus), stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 10")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        hyp, ref = Path(tmp) / "hyp.txt", Path(tmp) / "ref.txt"
        hyp.write_text(HYP, encoding="utf-8")
        ref.write_text(REF, encoding="utf-8")
        score = ["score", "--hyp", str(hyp), "--ref", str(ref), "--metric", "rouge"]
        rows = [
            ("python -c pass", [py, "-c", "pass"], runs),
            ("python -m precis --help", [py, "-m", "precis", "--help"], runs),
            ("precis score --metric rouge", [py, "-c", PROBE, *score], runs),
            (
                "precis score ... --rouge-tokenizer default --stem",
                [py, "-c", PROBE, *score, "--rouge-tokenizer", "default", "--stem"],
                runs,
            ),
            ("python -c import nltk", [py, "-c", "import nltk"], runs),
            (
                "python -c import torch, transformers",
                [py, "-c", "import torch, transformers"],
                max(1, runs // 3),
            ),
        ]
        results = {label: timed(cmd, n) for label, cmd, n in rows}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (medians)")
    print(f"{'command':<52} {'wall s':>7} {'cpu s':>7}  notes")
    for label, (wall, cpu, stderr) in results.items():
        note = stderr.strip().splitlines()[-1] if "nltk loaded" in stderr else ""
        print(f"{label:<52} {wall:>7.3f} {cpu:>7.3f}  {note}")
    help_wall, help_cpu, _ = results["python -m precis --help"]
    score_nltk = results["precis score --metric rouge"][2].strip().endswith("True")
    verdict = "OK" if help_wall < GOAL_S else "OVER GOAL"
    print(
        f"precis --help: {help_wall:.3f} s wall, {help_cpu:.3f} s CPU (goal < {GOAL_S} s: "
        f"{verdict}); precis score (ROUGE, no Porter stemming) loads NLTK: "
        f"{'yes' if score_nltk else 'no'}"
    )


if __name__ == "__main__":
    main()
