"""The abstractive method on the tiny BART fixture (64 positions): chunking, never truncation."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.errors import ModelError
from precis.summarize import summarize
from precis.summarize.abstractive import Abstractive


@pytest.fixture
def recording(tiny_bart: Path) -> tuple[Abstractive, list[str]]:
    """An Abstractive method that records every text it sends to the model."""
    method = Abstractive(model=str(tiny_bart))
    seen: list[str] = []
    real = method.generate

    def generate(texts: list[str], max_new_tokens: int | None) -> list[str]:
        seen.extend(texts)
        return real(texts, max_new_tokens)

    method.generate = generate  # type: ignore[method-assign]
    return method, seen


def test_long_input_is_chunked_not_truncated(
    seed_text: str, recording: tuple[Abstractive, list[str]]
) -> None:
    method, seen = recording
    summary = summarize(seed_text, method="abstractive", summarizer=method, words=30)
    limit = method.max_input_tokens()
    assert limit == 64
    tokenizer = method._tokenizer
    # Every input the model saw fits, special tokens included.
    assert seen and all(len(tokenizer(t).input_ids) <= limit for t in seen)
    # The article is longer than the model's limit: level-0 chunks cover all its sentences.
    doc_sentences = [s for s in summary.dedup.text.split() if s]
    assert len(tokenizer(" ".join(doc_sentences)).input_ids) > limit
    level0 = [c for c in summary.chunks if c.level == 0]
    assert len(level0) > 1
    covered = set()
    for chunk in level0:
        covered |= set(range(chunk.first_sentence, chunk.last_sentence + 1))
        assert chunk.tokens <= limit - tokenizer.num_special_tokens_to_add()
    n_sentences = max(c.last_sentence for c in level0) + 1
    assert covered == set(range(n_sentences))
    assert any(c.level >= 1 for c in summary.chunks)  # summaries of summaries
    assert any("exceeds the model's limit" in note for note in summary.notes)
    assert summary.method == "abstractive" and summary.model == str(method.model_name)
    words = summary.text.split()
    assert len(summary.sentences) == 1 or len(words) <= 30


def test_short_input_needs_no_chunk(tiny_bart: Path) -> None:
    summary = summarize("Le chat dort.", method="abstractive", model=str(tiny_bart))
    assert summary.chunks == ()
    assert summary.to_dict()["model"] == str(tiny_bart)


def test_chunks_break_between_paragraphs_first(tiny_bart: Path) -> None:
    method = Abstractive(model=str(tiny_bart))
    pieces = [(0, 0, "Le chat dort."), (0, 1, "Il pleut."), (1, 2, "Le train part à Lyon.")]
    budget = method.count_tokens(["Le chat dort. Il pleut."])[0]
    chunks = method.chunk(pieces, budget)
    assert [[p[1] for p in chunk] for chunk in chunks] == [[0, 1], [2]]


def test_a_sentence_longer_than_the_model_is_split_between_words(tiny_bart: Path) -> None:
    method = Abstractive(model=str(tiny_bart))
    long_sentence = " ".join(["Le conseil municipal de Montpellier a voté le budget."] * 12)
    chunks = method.chunk([(0, 0, long_sentence)], 40)
    assert len(chunks) > 1
    assert " ".join(p[2] for c in chunks for p in c).split() == long_sentence.split()
    assert all(method.count_tokens([p[2]])[0] <= 40 for c in chunks for p in c)


def test_missing_model_offline_is_a_clear_error() -> None:
    with pytest.raises(ModelError) as info:
        summarize("Le chat dort.", method="abstractive", model="precis-test/no-such-model")
    message = str(info.value)
    assert "precis-test/no-such-model" in message
    assert "not in the local Hugging Face cache" in message
    assert "--method extractive" in message


def test_folder_that_is_not_a_seq2seq_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no config\.json"):
        summarize("Le chat dort.", method="abstractive", model=str(tmp_path))
    (tmp_path / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a seq2seq model"):
        summarize("Le chat dort.", method="abstractive", model=str(tmp_path))


def test_summarizer_and_translator_share_one_model_lookup(
    tiny_bart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: summarize asked transformers with local_files_only and treated only "1", "true",
    # "yes", "on" as offline, while translation resolved through its own lookup. Now both go
    # through precis.hub: a hub id in the cache is found offline, by the same function.
    from realmodels import fake_hub_snapshot

    from precis import hub

    snapshot = fake_hub_snapshot(hub.hf_cache_dir(), "precis-test/bart", tiny_bart, "c0ffee")
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "y")  # any true word says offline, as for translate
    assert hub.is_offline()
    method = Abstractive(model="precis-test/bart")
    summary = summarize("Le chat dort. Il pleut à Paris.", method="abstractive", summarizer=method)
    assert summary.text and summary.model == "precis-test/bart"
    seen: list[str] = []
    real = hub.resolve_model

    def spy(model: str, **kwargs: str) -> hub.ResolvedModel:
        seen.append(model)
        return real(model, **kwargs)

    monkeypatch.setattr(hub, "resolve_model", spy)
    Abstractive(model="precis-test/bart").max_input_tokens()
    assert seen == ["precis-test/bart"]
    assert real("precis-test/bart", example="x", alternative="y").path == snapshot
    with pytest.raises(ModelError, match="TRANSFORMERS_OFFLINE is set"):
        Abstractive(model="precis-test/not-cached").max_input_tokens()
