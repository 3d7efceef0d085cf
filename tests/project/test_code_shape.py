"""The house rules that keep precis readable, checked on the library's source (issue 11).

Modules stay under `MAX_MODULE_LINES` lines and functions under `MAX_FUNCTION_LINES` lines of
body; one folder walker (`os.walk` only in precis/jobs/walk.py) and one per-file ledger (the
manifest is written by precis/jobs only).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIBRARY = ("precis", "summarize", "translate", "eval", "corpora")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def library_files() -> list[Path]:
    return sorted(p for top in LIBRARY for p in (REPO / top).rglob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of the body, docstring excluded (the signature is not the body)."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:] or body
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def test_modules_stay_small() -> None:
    big = {
        str(p.relative_to(REPO)): n
        for p in library_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert big == {}


def test_functions_stay_small() -> None:
    long = {
        f"{p.relative_to(REPO)}:{node.name}": body_lines(node)
        for p in library_files()
        for node in _functions(ast.parse(p.read_text(encoding="utf-8")))
        if body_lines(node) > MAX_FUNCTION_LINES
    }
    assert long == {}


@pytest.mark.parametrize(("needle", "home"), [("os.walk(", "precis/jobs/walk.py")])
def test_one_folder_walker(needle: str, home: str) -> None:
    users = [
        str(p.relative_to(REPO))
        for p in library_files()
        if needle in p.read_text(encoding="utf-8") and str(p.relative_to(REPO)) != home
    ]
    assert users == []


def test_one_per_file_ledger() -> None:
    """Only precis/jobs records files: no other module opens a manifest or rolls its own loop."""
    users = [
        str(p.relative_to(REPO))
        for p in library_files()
        if ("Manifest(" in (t := p.read_text(encoding="utf-8")) or "FileRecord(" in t)
        and not str(p.relative_to(REPO)).startswith("precis/jobs/")
    ]
    assert users == []
