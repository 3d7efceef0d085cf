"""Checks shared by the CLI tests (test-only; tests/ is on sys.path): the one red error line of
a failed command, and the command line of a real `precis translate` process on a fake backend."""

from __future__ import annotations

import sys
from pathlib import Path

# `python -c` with tests/ on PYTHONPATH: importing fake_backends registers the fake backends
FAKE_CLI = "import fake_backends; from precis.cli import main; main()"


def red_line(result, *needles: str) -> str:  # type: ignore[no-untyped-def]
    """The one red error line of a failed command (nothing on stdout), checked to contain
    every needle."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def fake_translate_command(src: Path, out: Path, backend: str = "fake-slow") -> list[str]:
    """`precis translate SRC -o OUT --backend BACKEND` as a separate Python process."""
    return [sys.executable, "-c", FAKE_CLI, "translate", str(src), "-o", str(out), "-b", backend]
