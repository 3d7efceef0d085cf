"""`precis bench`: systems run, scored, ranked, leaderboard files and PNG written (issue 6)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from precis import corpora
from precis.cli import app
from precis.errors import InputError, UnknownNameError
from precis.workflows.bench import bench, parse_system

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A line-aligned summarization corpus with three 'published systems' of known quality."""
    root = tmp_path / "tiny"
    root.mkdir()
    docs = [
        "Le maire de Lyon a inauguré un pont. Les travaux ont duré trois ans. Il coûte cher.",
        "La grève des contrôleurs continue. Seuls 40 % des trains roulent. Les usagers râlent.",
        "Une bactérie mange le plastique. Des chercheurs de Montpellier l'ont découverte. Bravo.",
        "La canicule touche la ville. Un plan d'urgence est lancé. Les parcs restent ouverts.",
    ]
    gold = [
        "Le maire de Lyon a inauguré un pont après trois ans de travaux.",
        "La grève des contrôleurs continue : seuls 40 % des trains roulent.",
        "Des chercheurs de Montpellier ont découvert une bactérie qui mange le plastique.",
        "La ville lance un plan d'urgence contre la canicule.",
    ]
    (root / "docs.txt").write_text("\n".join(docs) + "\n", encoding="utf-8")
    (root / "gold.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (root / "perfect.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (root / "junk.txt").write_text("rien\nà\nvoir\nici\n", encoding="utf-8")
    return root


def test_bench_ranks_systems_and_writes_every_file(
    tiny_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # register the tiny corpus as if it were in corpora.toml
    entry = corpora.Corpus(
        "tiny",
        "summaries",
        "summarize",
        "test corpus",
        {"source": tiny_corpus / "docs.txt", "reference": tiny_corpus / "gold.txt"},
    )
    monkeypatch.setattr(corpora, "require", lambda name: entry)
    out = tmp_path / "board"
    board = bench(
        "tiny",
        systems=[
            "junk=file:" + str(tiny_corpus / "junk.txt"),
            "lead-1=lead:sentences=1",
            "perfect=file:" + str(tiny_corpus / "perfect.txt"),
        ],
        out_dir=out,
    )
    names = [
        "leaderboard.md",
        "leaderboard.json",
        "leaderboard.csv",
        "per_document.csv",
        "leaderboard.png",
    ]
    for name in names:
        assert (out / name).stat().st_size > 0, name
    assert (out / "leaderboard.png").read_bytes()[:8] == PNG_MAGIC
    data = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
    ranking = [
        row["system"]
        for row in csv.DictReader((out / "leaderboard.csv").open())
        if row["metric"] == "ROUGE-1"
    ]
    assert ranking == ["perfect", "lead-1", "junk"]
    perfect = next(s for s in data["systems"] if s["name"] == "perfect")
    assert next(s for s in perfect["scores"] if s["name"] == "ROUGE-1")["value"] == 100.0
    assert perfect["significance"], "no paired test against the baseline"
    per_doc = list(csv.DictReader((out / "per_document.csv").open()))
    assert {row["system"] for row in per_doc} == {"junk", "lead-1", "perfect"}
    assert len([r for r in per_doc if r["system"] == "perfect" and r["metric"] == "ROUGE-1"]) == 4
    assert (out / "outputs" / "lead-1.txt").read_text(encoding="utf-8").count("\n") == 4
    assert board.systems[0].name == "junk"  # the baseline stays first in the data


def test_bench_on_the_sample_folder_with_a_fake_translator(
    runner: CliRunner, fake_backends: object, tmp_path: Path
) -> None:
    out = tmp_path / "board"
    result = runner.invoke(
        app,
        [
            "bench",
            "sample",
            "-o",
            str(out),
            "-s",
            "lead=lead:sentences=1",
            "-s",
            "extractive=extractive:words=40",
            "-s",
            "fake=fake",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "## summarize" in result.stdout and "## translate" in result.stdout
    data = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
    assert data["n_documents"]["summarize"] == len(corpora.document_folders(corpora.SAMPLE_DIR))
    assert {s["task"] for s in data["systems"]} == {"summarize", "translate"}
    assert (out / "leaderboard.png").read_bytes()[:8] == PNG_MAGIC


def test_system_specs() -> None:
    spec = parse_system("x=extractive:words=35")
    assert (spec.name, spec.kind, spec.task, spec.options) == (
        "x",
        "extractive",
        "summarize",
        {"words": "35"},
    )
    assert parse_system("apertium").task == "translate"
    with pytest.raises(UnknownNameError, match="extractive"):
        parse_system("x=magic")
    with pytest.raises(InputError, match="key=value"):
        parse_system("x=lead:sentences")


def test_bench_list_and_missing_corpus(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["bench", "--list"])
    assert result.exit_code == 0 and "orangesum-dev" in result.stdout
    monkeypatch.setenv(corpora.DATA_DIR_ENV, str(tmp_path / "nowhere"))
    result = runner.invoke(app, ["bench", "newstest2013", "--limit", "5"])
    assert result.exit_code == 1
    assert "not available" in result.stderr
