"""What the commands that read an article share: the --html/--text switch, reading the input
(`read_article`), the document's format from its path, and the one stderr line about a page or
a Markdown file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from precis.cli.common import check_input_language, info

HtmlOpt = Annotated[
    bool | None,
    typer.Option(
        "--html/--text",
        help="Treat the input as HTML (article extracted by trafilatura) or as plain text "
        "(default: from the extension, .html .htm .md .txt, else from the document).",
    ),
]


def label(source: str) -> str:
    return "<stdin>" if source == "-" else source


def read_article(
    source: str, output: Path | None, encoding: str, language: tuple[str | None, bool]
) -> str:
    """The text of one input file (or - for stdin), after refusing an -o that would overwrite
    it, with its language checked (--lang, --strict-lang)."""
    from precis.io import read_text
    from precis.jobs import check_single_output

    if output is not None:
        check_single_output(output, [source])
    text = read_text(source, encoding=encoding)
    check_input_language(text, label(source), *language)
    return text



def about(metadata: dict[str, Any]) -> None:
    """One stderr line on what a page or a Markdown file was read as (title, date, author)."""
    if metadata.get("format", "text") == "text":
        return
    found = [str(metadata[k]) for k in ("title", "date", "author") if metadata.get(k)]
    info(
        f"{metadata['format']} ({metadata.get('format_reason')}): {' | '.join(found) or 'no title'}"
    )



def doc_format(source: str, html: bool | None) -> str | None:
    """HTML or Markdown when the file's extension says so (unless --html / --text); None lets
    dedup detect HTML from the document and say why (precis.formats.detect.sniff)."""
    from precis.formats import HTML, MARKDOWN, format_of_path

    found = format_of_path(source) if html is None and source != "-" else None
    return found if found in {HTML, MARKDOWN} else None

