"""The folder job (precis.jobs) and translate_folder: mirror, skip, redo, isolate, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_checks import fake_translate_command

from precis.errors import OutputError
from precis.io import TEMP_PREFIX, temp_prefix
from precis.jobs import DocResult, Manifest, run_folder_job
from precis.translate import translate_folder

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO = TESTS_DIR.parent


def make_tree(root: Path) -> Path:
    src = root / "in"
    (src / "sub" / "deep").mkdir(parents=True)
    (src / "a.txt").write_text("Le chat dort.\n\nLe chien aboie.\n", encoding="utf-8")
    (src / "b.md").write_text("# Titre\n\nUn paragraphe. Deux phrases.\n", encoding="utf-8")
    (src / "sub" / "c.txt").write_text("Été caniculaire à Montpellier.\n", encoding="utf-8")
    (src / "sub" / "deep" / "d.txt").write_text("Grève à la SNCF.\n", encoding="utf-8")
    (src / "notes.csv").write_text("x,y\n", encoding="utf-8")
    return src


def upper(text: str, rel: str) -> dict[str, str]:
    return {rel: text.upper()}


def manifest_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def test_mirror_tree_and_manifest(tmp_path: Path, fake_backends) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    report = translate_folder(src, out, backend="fake")
    assert report.ok and (report.total, report.done, report.failed) == (4, 4, 0)
    assert (out / "a.txt").read_text() == "EN(Le chat dort.)\n\nEN(Le chien aboie.)\n"
    assert (out / "sub" / "deep" / "d.txt").read_text() == "EN(Grève à la SNCF.)\n"
    assert not (out / "notes.csv").exists()
    records = manifest_lines(out)
    assert sorted(r["input"] for r in records) == ["a.txt", "b.md", "sub/c.txt", "sub/deep/d.txt"]
    first = records[0]
    assert first["status"] == "ok" and first["error"] is None
    assert first["fingerprint"]["name"] == "fake"
    assert first["meta"]["backend"] == "fake"
    assert len(first["sha256"]) == 64 and first["seconds"] >= 0
    assert report.units == 7  # sentences: 2 + 3 + 1 + 1


def test_glob_patterns(tmp_path: Path, fake_backends) -> None:
    src = make_tree(tmp_path)
    report = translate_folder(src, tmp_path / "out", backend="fake", globs=("sub/*.txt",))
    assert [r.input for r in report.records] == ["sub/c.txt"]


def test_rerun_skips_then_redoes_changed_and_forced(tmp_path: Path, fake_backends) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    translate_folder(src, out, backend="fake")
    again = translate_folder(src, out, backend="fake")
    assert (again.done, again.skipped) == (0, 4)
    assert fake_backends.FakeBackend.instances[-1].calls == 0
    (src / "b.md").write_text("# Nouveau titre\n", encoding="utf-8")
    (out / "sub" / "c.txt").write_text("edited by hand\n")  # an output that no longer matches
    third = translate_folder(src, out, backend="fake")
    assert [r.input for r in third.records if r.status == "ok"] == ["b.md"]
    assert (out / "b.md").read_text() == "# EN(Nouveau titre)\n"  # the heading mark kept (issue 13)
    # a hand-edited output is left alone and reported, not overwritten
    assert third.kept_files == ["sub/c.txt"] and third.ok
    assert (out / "sub" / "c.txt").read_text() == "edited by hand\n"
    changed_options = translate_folder(src, out, backend="fake", beams=4)
    assert changed_options.done == 3 and changed_options.kept == 1  # another fingerprint
    assert (out / "sub" / "c.txt").read_text() == "edited by hand\n"
    forced = translate_folder(src, out, backend="fake", beams=4, force=True)
    assert (forced.done, forced.skipped) == (4, 0)
    assert (out / "sub" / "c.txt").read_text() == "EN(Été caniculaire à Montpellier.)\n"


def test_failure_isolated_recorded_and_retried(tmp_path: Path, fake_backends) -> None:
    src = make_tree(tmp_path)
    (src / "sub" / "c.txt").write_text("Une phrase ÉCHEC ici.\n", encoding="utf-8")
    out = tmp_path / "out"
    report = translate_folder(src, out, backend="fake-failing")
    assert (report.done, report.failed) == (3, 1) and not report.ok
    assert report.failed_files == ["sub/c.txt"]
    bad = [r for r in manifest_lines(out) if r["status"] == "failed"]
    assert bad[0]["input"] == "sub/c.txt" and "fake failure" in bad[0]["error"]
    assert not (out / "sub" / "c.txt").exists()
    retry = translate_folder(src, out, backend="fake-failing")
    assert (retry.skipped, retry.failed) == (3, 1)
    (src / "sub" / "c.txt").write_text("Une phrase réparée.\n", encoding="utf-8")
    fixed = translate_folder(src, out, backend="fake-failing")
    assert (fixed.done, fixed.skipped, fixed.failed) == (1, 3, 0)


def test_resume_after_a_run_killed_mid_way(tmp_path: Path, fake_backends) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    # the 2nd backend call raises KeyboardInterrupt: the job dies during the 2nd file
    report = translate_folder(src, out, backend="fake-failing", interrupt_after=2)
    assert report.interrupted and report.done == 1
    assert (out / "a.txt").exists() and not (out / "b.md").exists()
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))
    assert [r["input"] for r in manifest_lines(out)] == ["a.txt"]
    resumed = translate_folder(src, out, backend="fake-failing", interrupt_after=0)
    assert (resumed.skipped, resumed.done) == (1, 3) and resumed.ok


def test_stale_temp_files_and_torn_manifest_line(tmp_path: Path, dead_pid: int) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    run_folder_job(src, out, upper, fingerprint={"f": 1})
    stale = out / "sub" / f"{temp_prefix(dead_pid)}abc.part"
    stale.write_text("half a transl")
    with (out / "manifest.jsonl").open("a") as fh:
        fh.write('{"input": "a.txt", "sta')  # a kill in the middle of a record
    report = run_folder_job(src, out, upper, fingerprint={"f": 1})
    assert report.skipped == 4 and not stale.exists()
    (src / "a.txt").write_text("changé\n", encoding="utf-8")
    report = run_folder_job(src, out, upper, fingerprint={"f": 1})
    assert report.done == 1
    assert Manifest(out / "manifest.jsonl").load()["a.txt"].status == "ok"


def test_ctrl_c_finishes_the_current_file_then_stops(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"

    def interrupting(text: str, rel: str) -> dict[str, str]:
        if rel == "b.md":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while this file is being processed
            time.sleep(0.05)
        return {rel: text.upper()}

    report = run_folder_job(src, out, interrupting, fingerprint={})
    assert report.interrupted
    assert [r.input for r in report.records] == ["a.txt", "b.md"]  # b.md was finished
    assert (out / "b.md").read_text() == "# TITRE\n\nUN PARAGRAPHE. DEUX PHRASES.\n"


def test_symlink_outside_refused_and_outputs_cannot_escape(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("confidentiel\n")
    (src / "leak.txt").symlink_to(secret)
    (src / "inside.txt").symlink_to(src / "a.txt")  # a link inside the folder is fine
    out = tmp_path / "out"

    def escaping(text: str, rel: str) -> dict[str, str]:
        if rel == "b.md":
            return {"../escaped.txt": text}
        if rel == "sub/c.txt":
            return {"/tmp/absolute.txt": text}
        return {rel: text}

    report = run_folder_job(src, out, escaping, fingerprint={})
    status = {r.input: (r.status, r.error) for r in report.records}
    assert status["leak.txt"][0] == "failed" and "outside the input folder" in status["leak.txt"][1]
    assert status["inside.txt"][0] == "ok"
    assert status["b.md"][0] == "failed" and "refused" in status["b.md"][1]
    assert status["sub/c.txt"][0] == "failed"
    assert not (tmp_path / "escaped.txt").exists() and not (out / "leak.txt").exists()


def test_output_inside_input_is_not_walked(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = src / "translated"
    first = run_folder_job(src, out, upper, fingerprint={})
    second = run_folder_job(src, out, upper, fingerprint={})
    assert first.total == second.total == 4
    assert not (out / "translated").exists()
    with pytest.raises(OutputError, match="must differ"):
        run_folder_job(src, src, upper, fingerprint={})


def test_generic_job_several_outputs_and_units(tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    events = []

    def two_outputs(text: str, rel: str) -> DocResult:
        stem = rel.rsplit(".", 1)[0]
        return DocResult({f"{stem}/summary.txt": text[:5], f"{stem}/report.json": "{}"}, units=2)

    report = run_folder_job(src, out, two_outputs, fingerprint={"m": "x"}, progress=events.append)
    assert report.units == 8 and (out / "sub" / "c" / "summary.txt").read_text() == "Été c"
    assert events[-1].files_done == 4 and events[-1].fingerprint == {"m": "x"}
    rec = Manifest(out / "manifest.jsonl").load()["a.txt"]
    assert set(rec.outputs) == {"a/summary.txt", "a/report.json"}


def test_cli_folder_exit_code_and_summary(tmp_path: Path, fake_backends, runner) -> None:
    from precis.cli import app

    src = make_tree(tmp_path)
    (src / "b.md").write_text("ÉCHEC total.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "-b", "fake-failing"])
    assert result.exit_code == 1
    assert "1 file(s) failed (b.md)" in result.stderr
    assert "manifest.jsonl" in result.stderr
    assert (out / "a.txt").exists()
    ok = runner.invoke(app, ["translate", str(src), "-o", str(out), "-b", "fake", "--json"])
    assert ok.exit_code == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["ok"] is True and data["total"] == 4


@pytest.mark.slow
def test_sigkill_then_rerun_loses_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"f{i}.txt").write_text(f"Phrase un {i}. Phrase deux {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), str(REPO)])}
    cmd = fake_translate_command(src, out)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = out / "manifest.jsonl"
    deadline = time.time() + 30
    while time.time() < deadline:
        if manifest.exists() and manifest.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = manifest.read_text().count("\n")
    assert 2 <= done_before < 6
    for path in out.glob("f*.txt"):  # whatever exists is complete
        i = path.stem[1:]
        assert path.read_text() == f"EN(Phrase un {i}.) EN(Phrase deux {i}.)\n"
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{done_before} skipped" in rerun.stderr
    assert len(list(out.glob("f*.txt"))) == 6
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))


def test_document_function_pickles_without_its_model(tmp_path: Path, fake_backends) -> None:
    import pickle

    from precis.translate import DocumentTranslator

    doc = DocumentTranslator("fake", options={"beams": 2})
    assert doc("Bonjour.\n", "a.txt").outputs == {"a.txt": "EN(Bonjour.)\n"}
    clone = pickle.loads(pickle.dumps(doc))  # what a Ray actor receives
    assert clone._translator is None
    result = clone("Il pleut. Il vente.", "b.txt")
    assert result.outputs == {"b.txt": "EN(Il pleut.) EN(Il vente.)"} and result.units == 2
    assert clone.fingerprint() == doc.fingerprint()
