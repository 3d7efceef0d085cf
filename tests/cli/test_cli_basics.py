"""The CLI skeleton: commands listed, help everywhere, errors as one red line, fast startup."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from precis import __version__
from precis.cli import PrecisGroup, app
from precis.errors import InputError

COMMANDS = ["dedup", "summarize", "translate", "models", "score", "compare", "run", "bench"]


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout


def test_no_args_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    group = get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help) > 40
    assert "precis " + name in command.help, f"{name} help has no example"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"precis {__version__}"


def test_library_error_becomes_one_red_line_and_exit_1() -> None:
    demo = typer.Typer(cls=PrecisGroup)

    @demo.command()
    def fail() -> None:
        raise InputError("article.txt: is empty (nothing but whitespace)")

    @demo.command()
    def other() -> None:
        pass

    result = CliRunner().invoke(demo, ["fail"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: article.txt: is empty (nothing but whitespace)"]


def test_real_subprocess_help_does_not_import_torch() -> None:
    code = (
        "import sys, runpy; sys.argv=['precis','--help']\n"
        "try:\n    runpy.run_module('precis', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "mods = ('torch', 'transformers', 'sacrebleu', 'rouge_score')\n"
        "heavy = [m for m in mods if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Usage" in proc.stdout
    assert "HEAVY []" in proc.stderr


def test_python_dash_m_precis_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "precis", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    assert "summarize" in proc.stdout
