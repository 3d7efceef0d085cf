"""Length-fair leaderboards (`precis bench`) and the `--no-compress` flag (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from precis.cli import app
from precis.workflows.bench import bench, leaderboard_markdown
from precis.workflows.bench_spec import option_value

SEED = Path(__file__).resolve().parents[2] / "corpora" / "sample" / "nato-rutte" / "article.fr.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_a_word_budget_brings_the_lead_cut_to_it() -> None:
    board = bench("sample", systems=["learned=extractive:words=30", "lead-1=lead:sentences=1"])
    by_name = {r.name: r for r in board.systems}
    assert set(by_name) == {"learned", "lead-1", "lead@30"}
    assert by_name["lead@30"].spec == "lead:words=30"
    assert by_name["learned"].budget == 30 and by_name["lead@30"].budget == 30
    assert by_name["lead-1"].budget is None
    assert all(
        r.mean_words is not None and 0 < r.mean_words <= 30 for r in board.systems if r.budget == 30
    )
    table = leaderboard_markdown(board)
    assert "| words | budget |" in table and "lead@30" in table


def test_the_fair_lead_is_not_added_twice() -> None:
    board = bench("sample", systems=["a=extractive:words=30", "mine=lead:words=30"])
    assert [r.name for r in board.systems] == ["a", "mine"]


def test_spec_options_are_typed() -> None:
    assert option_value("false") is False and option_value("True") is True
    assert option_value("1.5") == 1.5 and option_value("3") == 3
    assert option_value("textrank") == "textrank"


def test_bench_runs_the_whole_sentence_variant() -> None:
    board = bench("sample", systems=["whole=extractive:words=30,compress=false"])
    assert board.systems[0].mean_words is not None


def test_cli_no_compress(runner: CliRunner, tmp_path: Path) -> None:
    whole = runner.invoke(app, ["summarize", str(SEED), "--words", "35", "--no-compress", "--json"])
    assert whole.exit_code == 0, whole.stderr
    data = json.loads(whole.stdout)
    assert data["details"]["compress"] is False and data["length"]["words_out"] <= 35
    wrong = runner.invoke(app, ["summarize", str(SEED), "--method", "lead", "--no-compress"])
    assert wrong.exit_code != 0 and "--no-compress" in wrong.stderr
