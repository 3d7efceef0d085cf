"""The tiny-model kit builds real models that reload through from_pretrained."""

from __future__ import annotations

from pathlib import Path


def test_tiny_marian_reloads_and_generates(tiny_marian: Path) -> None:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_marian)
    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_marian)
    assert type(model).__name__ == "MarianMTModel"
    batch = tokenizer(["Le chat dort à l'école."], return_tensors="pt")
    out = model.generate(**batch, max_new_tokens=5)
    assert out.shape[0] == 1
    assert isinstance(tokenizer.decode(out[0], skip_special_tokens=True), str)


def test_tiny_bart_reloads_and_generates(tiny_bart: Path) -> None:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_bart)
    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_bart)
    assert type(model).__name__ == "BartForConditionalGeneration"
    assert tokenizer.model_max_length == model.config.max_position_embeddings
    ids = tokenizer("L'été à Paris.").input_ids
    assert ids[0] == tokenizer.bos_token_id and ids[-1] == tokenizer.eos_token_id
    out = model.generate(**tokenizer(["L'été à Paris."], return_tensors="pt"), max_new_tokens=4)
    assert out.shape[0] == 1
