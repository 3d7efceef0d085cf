"""Build small real seq2seq models on disk, with no download, for tests and benchmarks.

A sentencepiece model is trained on a few hundred lines of text; a random-weight Marian
(translation) or BART (summarization) model is built with it and saved with `save_pretrained`,
so that the code under test loads it through the same `from_pretrained` path as a real model.
Heavy imports happen inside the functions.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path

TINY_VOCAB_SIZE = 400
OPUS_MT_VOCAB_SIZE = 59514  # Helsinki-NLP/opus-mt-fr-en


def _train_spm(lines: Iterable[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([line for line in lines if line.strip()]),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=1,
        bos_id=-1,
        eos_id=0,
        pad_id=-1,
        minloglevel=2,
        num_threads=1,
    )
    return buffer.getvalue()


def _spm_pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_proto=model)
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size())]


def build_marian(
    path: str | Path,
    lines: Iterable[str],
    *,
    vocab_size: int = TINY_VOCAB_SIZE,
    d_model: int = 32,
    layers: int = 2,
    ffn_dim: int = 64,
    heads: int = 2,
    max_length: int = 64,
    max_position_embeddings: int = 128,
    seed: int = 0,
) -> Path:
    """Save a random-weight MarianMTModel and its MarianTokenizer in `path`; return `path`.

    The vocabulary is the sentencepiece vocabulary padded with filler pieces up to vocab_size,
    so that an opus-mt-sized embedding (59,514 rows) can be built from a small training text.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    # A big vocabulary (opus-mt shape) is a small trained one padded with filler pieces.
    spm_size = TINY_VOCAB_SIZE if vocab_size > 8000 else vocab_size
    spm_model = _train_spm(lines, spm_size)
    (out / "source.spm").write_bytes(spm_model)
    (out / "target.spm").write_bytes(spm_model)
    pieces = _spm_pieces(spm_model)
    vocab: dict[str, int] = {}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    while len(vocab) < vocab_size - 1:
        vocab[f"<filler_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        source_lang="fr",
        target_lang="en",
        model_max_length=max_length,
    )
    pad_id = vocab["<pad>"]
    config = MarianConfig(  # type: ignore[call-arg]  # static_position_embeddings: Marian's own
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_position_embeddings,
        pad_token_id=pad_id,
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=pad_id,
        forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True,
        scale_embedding=True,
        static_position_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config.max_length = max_length
    model.generation_config.num_beams = 1
    model.generation_config.bad_words_ids = [[pad_id]]
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_bart(
    path: str | Path,
    lines: Iterable[str],
    *,
    vocab_size: int = TINY_VOCAB_SIZE,
    d_model: int = 32,
    layers: int = 2,
    ffn_dim: int = 64,
    heads: int = 2,
    max_position_embeddings: int = 64,
    seed: int = 0,
) -> Path:
    """Save a random-weight BartForConditionalGeneration with a sentencepiece tokenizer.

    The tokenizer is a sentencepiece-style unigram model trained with `tokenizers`, wrapped in
    a `PreTrainedTokenizerFast` with BART's special tokens; its `model_max_length` equals the
    model's position limit so that long inputs are visibly too long.
    """
    import torch
    from tokenizers import SentencePieceUnigramTokenizer
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    backend = SentencePieceUnigramTokenizer()
    backend.train_from_iterator(
        [line for line in lines if line.strip()],
        vocab_size=vocab_size,
        special_tokens=specials,
        unk_token="<unk>",
        show_progress=False,
    )
    from tokenizers.processors import TemplateProcessing

    backend.post_processor = TemplateProcessing(
        single="<s> $A </s>",
        special_tokens=[("<s>", backend.token_to_id("<s>")), ("</s>", backend.token_to_id("</s>"))],
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        model_max_length=max_position_embeddings,
    )
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_position_embeddings,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    model.generation_config.max_length = 24
    model.generation_config.num_beams = 1
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
