"""Literal text or a path: one rule for TEXT|FILE|DIR arguments (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.cli import app
from precis.errors import InputError
from precis.text.args import KIND_FILE, KIND_FOLDER, KIND_STDIN, KIND_TEXT, resolve_input


@pytest.mark.parametrize(
    "text",
    ["Rendez-vous sur service-public.fr", "Le fichier s'appelle notes.txt", "et/ou"],
)
def test_text_that_looks_like_a_path_is_translated(runner, fake_backends, text: str) -> None:
    # These were refused as missing files.
    result = runner.invoke(app, ["translate", text, "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"EN({text})\n"
    assert "treating the argument as text" in result.stderr


def test_empty_argument_is_an_error_not_the_current_folder(
    runner, fake_backends, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Le chat dort.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translate", "", "-o", str(tmp_path / "out"), "--backend", "fake"])
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert not (tmp_path / "out").exists()  # the tree was not translated
    for command in (["summarize", ""], ["dedup", ""], ["run", "", "-o", "x"]):
        other = runner.invoke(app, command)
        assert other.exit_code == 1 and "empty" in other.stderr, command


def test_an_existing_file_wins_and_is_named(runner, fake_backends, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("Bonjour le monde.").write_text("Le chat dort.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "Bonjour le monde.", "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "EN(Le chat dort.)\n"
    assert "reading the file 'Bonjour le monde.'" in result.stderr  # not silent


def test_a_long_text_argument_is_text(runner, fake_backends) -> None:
    # longer than a file name may be: Path.exists() raised "File name too long"
    text = "Le conseil municipal a voté la gratuité des transports. " * 6
    result = runner.invoke(app, ["translate", text.strip(), "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("EN(") == 6


def test_resolve_input_kinds(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    assert resolve_input("-").kind == KIND_STDIN
    assert resolve_input(str(tmp_path)).kind == KIND_FOLDER
    found = resolve_input(str(tmp_path / "f.txt"))
    assert (found.kind, found.path, found.note) == (KIND_FILE, tmp_path / "f.txt", "")
    missing = resolve_input(str(tmp_path / "nope.txt"))
    assert missing.kind == KIND_TEXT and missing.warning  # looks like a path: a warning
    assert not resolve_input("Il pleut.").warning
    with pytest.raises(InputError, match="no such file"):
        resolve_input(str(tmp_path / "nope.txt"), allow_text=False)
    for empty in ("", "  ", None):
        with pytest.raises(InputError):
            resolve_input(empty)
