"""The neural backends on a real-shaped model (tests/realmodels.py): Helsinki-NLP's
opus-mt-tc-big-fr-en tokenizer, config and generation settings, with random tiny weights.

The words of a translation mean nothing (random weights); what is real is checked: the two
SentencePiece models and their sub-word counts of French, the 512-token input limit, the
model's own beam size and length limit as defaults, the float16 checkpoint run in float32 on
CPU, and the CTranslate2 conversion (`precis models convert`) and its reuse. The download path
runs with `huggingface_hub.snapshot_download` replaced by a fake that lays out the cache as a
real download does (tests never touch the network).
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from realmodels import (
    REAL_MAX_INPUT_TOKENS,
    REAL_MAX_LENGTH,
    REAL_NUM_BEAMS,
    REAL_VOCAB,
    fake_hub_snapshot,
)

from precis.cli import app
from precis.translate import Translator, get_translator

FAST = {"max_new_tokens": 6}  # random weights never emit </s>: keep outputs short
SENTENCE = "L'Assemblée nationale a adopté mardi le projet de loi."
# SENTENCE cut by the real source.spm of opus-mt-tc-big-fr-en (sentencepiece 0.2, checked by
# hand: accents kept, the elision split off), then MarianTokenizer's </s>.
PIECES = [
    "▁L", "'", "Assemblée", "▁nationale", "▁a", "▁adopté", "▁mardi", "▁le", "▁projet", "▁de",
    "▁loi", ".", "</s>",
]  # fmt: skip
TARGET = "The National Assembly adopted the bill on Tuesday."
TARGET_PIECES = [
    "▁The", "▁National", "▁Assembly", "▁adopted", "▁the", "▁bill", "▁on", "▁Tuesday", ".", "</s>"
]  # fmt: skip
FRENCH = [
    "Le gouvernement a présenté mercredi son projet de budget pour 2025.",
    "La grève des contrôleurs aériens a entraîné l'annulation de centaines de vols.",
    "Il pleut.",
    "Les députés ont rejeté l'amendement par 312 voix contre 250.",
    "Selon l'Insee, le chômage a reculé de 0,2 point au troisième trimestre.",
    "Oui.",
    "Le maire de Marseille s'est rendu à l'hôpital de la Timone après l'incendie.",
    "Les négociations entre syndicats et patronat reprendront lundi prochain à Paris.",
]
REPO = "precis-test/opus-mt-tc-big-fr-en-shape"
REVISION = "0123456789abcdef0123456789abcdef01234567"
needs_ct2 = pytest.mark.skipif(
    importlib.util.find_spec("ctranslate2") is None, reason="ctranslate2 is not installed"
)


@pytest.fixture(scope="module")
def hf(real_marian: Path) -> Iterator[Translator]:
    translator = get_translator("transformers", str(real_marian), **FAST)
    yield translator
    translator.close()


def test_loads_by_local_path_with_both_real_sentencepiece_models(
    hf: Translator, real_marian: Path
) -> None:
    import torch

    tokenizer = hf.backend.tokenizer
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert not filecmp.cmp(real_marian / "source.spm", real_marian / "target.spm", shallow=False)
    assert tokenizer.convert_ids_to_tokens(tokenizer(SENTENCE)["input_ids"]) == PIECES
    target = tokenizer(text_target=TARGET)["input_ids"]  # the target side: target.spm
    assert tokenizer.convert_ids_to_tokens(target) == TARGET_PIECES
    assert hf.backend.count_tokens([SENTENCE]) == [len(PIECES)]
    assert len(tokenizer) == REAL_VOCAB == hf.backend.model.config.vocab_size
    # the published checkpoint is float16: on CPU it must run in float32 (transformers'
    # default dtype "auto" would keep float16: slow and lossy on CPU)
    assert json.loads((real_marian / "config.json").read_text())["dtype"] == "float16"
    assert hf.backend.model.dtype == torch.float32


def test_the_models_own_limits_and_beam_size_are_the_defaults(
    hf: Translator, real_marian: Path
) -> None:
    assert hf.backend.max_input_tokens == REAL_MAX_INPUT_TOKENS
    assert hf.backend.max_target_tokens == REAL_MAX_LENGTH
    options = hf.info.options
    assert options["beams"] == REAL_NUM_BEAMS and options["beams_from"] == "generation_config.json"
    assert f"|beams:{REAL_NUM_BEAMS}|" in hf.info.signature
    greedy = get_translator("transformers", str(real_marian), beams=1, **FAST)
    assert greedy.info.options["beams"] == 1 and greedy.info.options["beams_from"] == "asked"
    assert "|beams:1|" in greedy.info.signature
    assert greedy.info.signature != hf.info.signature  # a cache never mixes the two


def test_a_sentence_over_the_real_limit_is_cut_on_commas_within_it(hf: Translator) -> None:
    clause = "le conseil municipal de la commune numéro {} a voté son budget"
    clauses = [clause.format(i) for i in range(50)]
    long = "En juin, " + ", ".join(clauses) + "."
    assert hf.backend.count_tokens([long])[0] > REAL_MAX_INPUT_TOKENS
    seg = hf.segment(long)
    counts = hf.backend.count_tokens(list(seg.pieces))
    assert len(seg.pieces) >= 2 and max(counts) <= REAL_MAX_INPUT_TOKENS
    assert all(piece.endswith((",", ".")) for piece in seg.pieces)  # clause boundaries
    assert seg.reassemble(list(seg.pieces)) == long  # nothing dropped


def test_batches_fit_the_token_budget_by_real_sub_word_counts(
    real_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translator = get_translator("transformers", str(real_marian), batch_tokens=256, **FAST)
    backend = translator.backend
    budget = backend.batch_tokens  # beam search decodes 4 rows a sentence: 256 / 4 per call
    assert budget == 256 // REAL_NUM_BEAMS
    counts = dict(zip(FRENCH, backend.count_tokens(FRENCH), strict=True))
    words = {s: len(s.split()) + 1 for s in FRENCH}
    assert counts != words  # sub-words, not words
    seen: list[list[str]] = []
    real = backend.translate_batch

    def record(batch: list[str]) -> list[str]:
        seen.append(list(batch))
        return real(batch)

    monkeypatch.setattr(backend, "translate_batch", record)
    out = translator.translate_lines(FRENCH)
    assert len(out) == len(FRENCH) and all(out)
    assert len(seen) > 1
    for batch in seen:
        widths = [counts[s] for s in batch]
        assert widths == sorted(widths, reverse=True)  # longest first: little padding
        assert len(batch) == 1 or len(batch) * max(widths) <= budget
    assert sorted(s for batch in seen for s in batch) == sorted(FRENCH)


def _convert(runner: Any, model: str, *extra: str) -> dict[str, Any]:
    result = runner.invoke(app, ["models", "convert", model, *extra, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@needs_ct2
def test_models_convert_then_translate_uses_it_without_converting(
    runner: Any, real_marian: Path
) -> None:
    data = _convert(runner, str(real_marian))
    folder = Path(data["folder"])
    assert data["reused"] is False and data["quantization"] == "float32"
    for name in ("model.bin", "source.spm", "target.spm", "vocab.json", "generation_config.json"):
        assert (folder / name).is_file(), name
    sidecar = json.loads((folder / "precis.json").read_text(encoding="utf-8"))
    assert sidecar["num_beams"] == REAL_NUM_BEAMS and sidecar["max_length"] == REAL_MAX_LENGTH
    assert _convert(runner, str(real_marian))["reused"] is True
    root, stamp = folder.parent, (folder / "model.bin").stat().st_mtime_ns
    before = sorted(root.iterdir())
    args = ["translate", SENTENCE, "--model", str(real_marian), "--json"]
    result = runner.invoke(app, [*args, "--backend", "ctranslate2"])
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)["info"]
    assert info["options"]["quantization"] == "int8"  # CPU default: the float32 copy, on load
    assert info["options"]["beams"] == REAL_NUM_BEAMS
    assert info["options"]["beams_from"] == "generation_config.json"
    assert "beams 4 (the model's default, generation_config.json" in result.stderr
    assert sorted(root.iterdir()) == before  # nothing converted again
    assert (folder / "model.bin").stat().st_mtime_ns == stamp
    auto = runner.invoke(app, args)  # auto: the converted copy is the fast path
    assert auto.exit_code == 0, auto.stderr
    assert json.loads(auto.stdout)["info"]["name"] == "ctranslate2"
    assert "is converted (precis models convert)" in auto.stderr


@needs_ct2
def test_ctranslate2_float32_equals_transformers_with_the_real_tokenizer(
    real_marian: Path,
) -> None:
    ct2 = get_translator("ctranslate2", str(real_marian), quantization="float32", beams=1, **FAST)
    hf = get_translator("transformers", str(real_marian), beams=1, **FAST)
    assert ct2.backend.max_input_tokens == REAL_MAX_INPUT_TOKENS
    assert ct2.translate_lines(FRENCH) == hf.translate_lines(FRENCH)


@needs_ct2
def test_download_fake_hub_then_convert_and_translate_offline(
    runner: Any, real_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub

    from precis.hub import DOWNLOAD_PATTERNS, hf_cache_dir, resolve_model
    from precis.translate import choose_backend

    calls: list[tuple[str, Any, Any]] = []

    def fake_download(repo_id: str, *, cache_dir: str, allow_patterns: list[str]) -> str:
        calls.append((repo_id, cache_dir, allow_patterns))
        return str(fake_hub_snapshot(Path(cache_dir), repo_id, real_marian, REVISION))

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE")
    result = runner.invoke(app, ["models", "download", REPO])
    assert result.exit_code == 0, result.stderr
    snapshot = Path(result.stdout.strip())
    assert snapshot.name == REVISION and (snapshot / "source.spm").is_file()
    assert calls == [(REPO, str(hf_cache_dir()), list(DOWNLOAD_PATTERNS))]

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # from here on, what the download left
    assert resolve_model(REPO, example="x", alternative="y").path == snapshot
    data = _convert(runner, REPO, "--int8")
    folder = Path(data["folder"])
    assert data["revision"] == REVISION and folder.name.endswith(f"--{REVISION}--int8")
    translator = get_translator("ctranslate2", REPO, **FAST)
    assert translator.backend.folder == folder and not translator.backend.converted_now
    assert translator.info.revision == REVISION
    assert choose_backend(model=REPO).name == "ctranslate2"
    shutil.rmtree(hf_cache_dir())  # the hub cache gone: the converted copy still serves
    again = get_translator("ctranslate2", REPO, **FAST)
    assert again.backend.folder == folder and again.translate_lines(["Oui."])[0]
    assert len(calls) == 1  # never downloaded again


def test_download_offline_names_the_command_to_run_elsewhere(runner: Any) -> None:
    result = runner.invoke(app, ["models", "download", "Helsinki-NLP/opus-mt-tc-big-fr-en"])
    assert result.exit_code == 1 and result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "HF_HUB_OFFLINE" in line and "network access" in line
    assert "`precis models download Helsinki-NLP/opus-mt-tc-big-fr-en`" in line


@needs_ct2
def test_convert_an_uncached_id_offline_says_how_to_get_it(runner: Any) -> None:
    result = runner.invoke(app, ["models", "convert", "Helsinki-NLP/opus-mt-tc-big-fr-en"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "`precis models download Helsinki-NLP/opus-mt-tc-big-fr-en`" in result.stderr


@needs_ct2
def test_a_short_call_gives_every_ctranslate2_worker_a_share(
    real_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: one call under the per-worker budget (2048 tokens) was one sub-batch, so on a
    # 2-core machine one worker translated everything while the other sat idle.
    translator = get_translator("ctranslate2", str(real_marian), inter_threads=2, **FAST)
    backend = translator.backend
    sizes: list[int] = []
    real = backend.translator.translate_batch

    def record(tokens: list[list[str]], **kwargs: Any) -> Any:
        sizes.append(kwargs["max_batch_size"])
        return real(tokens, **kwargs)

    monkeypatch.setattr(backend, "translator", _Proxy(backend.translator, record))
    translator.translate_lines(FRENCH)
    counts = backend.count_tokens(FRENCH)
    assert sum(counts) < backend.per_worker_tokens  # one budget would hold the whole call
    assert sizes and sizes[0] <= sum(counts) // 2 + max(counts)
    assert sizes[0] >= max(counts)  # never below one sentence


class _Proxy:
    """Wraps a ctranslate2.Translator (its attributes are read-only) to record a call."""

    def __init__(self, inner: Any, translate_batch: Any) -> None:
        self._inner = inner
        self.translate_batch = translate_batch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)
