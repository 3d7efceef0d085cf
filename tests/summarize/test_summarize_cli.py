"""`precis dedup` and `precis summarize` through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from precis.cli import app
from precis.corpora import SAMPLE_DIR

SEED = str(SAMPLE_DIR / "nato-rutte" / "article.fr.txt")
CUT = "Avec un mandat d'au moins quatre ans devant lui,"


def test_dedup_prints_the_cleaned_article_and_a_summary_line(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["dedup", SEED])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Après une période de dix ans")
    assert "Lire aussi" not in result.stdout and "a maintenant pris" not in result.stdout
    assert "kept 5 of 7 paragraphs" in result.stderr
    assert "1 restatement" in result.stderr


def test_dedup_json_reports_every_decision(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["dedup", SEED, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    restatement = next(r for r in data["removed"] if r["rule"] == "restatement")
    assert restatement["index"] == 5 and restatement["duplicate_of"] == [1, 4]
    assert [k["index"] for k in data["kept"]] == [0, 1, 2, 3, 4]


def test_dedup_threshold_flag(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["dedup", SEED, "--restatement", "0.99", "--json"])
    assert result.exit_code == 0
    assert "restatement" not in json.loads(result.stdout)["counts"]


def test_dedup_stdin(runner) -> None:  # type: ignore[no-untyped-def]
    text = "Un premier paragraphe sur Nantes.\n\nPublicité\n\nUn second sur Lille."
    result = runner.invoke(app, ["dedup", "-"], input=text)
    assert result.exit_code == 0
    assert result.stdout == "Un premier paragraphe sur Nantes.\n\nUn second sur Lille.\n"


def test_dedup_folder_reports_cross_document_duplicates(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shared = (
        "Le conseil municipal de Rennes a voté mardi soir un budget de douze millions "
        "d'euros pour rénover les écoles du centre-ville."
    )
    (tmp_path / "a.txt").write_text(f"Titre A\n\n{shared}\n\nFin de A à Brest.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(
        f"Titre B\n\nAutre chose ici.\n\n{shared.replace('mardi soir', 'mardi')}",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["dedup", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == 2
    (pair,) = data["pairs"]
    assert {(pair["file"], pair["index"]), (pair["other_file"], pair["other_index"])} == {
        ("a.txt", 1),
        ("sub/b.md", 2),
    }
    assert 0.5 <= pair["jaccard"] <= 1


def test_summarize_a_file(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["summarize", SEED, "--words", "50"])
    assert result.exit_code == 0, result.stderr
    assert CUT not in result.stdout
    text = result.stdout.strip()
    assert 1 <= len(text.split()) <= 50


def test_summarize_json(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["summarize", SEED, "--sentences", "2", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["method"] == "extractive" and data["model"] is None
    assert data["length"]["sentences"] == 2 and len(data["sentences"]) == 2
    assert {"text", "position", "score"} <= set(data["sentences"][0])
    assert any(r["rule"] == "restatement" for r in data["dedup"]["removed"])


def test_summarize_lead_from_stdin_to_file(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "resume.txt"
    text = Path(SEED).read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["summarize", "-", "--method", "lead", "--sentences", "1", "-o", str(out)], input=text
    )
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("Après une période de dix ans")


def test_summarize_lines(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs.txt"
    one_line = " ".join(Path(SEED).read_text(encoding="utf-8").split())
    docs.write_text(
        f"{one_line}\n\nLe TGV Paris-Lyon a été retardé mardi soir.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["summarize", "--lines", str(docs), "--words", "35"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) == 3
    assert lines[1] == "" and lines[2] == "Le TGV Paris-Lyon a été retardé mardi soir."
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["summarize", "--lines", str(docs), "-o", str(out)])
    assert out.read_text(encoding="utf-8").count("\n") == 3


def test_summarize_folder_mirrors_into_output(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    shutil.copytree(SAMPLE_DIR, src)
    out = tmp_path / "out"
    result = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "2"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.summary.txt"))
    assert "nato-rutte/article.fr.summary.txt" in written
    assert len(written) == len(list(src.rglob("*.txt"))) + len(list(src.rglob("*.md")))
    again = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "2"])
    assert again.exit_code == 0 and f"0 summarized, {len(written)} skipped" in again.stderr
    # another length: every summary is stale and redone (it used to be skipped)
    other = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "1"])
    assert other.exit_code == 0 and f"{len(written)} summarized, 0 skipped" in other.stderr
    one = (out / "nato-rutte" / "article.fr.summary.txt").read_text(encoding="utf-8")
    assert len(one.strip().splitlines()) == 1 and one.count(". ") == 0


def test_non_utf8_file_is_a_clear_error_with_the_fix(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    legacy = tmp_path / "article.txt"
    legacy.write_bytes("L'été à Noël, le député a parlé.".encode("cp1252"))
    result = runner.invoke(app, ["summarize", str(legacy)])
    assert result.exit_code == 1
    assert "article.txt" in result.stderr and "--encoding cp1252" in result.stderr
    fixed = runner.invoke(app, ["summarize", str(legacy), "--encoding", "cp1252"])
    assert fixed.exit_code == 0
    assert fixed.stdout.strip() == "L'été à Noël, le député a parlé."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summarize"], "give one input"),
        (["summarize", SEED, "--words", "20", "--sentences", "2"], "one length setting"),
        (["summarize", SEED, "--method", "bogus"], "valid methods"),
        (["summarize", str(SAMPLE_DIR)], "-o DIR"),
    ],
)
def test_usage_errors_are_one_red_line(runner, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.stderr and result.stdout == ""


def test_empty_file_is_refused(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "vide.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(empty)])
    assert result.exit_code == 1 and "is empty" in result.stderr


def test_abstractive_from_the_cli(runner, tiny_bart: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["summarize", SEED, "--method", "abstractive", "--model", str(tiny_bart), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"] == str(tiny_bart) and data["chunks"]
