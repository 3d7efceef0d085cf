"""Issue 11: small CLI consistency: one rule everywhere for names, options and help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precis.cli import app

ARTICLE = "Le maire de Lyon a présenté lundi un plan de 40 millions d'euros pour les écoles."


@pytest.mark.apertium
def test_backend_names_ignore_case(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["translate", "Bonjour.", "--backend", "Apertium"])
    assert result.exit_code == 0, result.stderr


def test_method_names_ignore_case(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["summarize", "-", "--method", "LEAD"], input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert "Lyon" in result.stdout


def test_folder_only_options_on_a_file_are_a_clear_error(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "ray"])
    assert result.exit_code == 1
    assert "apply to a folder input only" in result.stderr and "Traceback" not in result.output


@pytest.mark.apertium
def test_an_option_the_backend_lacks_names_the_backends_that_have_it(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["translate", "Bonjour.", "-b", "apertium", "--beams", "4"])
    assert result.exit_code == 1
    assert "--beams does not apply to backend 'apertium'" in result.stderr
    assert "transformers" in result.stderr


def test_models_lists_auto_among_the_backends(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0
    assert any(line.startswith("auto ") for line in result.stdout.splitlines())


@pytest.mark.apertium
def test_an_all_boilerplate_run_prints_nothing_and_warns(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "bp.txt"
    page.write_text("Lire aussi : le budget 2025.\n\nPublicité\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(page), "--backend", "apertium"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "nothing left to summarize after cleaning" in result.stderr


def test_compare_on_few_segments_warns_and_labels_each_p_value(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = tmp_path / "ref.txt"
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    ref.write_text("Le chat dort.\nIl pleut à Brest.\nLa grève continue.\n", encoding="utf-8")
    a.write_text("Le chat dort.\nIl pleut à Brest.\nLa grève dure.\n", encoding="utf-8")
    b.write_text("Un chat dort.\nIl neige à Brest.\nLa grève continue.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["compare", "--ref", str(ref), str(a), str(b), "--metric", "chrf"]
    )
    assert result.exit_code == 0, result.stderr
    assert "only 3 segment(s): under 30 the paired tests have little power" in result.stderr
    verdicts = [line for line in result.stdout.splitlines() if "(few segments: low power)" in line]
    assert len(verdicts) >= 2  # the table's p-value cell and the verdict line


def test_help_shows_no_bool_metavar_and_reflows_docstrings(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["translate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    text = re.sub(r"\s+", " ", result.stdout)
    # two source lines of the docstring come out as one re-flowed sentence
    assert "The backend used (auto picks the best one available here) is printed" in text
    lines = result.stdout.splitlines()
    assert not any(line.rstrip().endswith("(auto picks the") for line in lines)
