"""Format detection from the document (issue 13): doctype, <html>, markup density, never one tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.formats import (
    DEFAULT_GLOBS,
    FORMATS,
    count_formats,
    document_blocks,
    format_of_path,
)
from precis.formats.detect import detect, sniff
from precis.summarize import dedup, summarize

PAGES = Path(__file__).resolve().parents[2] / "corpora" / "pages"

# Three paragraphs of plain text, one of them with a stray <br> pasted from a web page.
STRAY_BR = (
    "La mairie de Nîmes a voté mardi un plan contre la chaleur. Les écoles seront équipées "
    "de brumisateurs avant l'été.\n\n"
    "Le maire a rappelé que 14 jours de canicule ont été comptés l'an dernier.<br> Les "
    "personnes âgées seront appelées chaque matin par les services sociaux.\n\n"
    "Le plan coûtera 1,2 million d'euros, financé pour moitié par la région Occitanie.\n"
)


def test_a_stray_br_leaves_a_text_file_text_with_its_three_paragraphs() -> None:
    # Before issue 13, one <br> switched the whole file to HTML mode: one merged paragraph.
    assert sniff(STRAY_BR).format == "text"
    assert "only 1 HTML tag" in sniff(STRAY_BR).reason
    result = dedup(STRAY_BR)
    assert not result.html and result.format == "text"
    assert len(result.paragraphs) == 3
    assert result.paragraphs[1].startswith("Le maire a rappelé")


def test_the_stray_br_file_through_summarize_folder(tmp_path: Path) -> None:
    from precis.summarize import summarize_folder

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "canicule.txt").write_text(STRAY_BR, encoding="utf-8")
    done = summarize_folder(tmp_path / "in", tmp_path / "out", sentences=1)
    assert done.formats == {"text": 1}
    assert summarize(STRAY_BR, sentences=1).dedup.source_paragraphs == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html>\n<html><body><p>Bonjour</p></body></html>", "html"),
        ("  <!-- saved page -->\n<html lang='fr'><p>Bonjour</p></html>", "html"),
        ("<div><p>Un.</p><p>Deux.</p><p>Trois <em>et</em> quatre.</p></div>", "html"),
        ("Pour aller à la ligne en HTML, on écrit <br> ou <p>.", "text"),
        ("Le prix est < 5 € et > 2 €.", "text"),
        ("", "text"),
    ],
)
def test_sniff(text: str, expected: str) -> None:
    assert sniff(text).format == expected


def test_extension_decides_for_html_and_markdown_files() -> None:
    assert detect("Bonjour", "a/page.HTML").format == "html"
    assert detect("Bonjour", "notes.md").format == "markdown"
    assert detect(STRAY_BR, "notes.txt").format == "text"
    assert detect("<!doctype html><html></html>", "page.txt").format == "html"  # a saved page
    assert detect("Bonjour", "-").format == "text"


def test_one_glob_set_for_every_folder_command() -> None:
    from precis.cli.common import globs_of
    from precis.jobs import DEFAULT_GLOBS as JOB_GLOBS
    from precis.summarize.corpus import CORPUS_PATTERNS

    assert DEFAULT_GLOBS == ("*.txt", "*.md", "*.html", "*.htm")
    assert JOB_GLOBS == globs_of(None) == CORPUS_PATTERNS == DEFAULT_GLOBS
    assert FORMATS.names() == ["text", "markdown", "html"]
    assert [format_of_path(p) for p in ("a.txt", "b.md", "c.htm", "d.fr")] == [
        "text",
        "markdown",
        "html",
        None,
    ]
    assert count_formats(["a.txt", "b.html", "c.htm", "d.fr"]) == {"text": 1, "html": 2, "other": 1}


def test_markdown_blocks_for_summaries_leave_code_and_tables_out() -> None:
    blocks, _ = document_blocks(
        (PAGES / "notes-miserables.md").read_text(encoding="utf-8"), "markdown"
    )
    kept = [b.text for b in blocks if b.kept]
    assert kept[0] == "Notes de lecture : Les Misérables"
    assert any(t.startswith("Jean Valjean : condamné") for t in kept)  # ** markup removed
    assert not any("import re" in t for t in kept)
    assert {b.reason for b in blocks if not b.kept} == {"markdown-table", "markdown-code"}
    summary = summarize(
        (PAGES / "notes-miserables.md").read_text(encoding="utf-8"),
        doc_format="markdown",
        sentences=3,
    )
    assert "**" not in summary.text and "```" not in summary.text
