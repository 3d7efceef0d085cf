"""The registry of named corpora (installed as `precis.corpora`).

Names and paths live in `corpora.toml` beside this file. Shared evaluation data is looked up at
run time; a corpus whose files are absent is reported as unavailable, never crashed on.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from precis.errors import InputError, UnknownNameError

REGISTRY_FILE = Path(__file__).with_name("corpora.toml")
DATA_DIR_ENV = "PRECIS_DATA_DIR"
SHARED_ENV = "PRECIS_SHARED"  # the shared folder (data/ and models/), else found beside the repo
FALLBACK_SHARED = Path("/work/shared")  # this workplace's shared folder, seen from a worktree
SAMPLE_DIR = Path(__file__).with_name("sample")
CORPUS_FILES = ("article.fr.txt", "summary.fr.txt", "article.en.txt", "summary.en.txt")


@dataclass(frozen=True)
class Corpus:
    name: str
    kind: str  # "folder" | "parallel" | "summaries"
    task: str
    description: str
    paths: dict[str, Path]  # role -> path: path | source | reference | doc_ids
    systems: dict[str, Path] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return not self.missing


def shared_candidates() -> list[Path]:
    """Where the shared folder (data/, models/, seeds/) is looked for, in order: the one
    place both the corpora and the real-shaped model files are found from."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return [Path(env)]
    repo = Path(__file__).resolve().parent.parent
    found = [repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    return [*dict.fromkeys(found), FALLBACK_SHARED]


def shared_data_dir() -> Path | None:
    """The shared evaluation data folder, or None when it is not on this machine."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    candidates = [shared / "data" for shared in shared_candidates()]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def _load_table() -> dict[str, dict]:
    with REGISTRY_FILE.open("rb") as fh:
        return tomllib.load(fh)


def names() -> list[str]:
    return list(_load_table())


def get(name: str) -> Corpus:
    """Resolve a corpus by name; UnknownNameError lists the valid names."""
    table = _load_table()
    if name not in table:
        raise UnknownNameError("corpus", name, list(table))
    entry = table[name]
    if entry.get("root") == "shared":
        base = shared_data_dir()
        base_label = f"${DATA_DIR_ENV} or ../shared/data"
    else:
        base = REGISTRY_FILE.parent
        base_label = str(base)
    paths: dict[str, Path] = {}
    missing: list[str] = []
    for role in ("path", "source", "reference", "doc_ids"):
        if role in entry:
            rel = entry[role]
            path = (base / rel) if base else Path(base_label) / rel
            paths[role] = path
            if base is None or not path.exists():
                missing.append(str(path))
    systems = {
        sys_name: ((base / rel) if base else Path(base_label) / rel)
        for sys_name, rel in entry.get("systems", {}).items()
    }
    return Corpus(
        name=name,
        kind=entry["kind"],
        task=entry.get("task", ""),
        description=entry.get("description", ""),
        paths=paths,
        systems=systems,
        missing=tuple(missing),
    )


def require(name: str) -> Corpus:
    """Like get(), but an unavailable corpus is an InputError that says what is missing."""
    corpus = get(name)
    if not corpus.available:
        raise InputError(
            f"corpus {name!r} is not available here: missing {', '.join(corpus.missing)} "
            f"(set ${DATA_DIR_ENV} to the folder that holds mt/ and sum/)"
        )
    return corpus


def all_corpora() -> list[Corpus]:
    return [get(name) for name in names()]


def document_folders(root: str | Path) -> list[Path]:
    """Folders under root (root included) that hold an article.fr.txt, sorted."""
    from precis.jobs.walk import walk

    return sorted(d.path.parent for d in walk(root, ("article.fr.txt",)).files)
