"""The transformers and ctranslate2 backends on the tiny random Marian fixture (real code path).

The fixture's weights are random, so the text of a translation means nothing; what is checked
is what the code controls: structure, alignment, order, input limits, caching, conversion.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from precis.errors import ModelError
from precis.translate import get_translator

ARTICLE = (
    "L'OTAN change de secrétaire général.\n\n"
    "Mark Rutte, ancien Premier ministre néerlandais, succède à Jens Stoltenberg. "
    "Il a été choisi par les 32 alliés.\n"
    "Le mandat dure quatre ans.\n"
)
LONG_SENTENCE = (
    "Le conseil municipal de Montfleury, réuni en séance extraordinaire mardi soir, a adopté "
    "un plan canicule qui prévoit l'ouverture de salles rafraîchies, la distribution d'eau "
    "aux personnes âgées, des horaires aménagés pour les agents ; les associations, elles, "
    "demandent davantage de moyens pour les quartiers les plus exposés à la chaleur."
)
FAST = {"max_new_tokens": 8}  # random weights never emit </s>: keep outputs short (test speed)
needs_ct2 = pytest.mark.skipif(
    importlib.util.find_spec("ctranslate2") is None, reason="ctranslate2 is not installed"
)


@pytest.fixture(scope="module")
def marian_translator(tiny_marian: Path):
    translator = get_translator("transformers", str(tiny_marian), **FAST)
    yield translator
    translator.close()


def test_structure_and_metadata(marian_translator) -> None:
    out = marian_translator.translate_document(ARTICLE)
    assert out.count("\n") == ARTICLE.count("\n")
    assert len(out.split("\n\n")) == 2
    assert [bool(line.strip()) for line in out.split("\n")] == [True, False, True, True, False]
    info = marian_translator.info
    assert info.name == "transformers" and info.options["beams"] == 1
    assert info.revision and info.signature.startswith("transformers|model:")


def test_lines_alignment_and_repeat_consistency(marian_translator) -> None:
    lines = ["Bonjour.", "", "La grève continue.", "Bonjour."]
    out = marian_translator.translate_lines(lines)
    assert len(out) == 4 and out[1] == "" and out[0] == out[3]
    # batched and sorted, or one by one: the same translation (order restored exactly)
    assert marian_translator.translate_lines(["La grève continue."]) == [out[2]]


def test_long_sentence_split_by_real_tokens_not_truncated(tiny_marian: Path) -> None:
    translator = get_translator("transformers", str(tiny_marian), **FAST)
    limit = translator.backend.max_input_tokens
    assert limit == 64  # the fixture's model_max_length
    assert translator.backend.count_tokens([LONG_SENTENCE])[0] > limit
    seg = translator.segment(LONG_SENTENCE)
    assert len(seg.pieces) >= 2
    assert all(n <= limit for n in translator.backend.count_tokens(list(seg.pieces)))
    assert seg.reassemble(list(seg.pieces)) == LONG_SENTENCE  # nothing dropped
    out = translator.translate_document(LONG_SENTENCE)
    assert "\n" not in out and out.strip()


def test_int8_and_beams(tiny_marian: Path) -> None:
    translator = get_translator("transformers", str(tiny_marian), int8=True, beams=2, **FAST)
    out = translator.translate_lines(["Le chat dort.", "Il pleut."])
    assert len(out) == 2
    assert translator.info.options["int8"] is True and translator.info.options["beams"] == 2
    assert "int8:yes" in translator.info.signature


def test_fixed_output_length_option(tiny_marian: Path) -> None:
    translator = get_translator(
        "transformers", str(tiny_marian), min_new_tokens=6, max_new_tokens=6
    )
    backend = translator.backend
    import torch

    batch = backend.tokenizer(["Le chat dort."], return_tensors="pt")
    with torch.inference_mode():
        ids = backend.model.generate(**batch, max_length=7, min_new_tokens=6, num_beams=1)
    assert ids.shape[1] == 7  # start token + 6 generated tokens
    assert len(translator.translate_lines(["Le chat dort."])) == 1


def test_uncached_hub_model_offline_error_names_the_fix() -> None:
    with pytest.raises(ModelError) as info:
        get_translator("transformers", "Helsinki-NLP/opus-mt-fr-en")
    message = str(info.value)
    assert "Helsinki-NLP/opus-mt-fr-en" in message
    assert "not in the local Hugging Face cache" in message
    assert "`precis models download Helsinki-NLP/opus-mt-fr-en`" in message
    assert "--backend apertium" in message


def test_missing_model_folder() -> None:
    with pytest.raises(ModelError, match="no such model folder"):
        get_translator("transformers", "./no/such/model")


@needs_ct2
def test_ctranslate2_converts_once_and_translates(tiny_marian: Path, tmp_path: Path) -> None:
    first = get_translator("ctranslate2", str(tiny_marian), **FAST)
    folder = first.backend.folder
    assert (folder / "model.bin").is_file() and "--int8" in folder.name
    out = first.translate_document(ARTICLE)
    assert out.count("\n") == ARTICLE.count("\n")
    assert first.info.options["quantization"] == "int8"
    stamp = (folder / "model.bin").stat().st_mtime_ns
    second = get_translator("ctranslate2", str(tiny_marian), **FAST)
    assert second.backend.folder == folder
    assert (folder / "model.bin").stat().st_mtime_ns == stamp  # reused, not converted again
    assert second.translate_document(ARTICLE) == out
    direct = get_translator(
        "ctranslate2", str(folder), **FAST
    )  # a CTranslate2 folder given directly
    assert direct.translate_lines(["Le mandat dure quatre ans."]) == first.translate_lines(
        ["Le mandat dure quatre ans."]
    )
    assert first.backend.inter_threads >= 1 and first.backend.intra_threads >= 1


@needs_ct2
def test_ctranslate2_float32_matches_transformers_greedy(tiny_marian: Path) -> None:
    ct2 = get_translator("ctranslate2", str(tiny_marian), quantization="float32", **FAST)
    hf = get_translator("transformers", str(tiny_marian), **FAST)
    lines = ["Le chat dort.", "La grève continue à Toulouse."]
    assert ct2.translate_lines(lines) == hf.translate_lines(lines)


class _Tokenizer:
    """Just enough of a tokenizer for language-token lookups."""

    unk_token_id = 3

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab

    def convert_tokens_to_ids(self, token: str) -> int:
        return self.vocab.get(token, self.unk_token_id)


def test_multilingual_families_and_language_tokens() -> None:
    from precis.translate.hf import LANG_CODES, lang_token_id, model_family

    assert model_family("m2m_100", "M2M100Tokenizer") == "m2m100"
    assert model_family("m2m_100", "NllbTokenizerFast") == "nllb"
    assert model_family("mbart", "MBart50TokenizerFast") == "mbart50"
    assert model_family("marian", "MarianTokenizer") is None
    assert LANG_CODES["nllb"] == ("fra_Latn", "eng_Latn")
    tok = _Tokenizer({"__en__": 7, "eng_Latn": 9, "en_XX": 11})
    assert lang_token_id(tok, "en") == 7  # M2M100 wraps codes: __en__
    assert lang_token_id(tok, "eng_Latn") == 9
    assert lang_token_id(tok, "en_XX") == 11
    with pytest.raises(ModelError, match="no language token"):
        lang_token_id(tok, "xx")
