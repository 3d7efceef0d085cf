"""`precis translate` and `precis models` through the CLI (CliRunner, fake backends)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from precis.cli import app

FAKE = ["--backend", "fake"]


def test_text_argument(runner, fake_backends) -> None:
    result = runner.invoke(app, ["translate", "Le président a démissionné. Il part.", *FAKE])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "EN(Le président a démissionné.) EN(Il part.)\n"
    assert "backend: fake" in result.stderr


def test_stdin_keeps_paragraphs(runner, fake_backends) -> None:
    text = "Premier paragraphe.\n\nSecond paragraphe. Suite.\n"
    result = runner.invoke(app, ["translate", "-", *FAKE], input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "EN(Premier paragraphe.)\n\nEN(Second paragraphe.) EN(Suite.)\n"


def test_file_to_output_and_encoding(runner, fake_backends, tmp_path: Path) -> None:
    src = tmp_path / "article.fr.txt"
    src.write_bytes("Été brûlant à Nîmes.\r\n".encode("cp1252"))
    out = tmp_path / "article.en.txt"
    result = runner.invoke(
        app, ["translate", str(src), "-o", str(out), "--encoding", "cp1252", *FAKE]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == "EN(Été brûlant à Nîmes.)\n"
    bad = runner.invoke(app, ["translate", str(src), *FAKE])  # cp1252 read as utf-8
    assert bad.exit_code == 1 and "--encoding cp1252" in bad.stderr


def test_lines_mode_is_line_aligned(runner, fake_backends, tmp_path: Path) -> None:
    src = tmp_path / "test.fra"
    src.write_text("Bonjour.\n\nDeux phrases. Ici.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "--lines", str(src), *FAKE])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["EN(Bonjour.)", "", "EN(Deux phrases.) EN(Ici.)"]
    out = tmp_path / "hyp.eng"
    runner.invoke(app, ["translate", "--lines", str(src), "-o", str(out), *FAKE])
    assert out.read_text().count("\n") == 3


def test_json_metadata_and_options_reach_the_backend(runner, fake_backends) -> None:
    result = runner.invoke(app, ["translate", "Oui.", "--beams", "4", "--int8", "--json", *FAKE])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["texts"] == ["EN(Oui.)"]
    assert data["info"]["name"] == "fake" and data["info"]["options"]["beams"] == 4
    assert data["info"]["options"]["int8"] is True
    assert data["info"]["signature"].startswith("fake|")


def test_errors_are_one_red_line(runner, fake_backends, tmp_path: Path) -> None:
    # issue 14: a TEXT|FILE argument naming no file is text, with a warning when it looks like
    # a path (a mistyped file name); `summarize`, which takes no text, refuses it.
    missing = runner.invoke(app, ["translate", "absent.txt", *FAKE])
    assert missing.exit_code == 0 and missing.stdout == "EN(absent.txt)\n"
    assert "warning: no file or folder 'absent.txt': treating the argument as text" in (
        missing.stderr
    )
    refused = runner.invoke(app, ["summarize", "absent.txt"])
    assert refused.exit_code == 1 and "absent.txt: no such file" in refused.stderr
    unknown = runner.invoke(app, ["translate", "Oui.", "--backend", "google"])
    assert unknown.exit_code == 1 and "valid backends" in unknown.stderr
    folder = runner.invoke(app, ["translate", str(tmp_path), *FAKE])
    assert folder.exit_code == 1 and "-o OUTDIR" in folder.stderr
    nothing = runner.invoke(app, ["translate", *FAKE])
    assert nothing.exit_code == 1


def test_folder_mode(runner, fake_backends, tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.txt").write_text("Un.\n", encoding="utf-8")
    (src / "y.md").write_text("Deux.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), *FAKE])
    assert result.exit_code == 0, result.stderr
    assert (out / "a" / "x.txt").read_text() == "EN(Un.)\n"
    assert "2 translated, 0 skipped" in result.stderr and "backend: fake" in result.stderr
    again = runner.invoke(app, ["translate", str(src), "-o", str(out), *FAKE])
    assert "0 translated, 2 skipped" in again.stderr
    forced = runner.invoke(app, ["translate", str(src), "-o", str(out), "--force", *FAKE])
    assert "2 translated" in forced.stderr
    only_md = runner.invoke(app, ["translate", str(src), "-o", str(out), "--glob", "*.md", *FAKE])
    assert "of 1 files" in only_md.stderr


def test_models_table_and_json(runner, fake_backends) -> None:
    table = runner.invoke(app, ["models"])
    assert table.exit_code == 0
    for name in ("transformers", "ctranslate2", "apertium", "auto  "):
        assert name in table.stdout
    data = json.loads(runner.invoke(app, ["models", "--json"]).stdout)
    names = {b["name"]: b for b in data["backends"]}
    assert names["transformers"]["usable"] is False  # offline tests: opus-mt is not cached
    assert "auto" in data and "backend" in data["auto"]


def test_help_lists_backends_and_examples(runner) -> None:
    result = runner.invoke(app, ["translate", "--help"])
    assert result.exit_code == 0
    assert "precis translate" in result.stdout
    for name in ("transformers", "ctranslate2", "apertium", "greedy"):
        assert name in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from precis.cli import app; "
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'sacrebleu', 'numpy') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
