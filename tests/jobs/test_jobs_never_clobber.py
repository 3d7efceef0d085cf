"""Issue 11: one folder-job engine for every command; outputs that never clobber.

Each test is one problem of the issue, seen on the code before the engine was shared: it
failed there and passes now.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from precis.cli import app
from precis.corpora import SAMPLE_DIR
from precis.errors import ClobberError, JobLockedError
from precis.io import temp_prefix
from precis.jobs import run_folder_job
from precis.jobs.lock import LOCK_NAME, OutputLock

SEED = SAMPLE_DIR / "nato-rutte" / "article.fr.txt"
ARTICLE = (
    "Le conseil municipal de Rennes a voté lundi la gratuité des transports pour les moins de "
    "26 ans. La mesure coûtera 4 millions d'euros par an.\n\nLes élus d'opposition ont dénoncé "
    "un cadeau électoral, à un an des élections municipales."
)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


# -- summarize DIR: the shared engine (it had its own loop) --------------------------------------


def test_summarize_folder_redoes_a_changed_source_and_keeps_a_manifest(runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "1"])
    assert first.exit_code == 0, first.stderr
    assert (out / "manifest.jsonl").is_file() and records(out)[0]["status"] == "ok"
    (src / "a.txt").write_text("Brest a voté mardi la fin des travaux.", encoding="utf-8")
    again = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "1"])
    assert again.exit_code == 0 and "1 summarized, 0 skipped" in again.stderr
    assert "Brest" in (out / "a.summary.txt").read_text(encoding="utf-8")  # not the stale one


def test_summarize_folder_refuses_a_symlink_out_of_the_tree(runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Mot de passe : hirondelle. Ne pas diffuser.", encoding="utf-8")
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "passwd.txt").symlink_to(secret)
    result = runner.invoke(app, ["summarize", str(src), "-o", str(out)])
    assert result.exit_code == 1 and "passwd.txt" in result.stderr
    assert not (out / "passwd.summary.txt").exists()
    assert all("hirondelle" not in p.read_text() for p in out.rglob("*") if p.is_file())


# -- run DIR: collisions, references in the fingerprint, files left out -------------------------


def test_run_folder_refuses_two_inputs_writing_one_output_before_running(runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "rennes.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "rennes.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", str(out), "--backend", "apertium"])
    assert result.exit_code == 1
    assert "rennes.md and rennes.txt would both write" in result.stderr
    assert not out.exists()  # refused before anything ran (or was created)


@pytest.mark.apertium
def test_run_folder_redoes_an_article_whose_reference_changed(runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "doc").mkdir(parents=True)
    (src / "doc" / "article.fr.txt").write_text(ARTICLE, encoding="utf-8")
    ref = src / "doc" / "summary.fr.txt"
    ref.write_text("Rennes rend les transports gratuits pour les jeunes.", encoding="utf-8")
    (src / "doc" / "notes.txt").write_text("à relire", encoding="utf-8")
    argv = ["run", str(src), "-o", str(out), "--backend", "apertium", "--sentences", "1"]
    first = runner.invoke(app, argv)
    assert first.exit_code == 0, first.stderr
    assert "1 file(s) not taken by the globs (article.fr.txt): doc/notes.txt" in first.stderr
    assert "0 done, 1 skipped" in runner.invoke(app, argv).stderr
    ref.write_text("Rennes : gratuité des bus et du métro pour les moins de 26 ans.")
    third = runner.invoke(app, argv)
    assert "1 done, 0 skipped" in third.stderr  # the stored scores were stale
    report = json.loads((out / "doc" / "report.json").read_text(encoding="utf-8"))
    assert report["references"]["summary_fr"].endswith("summary.fr.txt")
    assert records(out)[-1]["reads"].keys() == {"doc/summary.fr.txt"}


def test_every_folder_command_takes_html_and_counts_what_it_left_out(tmp_path: Path) -> None:
    from precis.translate import translate_folder
    from precis.workflows.run_folder import _article_globs

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "page.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (src / "data.csv").write_text("x,y\n", encoding="utf-8")
    assert "*.html" in _article_globs(src)
    import fake_backends

    fake_backends.register()
    try:
        report = translate_folder(src, tmp_path / "out", backend="fake")
    finally:
        fake_backends.unregister()
    assert [r.input for r in report.records] == ["a.txt", "page.html"]
    assert report.left_out == ("data.csv",) and report.formats == {"html": 1, "text": 1}


# -- single-file -o ------------------------------------------------------------------------------


def test_translate_output_over_its_own_input_is_refused(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same = tmp_path / "same.txt"
    same.write_text("Le maire a démissionné.", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(same), "-o", str(same), "-b", "apertium"])
    assert result.exit_code == 1 and "would overwrite the input" in result.stderr
    assert same.read_text(encoding="utf-8") == "Le maire a démissionné."


def test_run_into_the_articles_own_folder_keeps_its_references(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "doc"
    folder.mkdir()
    article = folder / "article.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ref = folder / "summary.fr.txt"
    ref.write_text("Résumé écrit à la main.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "-o", str(folder), "--backend", "apertium"])
    assert result.exit_code == 1 and "summary.fr.txt" in result.stderr
    assert ref.read_text(encoding="utf-8") == "Résumé écrit à la main."


def test_dedup_output_over_its_input_is_refused(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same = tmp_path / "a.txt"
    same.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["dedup", str(same), "-o", str(same)])
    assert result.exit_code == 1 and "would overwrite the input" in result.stderr


# -- edited outputs, orphans, empty files ------------------------------------------------------


def test_edited_output_is_kept_and_reported_and_force_overwrites(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["dedup", str(src), "-o", str(out)]
    assert runner.invoke(app, argv).exit_code == 0
    (out / "a.txt").write_text("Corrigé à la main.", encoding="utf-8")
    (src / "a.txt").write_text(ARTICLE + "\n\nUn paragraphe de plus, nouveau.", encoding="utf-8")
    again = runner.invoke(app, argv)
    assert again.exit_code == 0 and "left alone: a.txt; --force overwrites" in again.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == "Corrigé à la main."
    forced = runner.invoke(app, [*argv, "--force"])
    assert forced.exit_code == 0 and "nouveau" in (out / "a.txt").read_text(encoding="utf-8")


def test_outputs_of_deleted_sources_are_listed_never_deleted(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("Rennes", "Nantes"), encoding="utf-8")
    argv = ["summarize", str(src), "-o", str(out)]
    assert runner.invoke(app, argv).exit_code == 0
    (src / "b.txt").unlink()
    again = runner.invoke(app, argv)
    assert "1 output(s) whose source is gone (kept): b.summary.txt" in again.stderr
    assert (out / "b.summary.txt").exists()


def test_an_empty_file_fails_in_a_folder_as_it_does_alone(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "vide.txt").write_bytes(b"")
    alone = runner.invoke(app, ["summarize", str(src / "vide.txt")])
    assert alone.exit_code == 1 and "is empty" in alone.stderr
    folder = runner.invoke(app, ["summarize", str(src), "-o", str(out)])
    assert folder.exit_code == 1 and "1 failed" in folder.stderr
    failed = [r for r in records(out) if r["status"] == "failed"]
    assert [r["input"] for r in failed] == ["vide.txt"] and "is empty" in failed[0]["error"]


# -- two jobs on one output folder ---------------------------------------------------------------


def test_a_second_job_on_the_same_output_stops_naming_the_first(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (out / LOCK_NAME).write_text(json.dumps({"pid": holder.pid}), encoding="utf-8")
        with pytest.raises(JobLockedError, match=f"PID {holder.pid}"):
            run_folder_job(src, out, lambda text, rel: {rel: text}, fingerprint={})
        assert not (out / "a.txt").exists() and not (out / "manifest.jsonl").exists()
    finally:
        holder.kill()
        holder.wait()
    report = run_folder_job(src, out, lambda text, rel: {rel: text}, fingerprint={})
    assert report.done == 1  # a lock whose holder is gone is taken over
    assert not (out / LOCK_NAME).exists()  # released at the end


def test_a_live_jobs_temp_files_survive_a_starting_job(tmp_path: Path, dead_pid: int) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = out / f"{temp_prefix(live.pid)}x.part"
        stale = out / f"{temp_prefix(dead_pid)}y.part"
        theirs.write_text("en cours d'écriture", encoding="utf-8")
        stale.write_text("abandonné", encoding="utf-8")
        run_folder_job(src, out, lambda text, rel: {rel: text}, fingerprint={})
        assert theirs.exists() and not stale.exists()
    finally:
        live.kill()
        live.wait()


def test_an_unplanned_collision_fails_the_second_file_and_frees_the_lock(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE, encoding="utf-8")

    def collide(text: str, rel: str) -> dict[str, str]:
        return {"a.txt": f"{rel}: {text}"}

    first = run_folder_job(src, out, collide, fingerprint={})
    assert first.done == 1 and first.failed_files == ["b.txt"]
    assert "is the output of a.txt" in (first.records[1].error or "")
    assert (out / "a.txt").read_text(encoding="utf-8").startswith("a.txt: ")
    with OutputLock(out):  # free again
        assert (out / LOCK_NAME).exists()
    assert not (out / LOCK_NAME).exists()


def test_check_plan_names_both_paths(tmp_path: Path) -> None:
    from precis.jobs import check_plan

    src = tmp_path / "src"
    src.mkdir()
    ref = src / "summary.fr.txt"
    ref.write_text("réf", encoding="utf-8")
    with pytest.raises(ClobberError, match="would overwrite the file"):
        check_plan(src, {"article.fr.txt": ["summary.fr.txt"]}, [src / "article.fr.txt"], [ref])
    assert os.path.exists(ref)


def test_outputs_written_just_before_a_kill_are_not_taken_for_edits(runner, tmp_path: Path):  # type: ignore[no-untyped-def]
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["summarize", str(src), "-o", str(out), "--sentences", "1"]
    assert runner.invoke(app, argv).exit_code == 0
    (out / "manifest.jsonl").unlink()  # a kill between the atomic write and the record
    again = runner.invoke(app, argv)
    assert again.exit_code == 0 and "1 summarized" in again.stderr
    assert "left alone" not in again.stderr
    (out / "manifest.jsonl").unlink()
    (out / "a.summary.txt").write_text("Un résumé écrit à la main.", encoding="utf-8")
    third = runner.invoke(app, argv)  # a file precis has no record of, with other text: kept
    assert "left alone: a.txt" in third.stderr
    assert (out / "a.summary.txt").read_text(encoding="utf-8") == "Un résumé écrit à la main."
