"""The corpus registry and the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis import corpora
from precis.errors import InputError, UnknownNameError


def test_sample_corpus_layout() -> None:
    folders = corpora.document_folders(corpora.SAMPLE_DIR)
    assert len(folders) >= 4
    for folder in folders:
        for name in corpora.CORPUS_FILES:
            text = (folder / name).read_text(encoding="utf-8")
            assert text.strip(), f"{folder.name}/{name} is empty"
        fr = (folder / "article.fr.txt").read_text(encoding="utf-8").strip().split("\n\n")
        en = (folder / "article.en.txt").read_text(encoding="utf-8").strip().split("\n\n")
        assert len(fr) == len(en), f"{folder.name}: paragraph counts differ"


def test_seed_article_is_byte_exact(seed_text: str) -> None:
    seed = Path(corpora.__file__).resolve().parents[1] / ".." / "shared" / "seeds"
    seed_file = seed / "000_1a37b2590e21cbd1.txt"
    if not seed_file.exists():
        pytest.skip("shared/seeds not beside this checkout")
    assert seed_text == seed_file.read_text(encoding="utf-8")


def test_registry_names_and_unknown_name() -> None:
    names = corpora.names()
    for expected in ["sample", "newstest2013", "tatoeba", "tico19", "ntrex", "orangesum-dev"]:
        assert expected in names
    with pytest.raises(UnknownNameError) as info:
        corpora.get("newstest2099")
    assert "newstest2013" in str(info.value)


def test_missing_shared_data_is_reported_not_crashed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(corpora.DATA_DIR_ENV, str(tmp_path / "absent"))
    corpus = corpora.get("newstest2013")
    assert not corpus.available and corpus.missing
    with pytest.raises(InputError, match="not available"):
        corpora.require("newstest2013")
    assert corpora.get("sample").available


def test_shared_corpora_resolve_when_present() -> None:
    corpus = corpora.get("orangesum-dev")
    if not corpus.available:
        pytest.skip("shared data not on this machine")
    assert corpus.paths["source"].name == "source_documents.txt"
    assert set(corpus.systems) == {"barthez", "mbarthez", "mbart", "camembert2camembert"}
