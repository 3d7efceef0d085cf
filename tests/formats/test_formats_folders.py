"""Folder jobs choose the format from the file (issue 13): one default glob set for every
command, each file read in its format, files counted per format in the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
from typer.testing import CliRunner

from precis.cli import app

PAGES = Path(__file__).resolve().parents[2] / "corpora" / "pages"
TEXT = "La mairie a voté le budget. Les travaux commencent en mars.\n\nLe maire est satisfait.\n"


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "web").mkdir(parents=True)
    shutil.copy(PAGES / "incendie-herault.html", src / "web" / "incendie.html")
    shutil.copy(PAGES / "medecins-creuse.html", src / "web" / "creuse.htm")
    shutil.copy(PAGES / "notes-miserables.md", src / "notes.md")
    (src / "conseil.txt").write_text(TEXT, encoding="utf-8")
    return src


def test_translate_dir_takes_html_and_keeps_its_markup(
    runner: CliRunner, fake_backends: object, tmp_path: Path
) -> None:
    # Before issue 13, `translate DIR` ignored *.html and translated Markdown marks as text.
    src, out = _folder(tmp_path), tmp_path / "out"
    result = runner.invoke(
        app, ["translate", str(src), "-o", str(out), "--backend", "fake", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["formats"] == {"text": 1, "markdown": 1, "html": 2}
    assert "(1 text, 1 markdown, 2 html)" in result.stderr
    page = lxml.html.document_fromstring((out / "web" / "incendie.html").read_text("utf-8"))
    assert page.get("lang") == "en" and "window.dataLayer" in page.find(".//script").text
    assert (out / "notes.md").read_text("utf-8").startswith("# EN(")
    assert (out / "conseil.txt").read_text("utf-8").startswith("EN(La mairie a voté le budget.)")
    records = {r["input"]: r for r in report["records"]}
    assert records["web/creuse.htm"]["meta"]["format"] == "html"
    assert records["web/creuse.htm"]["meta"]["markup"]["blocks"] > 10


def test_summarize_dir_reads_each_file_in_its_format(runner: CliRunner, tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "sum"
    result = runner.invoke(app, ["summarize", str(src), "-o", str(out), "--sentences", "2"])
    assert result.exit_code == 0, result.stderr
    assert "(1 text, 1 markdown, 2 html)" in result.stderr
    page = (out / "web" / "incendie.summary.txt").read_text("utf-8")
    assert "cookies" not in page.lower() and "sapeurs-pompiers" in page  # the article only
    notes = (out / "notes.summary.txt").read_text("utf-8")
    assert "**" not in notes and "#" not in notes


def test_run_dir_takes_html_pages(runner: CliRunner, fake_backends: object, tmp_path: Path) -> None:
    # Before issue 13, `run DIR` ignored *.html.
    src, out = _folder(tmp_path), tmp_path / "run"
    result = runner.invoke(app, ["run", str(src), "-o", str(out), "--backend", "fake", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["formats"] == {"text": 1, "markdown": 1, "html": 2}
    report = json.loads((out / "web" / "incendie" / "report.json").read_text("utf-8"))
    assert report["metadata"]["title"].startswith("Incendie dans l'Hérault")
    assert report["metadata"]["date"] == "2025-07-16"
    assert "cookies" not in report["summary_en"].lower()


def test_dedup_dir_compares_the_article_text_of_pages(runner: CliRunner, tmp_path: Path) -> None:
    from precis.summarize.corpus import corpus_dedup

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(PAGES / "incendie-herault.html", src / "a.html")
    shutil.copy(PAGES / "incendie-herault.html", src / "b.htm")
    found = corpus_dedup(src)
    assert found.files == 2
    # the six article paragraphs of each page (no banner, menu or footer), each pair found
    assert found.paragraphs == 2 * 6
    assert len(found.pairs) == 6 and all(p.index == p.other_index for p in found.pairs)
