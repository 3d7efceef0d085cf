"""Issue 8, faults and hostile paths: kills, Ctrl-C, a full or read-only disk, failing files,
symlinks, `..` and absolute paths, outputs inside inputs; and the translation bad inputs.

Subprocess tests start a real `precis` whose "fake-slow" backend (tests/fake_backends.py) logs
each sentence it receives to $PRECIS_FAKE_LOG before sleeping $PRECIS_FAKE_DELAY seconds on it,
so a test can send its signal while a known file is being translated. Tests run as root (CI
too), where chmod does not stop writes: a full or read-only disk is simulated by making
`tempfile.mkstemp` / `os.replace` fail for paths under the output folder.
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_checks import fake_translate_command

from precis.cli import app
from precis.corpora import SAMPLE_DIR
from precis.errors import ModelError, PathEscapeError
from precis.io import TEMP_PREFIX, temp_prefix
from precis.jobs import run_folder_job, safe_output_path, sha256_text

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO = TESTS_DIR.parent
ENOSPC = OSError(errno.ENOSPC, "No space left on device")

# One file per town: two sentences each, so a file is being translated for two backend calls.
TOWNS = ("Ajaccio", "Brest", "Caen", "Dijon", "Évreux", "Foix", "Gap", "Hyères", "Istres", "Jarnac")


def article(town: str) -> str:
    return f"Le maire de {town} parle ce soir. L'été sera chaud à {town}.\n"


def translated(town: str) -> str:
    """The fake backend's output, by hand: each sentence becomes EN(sentence)."""
    return f"EN(Le maire de {town} parle ce soir.) EN(L'été sera chaud à {town}.)\n"


def town_tree(root: Path) -> dict[str, str]:
    """Ten articles, the last three in a subfolder; {relpath: town}, in processing order."""
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    rels = {}
    for i, town in enumerate(TOWNS):
        rel = f"f{i}.txt" if i < 7 else f"sub/f{i}.txt"
        (src / rel).write_text(article(town), encoding="utf-8")
        rels[rel] = town
    return rels


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def lines_but_text_note(stderr: str) -> list[str]:
    """stderr lines, less the note that a TEXT argument is taken as text (precis.text.args)."""
    return [line for line in stderr.splitlines() if "treating the argument as text" not in line]


def snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple[bytes, int]]:
    """Every plain file under root (not following links) with its bytes and mtime."""
    found = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink() or (skip is not None and path.is_relative_to(skip)):
                continue
            found[str(path)] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


# --- a real `precis` process, killed or interrupted ------------------------------------------


def precis_process(src: Path, out: Path, log: Path, delay: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), str(REPO)]),
        "PRECIS_FAKE_DELAY": str(delay),
        "PRECIS_FAKE_LOG": str(log),
    }
    cmd = fake_translate_command(src, out)
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_translating(proc: subprocess.Popen, log: Path, town: str) -> None:
    """Return as soon as the backend has received a sentence of `town`'s file."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.exists() and town in log.read_text(encoding="utf-8"):
            return
        if proc.poll() is not None:
            pytest.fail(f"precis ended early ({proc.returncode}): {proc.stderr.read().decode()}")
        time.sleep(0.005)
    proc.kill()
    pytest.fail(f"precis never reached {town}")


def finish(src: Path, out: Path, log: Path) -> subprocess.CompletedProcess:
    proc = precis_process(src, out, log, delay=0.0)
    _, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, None, stderr.decode())


def towns_logged(log: Path) -> list[str]:
    """The towns whose sentences reached the backend, in order: the files it worked on."""
    towns: list[str] = []
    for line in log.read_text(encoding="utf-8").splitlines():
        [town] = [t for t in TOWNS if t in line]
        if town not in towns:
            towns.append(town)
    return towns


@pytest.mark.slow
def test_sigkill_mid_job_then_rerun_completes_without_redoing(
    tmp_path: Path, dead_pid: int
) -> None:
    rels = town_tree(tmp_path)
    order = list(rels)  # the job's order
    src, out = tmp_path / "in", tmp_path / "out"
    log = tmp_path / "sentences-1.log"
    proc = precis_process(src, out, log, delay=0.2)
    wait_until_translating(proc, log, "Caen")  # f0 and f1 done, f2 in the backend
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    done = [r["input"] for r in records(out)]
    k = len(done)  # 2, unless this test was slow to send the signal
    assert done == order[:k] and 2 <= k < len(order)
    for path in out.rglob("*.txt"):  # whatever exists is complete
        rel = path.relative_to(out).as_posix()
        assert rel in order[: k + 1]  # + the file killed between its write and its record
        assert path.read_text(encoding="utf-8") == translated(rels[rel])
    stamps = {rel: (out / rel).stat().st_mtime_ns for rel in done}
    # what a kill at a worse moment leaves: a temp file mid-write, a manifest line mid-append
    (out / "sub").mkdir(exist_ok=True)
    stale = out / "sub" / f"{temp_prefix(dead_pid)}k1ll.part"
    stale.write_text("EN(Le maire d", encoding="utf-8")
    torn = f'{{"input": "{order[k]}", "sha256": "ab'
    with (out / "manifest.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(torn)
    before = (out / "manifest.jsonl").read_bytes()

    log2 = tmp_path / "sentences-2.log"
    rerun = finish(src, out, log2)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{10 - k} translated, {k} skipped (unchanged), 0 failed, of 10 files" in rerun.stderr
    for rel, town in rels.items():  # every output complete and right
        assert (out / rel).read_text(encoding="utf-8") == translated(town)
    assert temp_files(out) == []
    # finished files were not redone: not sent to the backend, not rewritten, not re-recorded
    assert not set(towns_logged(log2)) & {rels[rel] for rel in done}
    assert {rel: (out / rel).stat().st_mtime_ns for rel in done} == stamps
    assert (out / "manifest.jsonl").read_bytes().startswith(before)
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines.count(torn) == 1
    ok = Counter(json.loads(line)["input"] for line in lines if line != torn)
    assert ok == Counter(order)  # one ok record per file


@pytest.mark.slow
def test_ctrl_c_finishes_the_current_file_exits_130_then_rerun_resumes(tmp_path: Path) -> None:
    rels = town_tree(tmp_path)
    order = list(rels)
    src, out = tmp_path / "in", tmp_path / "out"
    log = tmp_path / "sentences.log"
    proc = precis_process(src, out, log, delay=0.2)
    wait_until_translating(proc, log, "Caen")  # Ctrl-C while f2.txt is being translated
    proc.send_signal(signal.SIGINT)
    _, stderr_bytes = proc.communicate(timeout=30)
    stderr = stderr_bytes.decode()
    assert proc.returncode == 130, stderr
    started = towns_logged(log)
    n = len(started)  # 3 (Caen's file was in progress), unless this test was slow
    assert started == list(TOWNS[:n]) and 3 <= n < 10
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2 * n  # each one finished
    assert f"{n} translated, 0 skipped (unchanged), 0 failed, of 10 files" in stderr
    assert "interrupted" in stderr and "re-run to resume" in stderr
    assert "Traceback" not in stderr
    # manifest consistent: each line a record; each ok record's output exists and matches
    ok = [r for r in records(out) if r["status"] == "ok"]
    assert [r["input"] for r in ok] == order[:n]  # the file in progress was finished, no more
    for record in ok:
        [(rel, digest)] = record["outputs"].items()
        assert sha256_text((out / rel).read_text(encoding="utf-8")) == digest
        assert (out / rel).read_text(encoding="utf-8") == translated(rels[rel])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == order[:n]
    assert temp_files(out) == []

    rerun = finish(src, out, tmp_path / "sentences-2.log")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{10 - n} translated, {n} skipped (unchanged)" in rerun.stderr
    for rel, town in rels.items():
        assert (out / rel).read_text(encoding="utf-8") == translated(town)


# --- a full disk, a read-only output folder ---------------------------------------------------


def fail_under(root: Path, after: int = 0) -> Callable[[Path | str], bool]:
    """A predicate: the first `after` calls for paths under root pass, then all fail."""
    seen = [0]
    real_root = root.resolve()

    def should_fail(path: Path | str) -> bool:
        if not Path(path).resolve().is_relative_to(real_root):
            return False
        seen[0] += 1
        return seen[0] > after

    return should_fail


def break_mkstemp(monkeypatch: pytest.MonkeyPatch, root: Path, error: OSError) -> None:
    should_fail = fail_under(root)
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):  # `dir`: tempfile's own argument name
        if dir is not None and should_fail(dir):
            raise error
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def break_replace(monkeypatch: pytest.MonkeyPatch, root: Path, after: int = 0) -> None:
    should_fail = fail_under(root, after)
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if should_fail(dst):
            raise ENOSPC
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def small_tree(root: Path, n: int = 5) -> Path:
    src = root / "in"
    src.mkdir()
    for town in TOWNS[:n]:
        (src / f"{town}.txt").write_text(article(town), encoding="utf-8")
    return src


@pytest.mark.parametrize(
    "error",
    [ENOSPC, OSError(errno.EROFS, "Read-only file system")],
    ids=["disk-full", "read-only"],
)
def test_unwritable_output_folder_fails_at_once_with_one_line(
    tmp_path: Path, runner, fake_backends, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    src = small_tree(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    break_mkstemp(monkeypatch, out, error)
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--backend", "fake"])
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: ") and str(out) in line and error.strerror in line
    assert "free space" in line  # says what to do
    assert list(out.iterdir()) == []  # no output, no temp file, no manifest
    assert fake_backends.FakeBackend.instances[-1].calls == 0  # no translation wasted


def test_disk_full_mid_job_stops_keeps_finished_files_then_resumes(
    tmp_path: Path, runner, fake_backends, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = small_tree(tmp_path)
    out = tmp_path / "out"
    args = ["translate", str(src), "-o", str(out), "--backend", "fake"]
    with monkeypatch.context() as patch:
        break_replace(patch, out, after=2)  # the disk fills up during the third file
        result = runner.invoke(app, args)
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert "Caen.txt" in line and "No space left on device" in line and "re-run" in line
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["Ajaccio.txt", "Brest.txt", "manifest.jsonl"]
    assert (out / "Brest.txt").read_text(encoding="utf-8") == translated("Brest")
    assert [(r["input"], r["status"]) for r in records(out)] == [
        ("Ajaccio.txt", "ok"),
        ("Brest.txt", "ok"),
    ]
    calls = fake_backends.FakeBackend.instances[-1].calls
    assert calls == 3  # stopped at the first failed write, not 5 files translated for nothing
    resumed = runner.invoke(app, args)  # space freed
    assert resumed.exit_code == 0, resumed.stderr
    assert "3 translated, 2 skipped (unchanged), 0 failed" in resumed.stderr
    for town in TOWNS[:5]:
        assert (out / f"{town}.txt").read_text(encoding="utf-8") == translated(town)


@pytest.mark.parametrize("mode", ["file", "lines"])
def test_disk_full_single_output_leaves_no_partial_file(
    tmp_path: Path, runner, fake_backends, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    src = tmp_path / "article.fr.txt"
    src.write_text(article("Gap"), encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "article.en.txt"
    break_replace(monkeypatch, out_dir)
    flags = ["--lines"] if mode == "lines" else []
    result = runner.invoke(
        app, ["translate", str(src), *flags, "-o", str(target), "--backend", "fake"]
    )
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert str(target) in line and "No space left on device" in line
    assert list(out_dir.iterdir()) == []


# --- a backend that fails on some files ------------------------------------------------------


def test_failing_files_are_recorded_the_others_finish_summary_counts(
    tmp_path: Path, runner, fake_backends
) -> None:
    src = small_tree(tmp_path, n=9)
    failing = TOWNS[2:9]  # seven files fail, more than the summary line names
    for town in failing:
        (src / f"{town}.txt").write_text(f"ÉCHEC à {town}.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["translate", str(src), "-o", str(out), "--backend", "fake-failing", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "2 translated, 0 skipped (unchanged), 7 failed, of 9 files" in result.stderr
    [line] = error_lines(result.stderr)
    named = ", ".join(sorted(f"{town}.txt" for town in failing)[:5])  # in processing order
    assert f"7 file(s) failed ({named}, ...); details in {out / 'manifest.jsonl'}" in line
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["failed"] == 7
    for record in records(out):
        town = record["input"].removesuffix(".txt")
        if town in failing:
            assert record["status"] == "failed" and record["outputs"] == {}
            assert f"fake failure on 'ÉCHEC à {town}.'" in record["error"]
            assert not (out / record["input"]).exists()
        else:
            assert record["status"] == "ok"
            assert (out / record["input"]).read_text(encoding="utf-8") == translated(town)


# --- hostile paths ---------------------------------------------------------------------------


def test_symlinks_leading_out_of_the_input_folder_are_refused_and_recorded(
    tmp_path: Path, runner, fake_backends
) -> None:
    outside = tmp_path / "outside"
    (outside / "dossier").mkdir(parents=True)
    (outside / "secret.txt").write_text("Document confidentiel.\n", encoding="utf-8")
    (outside / "dossier" / "note.txt").write_text("Note confidentielle.\n", encoding="utf-8")
    src = small_tree(tmp_path, n=1)
    (src / "sub").mkdir()
    (src / "sub" / "Brest.txt").write_text(article("Brest"), encoding="utf-8")
    (src / "leak.txt").symlink_to(outside / "secret.txt")
    (src / "linked").symlink_to(outside / "dossier", target_is_directory=True)
    (src / "alias").symlink_to(src / "sub", target_is_directory=True)  # inside: not walked
    out = tmp_path / "out"
    before = snapshot(tmp_path)

    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--backend", "fake"])
    assert result.exit_code == 1
    assert "2 file(s) failed (leak.txt, linked/)" in result.stderr
    status = {r["input"]: (r["status"], r["error"]) for r in records(out)}
    assert set(status) == {"Ajaccio.txt", "sub/Brest.txt", "leak.txt", "linked/"}  # no alias/
    for refused in ("leak.txt", "linked/"):
        assert status[refused][0] == "failed"
        assert "outside the input folder; refused" in status[refused][1]
    assert (out / "sub" / "Brest.txt").read_text(encoding="utf-8") == translated("Brest")
    assert not (out / "leak.txt").exists() and not (out / "linked").exists()
    for path in out.rglob("*"):
        assert path.is_dir() or "onfidentiel" not in path.read_text(encoding="utf-8")
    assert snapshot(tmp_path, skip=out) == before  # nothing written (or touched) outside OUT


@pytest.mark.parametrize(
    "rel",
    ["../x.txt", "a/../../x.txt", "sub/../../../x.txt", "/tmp/x.txt", "", "..", "a\\..\\x.txt"],
)
def test_output_path_escaping_the_output_folder_is_refused(tmp_path: Path, rel: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(PathEscapeError, match="refused"):
        safe_output_path(out, rel)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("texte", encoding="utf-8")
    bad = rel
    report = run_folder_job(  # one bad path: nothing at all is written
        src, out, lambda text, name: {"ok.txt": "bien", bad: "mal"}, fingerprint={}
    )
    assert report.failed == 1
    assert "refused" in (report.records[0].error or "")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.jsonl"]  # all checked first


def test_output_path_through_a_symlinked_subfolder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("texte", encoding="utf-8")
    report = run_folder_job(src, out, lambda text, rel: {"sub/a.txt": "texte"}, fingerprint={})
    assert report.failed == 1 and "resolves outside" in (report.records[0].error or "")
    assert list(elsewhere.iterdir()) == []
    assert safe_output_path(out, "a/./b.txt") == out / "a" / "b.txt"  # harmless forms pass


def test_hand_edited_manifest_cannot_make_the_job_read_or_write_outside(
    tmp_path: Path, fake_backends
) -> None:
    from precis.translate import translate_folder

    src = small_tree(tmp_path, n=4)
    out = tmp_path / "out"
    assert translate_folder(src, out, backend="fake").done == 4
    outside = tmp_path / "outside.txt"  # a file whose digest matches the edited records
    outside.write_text(translated("Ajaccio"), encoding="utf-8")
    abs_target = tmp_path / "abs-target.txt"
    abs_target.write_text(translated("Brest"), encoding="utf-8")
    before = snapshot(tmp_path, skip=out)
    edited = []
    for record in records(out):
        rel = record["input"]
        digest = record["outputs"][rel]
        if rel == "Ajaccio.txt":
            record["outputs"] = {"../outside.txt": digest}
        elif rel == "Brest.txt":
            record["outputs"] = {str(abs_target): digest}
        elif rel == "Caen.txt":
            record["outputs"] = [rel]  # not even a mapping
        edited.append(json.dumps(record, ensure_ascii=False))
    junk = ['"une chaîne"', "[1, 2]", "42", '{"input": 3, "status": "ok"}', "null"]
    (out / "manifest.jsonl").write_text("\n".join(edited + junk) + "\n", encoding="utf-8")
    for town in ("Ajaccio", "Brest", "Caen"):
        (out / f"{town}.txt").unlink()

    report = translate_folder(src, out, backend="fake")
    # the edited records are not trusted: those files are redone, inside OUT, and nothing fails
    assert (report.done, report.skipped, report.failed) == (3, 1, 0)
    for town in TOWNS[:4]:
        assert (out / f"{town}.txt").read_text(encoding="utf-8") == translated(town)
    assert snapshot(tmp_path, skip=out) == before  # outside OUT: nothing new, nothing changed


def test_manifest_that_is_a_symlink_is_refused(tmp_path: Path, fake_backends) -> None:
    from precis.translate import translate_folder

    src = small_tree(tmp_path, n=1)
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.jsonl"
    elsewhere.write_text("", encoding="utf-8")
    (out / "manifest.jsonl").symlink_to(elsewhere)
    with pytest.raises(PathEscapeError, match="symlink"):
        translate_folder(src, out, backend="fake")
    assert elsewhere.read_text(encoding="utf-8") == ""


def test_output_folder_inside_the_input_folder_is_never_an_input(
    tmp_path: Path, runner, fake_backends, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = small_tree(tmp_path, n=3)
    out = src / "out"
    first = runner.invoke(app, ["translate", str(src), "-o", str(out), "--backend", "fake"])
    assert first.exit_code == 0, first.stderr
    assert "3 translated, 0 skipped (unchanged), 0 failed, of 3 files" in first.stderr
    (src / "lien.txt").symlink_to(out / "Ajaccio.txt")  # a link into our own outputs
    monkeypatch.chdir(src)  # the same folders, spelt differently
    second = runner.invoke(app, ["translate", ".", "-o", "./out/", "--backend", "fake"])
    assert second.exit_code == 1
    assert "0 translated, 3 skipped (unchanged), 1 failed, of 4 files" in second.stderr
    lien = [r for r in records(out) if r["input"] == "lien.txt"]
    assert "inside the output folder; refused" in lien[0]["error"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "Ajaccio.txt",
        "Brest.txt",
        "Caen.txt",
        "manifest.jsonl",
    ]


def test_input_folder_inside_the_output_folder_never_gets_an_output(
    tmp_path: Path, fake_backends
) -> None:
    from precis.translate import translate_folder

    out = tmp_path / "out"
    src = out / "articles"
    (src / "articles").mkdir(parents=True)
    (src / "Brest.txt").write_text(article("Brest"), encoding="utf-8")
    # SRC lies in OUT: the mirror of the input articles/Brest.txt, OUT/articles/Brest.txt, is
    # the input Brest.txt (overwritten with Caen's translation, then translated again, before)
    (src / "articles" / "Brest.txt").write_text(article("Caen"), encoding="utf-8")
    inputs = snapshot(src)
    for _ in range(2):  # a second run neither
        report = translate_folder(src, out, backend="fake")
        assert (report.done + report.skipped, report.failed) == (1, 1)
        [bad] = [r for r in report.records if r.status == "failed"]
        assert bad.input == "articles/Brest.txt" and "lands in the input folder" in bad.error
        assert snapshot(src) == inputs  # no input overwritten, no output among the inputs
    assert (out / "Brest.txt").read_text(encoding="utf-8") == translated("Brest")


# --- translation bad inputs ------------------------------------------------------------------


def french_words(n: int, seed: int = 8) -> list[str]:
    """n words of a sample French article, shuffled: no punctuation at all."""
    text = (SAMPLE_DIR / "nato-rutte" / "article.fr.txt").read_text(encoding="utf-8")
    vocabulary = re.findall(r"[^\W\d_]+", text)
    rng = random.Random(seed)
    return [rng.choice(vocabulary) for _ in range(n)]


def test_2000_word_sentence_without_punctuation_is_translated_in_pieces(fake_backends) -> None:
    from precis.translate import get_translator

    sentence = " ".join(french_words(2000))
    translator = get_translator("fake", max_tokens=16)  # 15 words + the end token per piece
    out = translator.translate_document(sentence)
    sent = translator.backend.sentences_seen
    assert all(len(piece.split()) + 1 <= 16 for piece in sent)  # within the input limit
    pieces = out.removeprefix("EN(").removesuffix(")").split(") EN(")
    assert len(pieces) >= 2000 // 15 and set(pieces) == set(sent)
    assert " ".join(pieces) == sentence  # every word, in order: nothing truncated or dropped


def test_2000_word_sentence_through_the_tiny_marian_model(
    tiny_marian: Path, tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from precis.translate.hf import TransformersBackend
    from precis.translate.translator import Translator

    sentence = " ".join(french_words(2000))
    src = tmp_path / "long.fr.txt"
    src.write_text(sentence + "\n", encoding="utf-8")
    target = tmp_path / "long.en.txt"
    calls: list[tuple[TransformersBackend, list[str]]] = []
    real = TransformersBackend.translate_batch

    def spy(self: TransformersBackend, sentences: list[str]) -> list[str]:
        calls.append((self, list(sentences)))
        return real(self, sentences)

    monkeypatch.setattr(TransformersBackend, "translate_batch", spy)
    args = ["translate", str(src), "-o", str(target), "-b", "transformers", "-m", str(tiny_marian)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "backend: transformers" in result.stderr
    backend = calls[0][0]
    limit = backend.max_input_tokens
    assert limit == 64 and backend.count_tokens([sentence])[0] > 20 * limit
    sent = [piece for _, batch in calls for piece in batch]
    assert max(backend.count_tokens(sent)) <= limit  # no piece over the model's input limit
    plan = Translator(backend).segment(sentence)
    assert " ".join(plan.pieces) == sentence  # the pieces cover every word
    assert set(sent) == set(plan.pieces)  # and every piece reached the model
    output = target.read_text(encoding="utf-8")
    assert output.endswith("\n") and output.count("\n") == 1 and output.strip()


def test_lines_of_100k_characters_keep_one_output_line_each(
    tmp_path: Path, runner, fake_backends
) -> None:
    many = ("Le chat dort. " * 7200).strip()  # 7,200 sentences on one line
    words = ("mot " * 25_000).strip()  # no punctuation
    blob = "é" * 100_000  # a single 100k-character token
    lines = [many, "", words, blob]
    assert all(len(line) >= 99_999 for line in lines if line)
    src = tmp_path / "long.fra"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "long.eng"
    args = ["translate", "--lines", str(src), "-o", str(target), "--backend", "fake"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    got = target.read_text(encoding="utf-8").split("\n")
    assert got[-1] == "" and len(got) == 5  # four lines, each ended by a newline
    assert got[0] == " ".join(["EN(Le chat dort.)"] * 7200)
    assert got[1] == ""  # the empty line stays empty
    assert got[2] == f"EN({words})" and got[3] == f"EN({blob})"


def test_lines_file_with_bom_and_crlf(tmp_path: Path, runner, fake_backends) -> None:
    src = tmp_path / "test.fra"
    src.write_bytes("\ufeffBonjour.\r\n\r\nIl pleut à Brest.\r\n".encode())
    result = runner.invoke(app, ["translate", "--lines", str(src), "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "EN(Bonjour.)\n\nEN(Il pleut à Brest.)\n"  # no BOM, no CR, 3 lines


def test_unknown_backend_lists_the_valid_ones_before_touching_the_output(
    tmp_path: Path, runner
) -> None:
    src = small_tree(tmp_path, n=1)
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--backend", "deepl"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "unknown backend 'deepl'" in line
    assert "valid backends: apertium, ctranslate2, transformers" in line
    assert not out.exists()


def bert_folder(root: Path, tiny_marian: Path) -> Path:
    """A folder with a tokenizer but an encoder-only (BERT) config: not a translation model."""
    folder = root / "bert"
    folder.mkdir()
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        shutil.copy(tiny_marian / name, folder / name)
    config = {"model_type": "bert", "vocab_size": 400, "hidden_size": 32}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def weights_only_folder(root: Path, tiny_marian: Path) -> Path:
    """A Marian config and weights, but no tokenizer files."""
    folder = root / "no-tokenizer"
    folder.mkdir()
    for name in ("config.json", "model.safetensors"):
        shutil.copy(tiny_marian / name, folder / name)
    return folder


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda root, m: root / "no" / "such" / "model", "no such model folder"),
        (lambda root, m: Path("modeles/opus"), "nor is there a folder modeles/opus here"),
        (lambda root, m: m / "config.json", "is a file; --model takes a model folder"),
        (lambda root, m: (root / "empty").mkdir() or root / "empty", "no config.json"),
        (bert_folder, "not a seq2seq (encoder-decoder) translation model"),
        (weights_only_folder, "cannot load as a seq2seq model (TypeError"),
    ],
    ids=["missing", "missing-relative", "a-file", "empty-folder", "bert", "no-tokenizer"],
)
def test_bad_model_path_is_one_clear_line(
    tmp_path: Path, runner, tiny_marian: Path, make, expected: str
) -> None:
    model = make(tmp_path, tiny_marian)
    result = runner.invoke(app, ["translate", "Bonjour.", "-b", "transformers", "-m", str(model)])
    assert result.exit_code == 1
    [line] = lines_but_text_note(result.stderr)
    assert line.startswith("error: ") and expected in line and str(model) in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_model_folder_given_as_a_relative_path(
    tiny_marian: Path, runner, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    monkeypatch.chdir(tiny_marian.parent)
    args = ["translate", "Il pleut.", "-b", backend, "-m", tiny_marian.name, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr  # ctranslate2 failed: tokenizer files not found
    data = json.loads(result.stdout)
    assert data["info"]["name"] == backend and len(data["texts"]) == 1 and data["texts"][0]


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_offline_uncached_model_names_it_and_the_offline_alternative(
    tmp_path: Path, runner, backend: str
) -> None:
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    src = small_tree(tmp_path, n=1)
    out = tmp_path / "out"
    args = [
        "translate",
        str(src),
        "-o",
        str(out),
        "-b",
        backend,
        "-m",
        "Helsinki-NLP/opus-mt-fr-en",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    [line] = lines_but_text_note(result.stderr)
    assert "'Helsinki-NLP/opus-mt-fr-en' is not in the local Hugging Face cache" in line
    assert "HF_HUB_OFFLINE is set" in line and "--backend apertium" in line
    assert not out.exists()
    from precis.translate import get_translator

    with pytest.raises(ModelError, match="not in the local"):
        get_translator(backend, "Helsinki-NLP/opus-mt-fr-en")
