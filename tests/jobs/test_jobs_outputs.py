"""Reliability: outputs of `precis summarize` that cannot be written, and folders with a bad
file among good ones (issue 8).

Tests run as root in CI, where chmod does not stop writes: a read-only folder is made with
chmod 0o500 and, when the process can still write there, `tempfile.mkstemp` (what every
atomic write calls first) is made to fail with EACCES for that folder. A full disk is `os.fsync`
failing with ENOSPC. Either way: one red line naming the file and the fix, exit 1, no partial
or temporary file, an existing output untouched.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_checks import red_line

from precis.cli import app
from precis.corpora import SAMPLE_DIR
from precis.errors import OutputError
from precis.io import TEMP_PREFIX, write_text_atomic

ARTICLES = sorted(SAMPLE_DIR.glob("*/article.fr.txt"))



def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Path]]:
    """Make a folder read-only, for real where chmod is enough, simulated for root."""
    made: list[Path] = []
    blocked: list[Path] = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):  # type: ignore[no-untyped-def]
        folder = Path(kwargs.get("dir") or (args[2] if len(args) > 2 else tempfile.gettempdir()))
        if any(folder.resolve() == b or b in folder.resolve().parents for b in blocked):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o500)
        made.append(folder)
        if os.access(folder, os.W_OK):  # root: chmod does not stop writes
            blocked.append(folder.resolve())
            monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        return folder

    yield make
    for folder in made:
        folder.chmod(0o700)


def test_the_simulation_blocks_writes(read_only, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = read_only(tmp_path / "ro")
    with pytest.raises(OutputError, match="Permission denied"):
        write_text_atomic(folder / "x.txt", "x")
    write_text_atomic(tmp_path / "elsewhere.txt", "x")  # other folders still work
    assert files_under(folder) == []


def test_summarize_folder_into_a_read_only_folder(runner, read_only, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = read_only(tmp_path / "out")
    result = runner.invoke(app, ["summarize", str(SAMPLE_DIR), "-o", str(out)])
    red_line(result, str(out), "cannot write in", "Permission denied", "permissions")
    assert files_under(out) == []


def test_summarize_lines_into_a_read_only_folder(runner, read_only, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs.txt"
    docs.write_text(
        "".join(" ".join(p.read_text(encoding="utf-8").split()) + "\n" for p in ARTICLES),
        encoding="utf-8",
    )
    out = read_only(tmp_path / "out") / "summaries.txt"
    result = runner.invoke(app, ["summarize", "--lines", str(docs), "-o", str(out)])
    line = red_line(result, str(out), "Permission denied")
    assert "written" not in result.stderr and line.count("error") == 1
    assert files_under(out.parent) == []


def test_summarize_file_into_a_read_only_folder(runner, read_only, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = read_only(tmp_path / "out") / "résumé.txt"
    result = runner.invoke(app, ["summarize", str(ARTICLES[0]), "-o", str(out)])
    red_line(result, str(out), "Permission denied")
    assert files_under(out.parent) == []


def test_disk_full_leaves_the_old_output_and_no_temp_file(
    runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "summary.txt"
    out.write_text("ancien résumé\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["summarize", str(ARTICLES[0]), "-o", str(out)])
    red_line(result, str(out), "No space left on device", "nothing was written", "free space")
    assert out.read_text(encoding="utf-8") == "ancien résumé\n"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.txt"]
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


def test_summarize_folder_with_a_bad_file_among_good_ones(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name, path in zip(("a.txt", "c.txt"), ARTICLES, strict=False):
        (src / name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "b.txt").write_bytes("L’été « brûlant » à Nîmes : le cœur tient.".encode("cp1252"))
    result = runner.invoke(app, ["summarize", str(src), "-o", str(out)])
    assert result.exit_code == 1
    summaries = [p.name for p in files_under(out) if p.name != "manifest.jsonl"]
    assert summaries == ["a.summary.txt", "c.summary.txt"]
    record = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    failed = [r for r in record if r["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["input"] == "b.txt"
    assert "--encoding cp1252" in failed[0]["error"]
    assert "2 summarized, 0 skipped" in result.stderr and "1 failed" in result.stderr
    assert "b.txt" in result.stderr
    # Re-run with the fix: the finished summaries are skipped, the failed file is done.
    again = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--encoding", "cp1252"])
    assert again.exit_code == 0, again.stderr
    assert "1 summarized, 2 skipped" in again.stderr
    summary = (out / "b.summary.txt").read_text(encoding="utf-8")
    assert summary == "L’été « brûlant » à Nîmes : le cœur tient.\n"
