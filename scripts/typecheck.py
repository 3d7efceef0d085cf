"""Type-check the library as it is installed: `precis` with its subpackages in place.

The source tree maps `summarize/`, `translate/`, `eval/` and `corpora/` to `precis.summarize`,
... (pyproject's package-dir); mypy cannot follow the editable install's import hook, so this
script builds the installed layout from symlinks in a temp folder and runs mypy on it with the
settings of pyproject.toml ([tool.mypy]). Exit status: mypy's.

    python scripts/typecheck.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUBPACKAGES = ("summarize", "translate", "eval", "corpora")  # installed as precis.<name>


def build_tree(root: Path) -> Path:
    package = root / "precis"
    package.mkdir()
    for item in (REPO / "precis").iterdir():
        if item.name != "__pycache__":
            (package / item.name).symlink_to(item)
    for name in SUBPACKAGES:
        (package / name).symlink_to(REPO / name)
    return package


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="precis-typecheck-") as tmp:
        package = build_tree(Path(tmp))
        cmd = [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml")]
        cmd += ["--cache-dir", str(REPO / ".mypy_cache"), str(package)]
        return subprocess.call(cmd, cwd=tmp)


if __name__ == "__main__":
    sys.exit(main())
