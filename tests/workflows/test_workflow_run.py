"""`precis run`: the main job on one article and on a folder (issue 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from precis import corpora
from precis.cli import app
from precis.translate import BACKENDS
from precis.workflows.run import References, find_references, run

SEED = corpora.SAMPLE_DIR / "nato-rutte" / "article.fr.txt"
APERTIUM_OK, APERTIUM_WHY = BACKENDS.get("apertium").available()


def test_run_library_on_the_seed_with_a_fake_backend(fake_backends: object) -> None:
    refs = find_references(SEED)
    report = run(SEED.read_text(encoding="utf-8"), backend="fake", references=refs)
    rules = {r.rule for r in report.dedup.removed}
    assert {"boilerplate:date-prefix", "boilerplate:lire-aussi", "restatement"} <= rules
    assert "Avec un mandat d'au moins quatre ans devant lui," not in report.summary_fr
    assert report.summary_en.startswith("EN(")
    assert report.translation.name == "fake"
    assert set(report.scores) == {"summary_fr", "summary_en"}
    assert report.missing_references == ()
    for items in report.scores.values():
        for item in items:  # the library's Score dataclasses, not dicts
            assert item.signature.endswith("precis:0.1.0") and 0 <= item.value <= 100
    data = report.to_dict()  # JSON only at the edge
    assert data["translation"]["name"] == "fake" and data["dedup"]["removed"]


def test_missing_references_are_reported_not_fatal(fake_backends: object) -> None:
    report = run("Le maire a parlé. Il pleut à Lyon.", backend="fake", references=References())
    assert report.scores == {}
    assert report.missing_references == ("summary_fr", "summary_en")


def _score_cli(runner: CliRunner, hyp: Path, ref: Path, metrics: str, lang: str) -> dict:
    result = runner.invoke(
        app,
        ["score", "--hyp", str(hyp), "--ref", str(ref), "-m", metrics, "--lang", lang, "--json"],
    )
    assert result.exit_code == 0, result.stderr
    return {s["name"]: s["value"] for s in json.loads(result.stdout)["scores"]}


@pytest.mark.skipif(not APERTIUM_OK, reason=f"apertium not usable here: {APERTIUM_WHY}")
def test_run_on_the_sample_with_the_offline_default_matches_precis_score(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    for name in ("summary.fr.txt", "summary.en.txt", "report.json", "report.md"):
        assert (out / name).read_text(encoding="utf-8").strip(), name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["translation"]["name"] == "apertium"
    assert "apertium" in result.stderr
    # the report's scores are those `precis score` gives on the same texts
    ref_dir = SEED.parent
    ref_fr = tmp_path / "ref.fr.txt"
    ref_fr.write_text(" ".join((ref_dir / "summary.fr.txt").read_text().split()) + "\n")
    ref_en = tmp_path / "ref.en.txt"
    ref_en.write_text(" ".join((ref_dir / "summary.en.txt").read_text().split()) + "\n")
    fr = _score_cli(runner, out / "summary.fr.txt", ref_fr, "rouge", "fr")
    en = _score_cli(runner, out / "summary.en.txt", ref_en, "bleu,chrf,rouge", "en")
    assert {s["name"]: s["value"] for s in report["scores"]["summary_fr"]} == fr
    assert {s["name"]: s["value"] for s in report["scores"]["summary_en"]} == en
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "restatement" in markdown and "rouge|tok:precis-unicode-fr" in markdown


def test_run_prints_texts_and_scores_on_stdout(runner: CliRunner, fake_backends: object) -> None:
    result = runner.invoke(app, ["run", str(SEED), "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert "EN(" in result.stdout and "ROUGE-1" in result.stdout
    assert "removed" in result.stderr and "fake" in result.stderr


def test_run_json_full(runner: CliRunner, fake_backends: object) -> None:
    result = runner.invoke(app, ["run", str(SEED), "--backend", "fake", "--full", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["article_en"].count("EN(") >= 4
    assert {s["name"] for s in report["scores"]["article_en"]} == {"BLEU", "chrF2", "TER"}


def test_run_folder_resumes_and_skips_done_articles(
    runner: CliRunner, fake_backends: object, tmp_path: Path
) -> None:
    src = tmp_path / "corpus"
    shutil.copytree(corpora.SAMPLE_DIR, src)
    (src / "nato-rutte" / "summary.en.txt").unlink()  # a missing reference: reported, not fatal
    out = tmp_path / "out"
    first = runner.invoke(app, ["run", str(src), "-o", str(out), "--backend", "fake"])
    assert first.exit_code == 0, first.stderr
    docs = corpora.document_folders(src)
    for doc in docs:
        rel = doc.relative_to(src)
        for name in ("summary.fr.txt", "summary.en.txt", "report.json", "report.md"):
            assert (out / rel / name).exists(), f"{rel}/{name}"
    nato = json.loads((out / "nato-rutte" / "report.json").read_text(encoding="utf-8"))
    assert nato["missing_references"] == ["summary_en"]
    calls = len(fake_backends.FakeBackend.instances)  # type: ignore[attr-defined]
    second = runner.invoke(app, ["run", str(src), "-o", str(out), "--backend", "fake", "--json"])
    assert second.exit_code == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["skipped"] == len(docs) and report["done"] == 0
    # changing one article redoes only that one
    article = src / "plan-canicule-montfleury" / "article.fr.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nUn paragraphe ajouté.\n")
    third = runner.invoke(app, ["run", str(src), "-o", str(out), "--backend", "fake", "--json"])
    report = json.loads(third.stdout)
    assert (report["done"], report["skipped"]) == (1, len(docs) - 1)
    assert len(fake_backends.FakeBackend.instances) >= calls  # type: ignore[attr-defined]


def test_run_folder_needs_an_output(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(corpora.SAMPLE_DIR)])
    assert result.exit_code != 0
    assert "-o" in result.stderr
