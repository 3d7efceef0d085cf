"""Shared test kit: offline environment, tiny real models, fake backends for CLI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from precis.corpora import SAMPLE_DIR
from precis.text.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = SAMPLE_DIR / "nato-rutte"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No hub access and no cache outside tmp_path, for every test."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("PRECIS_CACHE_DIR", str(tmp_path / "precis-cache"))


def sample_lines() -> list[str]:
    """Sentences of every sample text, French and English: the tiny models' training text."""
    lines: list[str] = []
    for path in sorted(SAMPLE_DIR.glob("*/*.txt")):
        lines.extend(split_sentences(path.read_text(encoding="utf-8")))
    return lines


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight MarianMTModel + MarianTokenizer saved on disk (real from_pretrained path)."""
    from precis.testing import build_marian

    return build_marian(tmp_path_factory.mktemp("tiny-marian"), sample_lines())


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight BartForConditionalGeneration + sentencepiece-style tokenizer on disk."""
    from precis.testing import build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart"), sample_lines())


@pytest.fixture
def seed_text() -> str:
    return (SEED_DIR / "article.fr.txt").read_text(encoding="utf-8")


@pytest.fixture
def runner() -> Iterator[object]:
    from typer.testing import CliRunner

    yield CliRunner()


# --- translate area (issue 4): fake backends -------------------------------------------------
# The fake backend classes live in tests/fake_backends.py (test-only). In-process tests use the
# fixture below; tests that need a real `precis` process start it with
# tests/cli_checks.fake_translate_command (`python -c "import fake_backends; ..."`) and tests/ on
# PYTHONPATH: importing fake_backends registers "fake", "fake-slow" and "fake-failing" in
# precis.translate.BACKENDS.
TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture
def fake_backends() -> Iterator[object]:
    """Registers the fake backends for one test and removes them afterwards; yields the module."""
    import fake_backends as module

    module.register()
    module.FakeBackend.instances.clear()
    try:
        yield module
    finally:
        module.unregister()


@pytest.fixture(scope="session")
def dead_pid() -> int:
    """The PID of a process that has exited (whose temp files are stale)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture(scope="session")
def real_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """opus-mt-tc-big-fr-en's real files with random tiny weights (skips when not here)."""
    from realmodels import build

    return build(tmp_path_factory.mktemp("real-marian"))


@pytest.fixture(scope="session")
def compressed_versions() -> Callable[[list[tuple[str, set[str]]]], dict[str, set[str]]]:
    """For hand-checked compression cases (sentence, expected versions): each sentence's
    versions as the compressor gives them (one spaCy pass over all the sentences)."""

    def versions(cases: list[tuple[str, set[str]]]) -> dict[str, set[str]]:
        from precis.summarize.compress import compressions

        sentences = [s for s, _ in cases]
        found = compressions(sentences)
        return {s: {c.text for c in f} for s, f in zip(sentences, found, strict=True)}

    return versions
