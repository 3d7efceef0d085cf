"""Abstractive summaries with any seq2seq model of transformers (by hub id or local folder).

`AutoTokenizer` / `AutoModelForSeq2SeqLM.from_pretrained(model)` and `generate` under
`torch.inference_mode()`. An input longer than the model accepts is never truncated: it is cut
into chunks on paragraph, then sentence, then word boundaries, by the tokenizer's real token
counts against the model's limit (the smaller of `tokenizer.model_max_length` and
`config.max_position_embeddings`); each chunk is summarized, and the partial summaries are
summarized again (map-reduce) until one input fits. Every chunk is reported in `Summary.chunks`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, ClassVar

from precis import hub
from precis.errors import ModelError
from precis.summarize.base import (
    METHODS,
    Chosen,
    Chunk,
    Document,
    Length,
    MethodResult,
    Sentence,
    fit_in_order,
)
from precis.text.paragraphs import word_count
from precis.text.sentences import is_complete, split_sentences

DEFAULT_MODEL = "moussaKam/barthez-orangesum-abstract"
NUM_BEAMS = 4
BATCH_SIZE = 8
TOKENS_PER_WORD = 2.0  # French subword tokens per word, to turn --words into max_new_tokens
MAX_REDUCE_LEVELS = 6
_NO_LIMIT = 1_000_000  # tokenizers without a real limit report 1e30


OFFLINE_ALTERNATIVE = "`--method extractive` works offline"


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


TOKENIZER_PROBE = "Le président a été réélu dimanche à Paris."


def _check_tokenizer(name: str, tokenizer: Any, model: Any) -> None:
    """Refuse a tokenizer that cannot be this model's: one with no vocabulary (transformers
    builds an empty one when a folder lacks the tokenizer files: every text would become an
    empty input) or one with more tokens than the model has embeddings (an index error in the
    middle of generation)."""
    ids = tokenizer(TOKENIZER_PROBE, add_special_tokens=False)["input_ids"]
    unknown = getattr(tokenizer, "unk_token_id", None)
    if not ids or all(i == unknown for i in ids):
        raise ModelError(
            f"{name}: the tokenizer has no vocabulary (tokenizer files missing from the model "
            "folder?); save the tokenizer beside the model with tokenizer.save_pretrained"
        )
    embeddings = model.get_input_embeddings()
    rows = getattr(embeddings, "num_embeddings", None)
    if isinstance(rows, int) and len(tokenizer) > rows:
        raise ModelError(
            f"{name}: the tokenizer has {len(tokenizer)} tokens but the model only {rows} "
            "embeddings: the tokenizer is not this model's; save both from the same model"
        )


def _piece_text(pieces: list[tuple[int, int, str]]) -> str:
    return " ".join(text for _, _, text in pieces)


@METHODS.register("abstractive")
class Abstractive:
    name: ClassVar[str] = "abstractive"
    uses_model: ClassVar[bool] = True

    def __init__(
        self,
        *,
        model: str | None = None,
        num_beams: int | None = NUM_BEAMS,
        batch_size: int = BATCH_SIZE,
        device: str | None = None,
    ) -> None:
        self.model_name = model or DEFAULT_MODEL
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.device = device
        self._tokenizer: Any = None
        self._model: Any = None

    # -- loading ---------------------------------------------------------------------------
    def _load(self) -> None:
        if self._model is not None:
            return
        import torch

        name = self.model_name
        resolved = hub.resolve_model(name, example=DEFAULT_MODEL, alternative=OFFLINE_ALTERNATIVE)
        self.device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        try:
            tokenizer, model = self._from_pretrained(resolved.path, hub.load_dtype(self.device))
        except OSError as exc:
            raise ModelError(
                f"{name}: this folder is not a loadable seq2seq model ({_one_line(exc)})"
            ) from exc
        except Exception as exc:  # a config of another kind, damaged weights or tokenizer files
            kind = hub.config_model_type(resolved.path)
            if isinstance(exc, ValueError) and (kind is None or not hub.is_seq2seq_type(kind)):
                what = f"a {kind!r} model" if kind else _one_line(exc)
                raise ModelError(
                    f"{name}: not a seq2seq model usable for summaries ({what}); pass an "
                    f"encoder-decoder summarization model such as {DEFAULT_MODEL}"
                ) from exc
            raise ModelError(
                f"{name}: cannot load the model ({type(exc).__name__}: {_one_line(exc)}); "
                "its files may be damaged: save or download it again"
            ) from exc
        if not getattr(model.config, "is_encoder_decoder", False):
            raise ModelError(f"{name}: not an encoder-decoder (seq2seq) model")
        _check_tokenizer(name, tokenizer, model)
        self._tokenizer = tokenizer
        self._model = model.to(self.device).eval()

    @staticmethod
    def _from_pretrained(folder: Path, dtype: Any) -> tuple[Any, Any]:
        """Tokenizer and model from a local folder (the hub lookup already found it)."""
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        with hub.quiet_loading():
            return (
                AutoTokenizer.from_pretrained(str(folder)),
                AutoModelForSeq2SeqLM.from_pretrained(str(folder), dtype=dtype),
            )

    def max_input_tokens(self) -> int:
        """The longest input the model accepts, special tokens included."""
        self._load()
        limits = [
            v
            for v in (
                getattr(self._tokenizer, "model_max_length", None),
                getattr(self._model.config, "max_position_embeddings", None),
            )
            if isinstance(v, int) and 0 < v < _NO_LIMIT
        ]
        if not limits:
            raise ModelError(f"{self.model_name}: cannot tell the model's maximum input length")
        return min(limits)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Token counts without special tokens."""
        self._load()
        if not texts:
            return []
        encoded = self._tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]
        return [len(ids) for ids in encoded]

    # -- chunking --------------------------------------------------------------------------
    def chunk(
        self, pieces: list[tuple[int, int, str]], budget: int
    ) -> list[list[tuple[int, int, str]]]:
        """Group (paragraph, sentence position, text) pieces into chunks of <= budget tokens,
        breaking between paragraphs when possible, else between sentences, else words."""
        units: list[tuple[int, int, str]] = []
        counts = self.count_tokens([text for _, _, text in pieces])
        for (para, pos, text), n in zip(pieces, counts, strict=True):
            if n <= budget:
                units.append((para, pos, text))
            else:
                units.extend((para, pos, part) for part in self._split_words(text, budget))
        chunks: list[list[tuple[int, int, str]]] = []
        current: list[tuple[int, int, str]] = []
        for unit in units:
            if not current or self._fits([*current, unit], budget):
                current.append(unit)
                continue
            # Inside a paragraph: move its beginning to the next chunk, if it fits there.
            cut = next(
                (i for i in range(len(current) - 1, 0, -1) if current[i][0] != current[i - 1][0]),
                None,
            )
            if cut and unit[0] == current[-1][0] and self._fits([*current[cut:], unit], budget):
                chunks.append(current[:cut])
                current = [*current[cut:], unit]
            else:
                chunks.append(current)
                current = [unit]
        if current:
            chunks.append(current)
        return chunks

    def _fits(self, pieces: list[tuple[int, int, str]], budget: int) -> bool:
        return self.count_tokens([_piece_text(pieces)])[0] <= budget

    def _split_words(self, text: str, budget: int) -> list[str]:
        """A sentence longer than the budget, cut between words (a word longer than the
        budget on its own is cut in halves until it fits)."""
        parts: list[str] = []
        current: list[str] = []
        for word in text.split():
            trial = " ".join([*current, word])
            if self.count_tokens([trial])[0] <= budget:
                current.append(word)
                continue
            if current:
                parts.append(" ".join(current))
            current = []
            if self.count_tokens([word])[0] <= budget:
                current = [word]
            else:
                parts.extend(self._split_chars(word, budget))
        if current:
            parts.append(" ".join(current))
        return parts

    def _split_chars(self, word: str, budget: int) -> list[str]:
        if len(word) <= 1 or self.count_tokens([word])[0] <= budget:
            return [word]
        half = len(word) // 2
        return self._split_chars(word[:half], budget) + self._split_chars(word[half:], budget)

    # -- generation ------------------------------------------------------------------------
    def generate(self, texts: list[str], max_new_tokens: int | None) -> list[str]:
        """Summaries of texts that each fit the model (batched, beam search)."""
        import torch

        self._load()
        kwargs: dict[str, Any] = {}
        if self.num_beams:
            kwargs["num_beams"] = self.num_beams
        if max_new_tokens:
            # max_new_tokens rules; max_length=None keeps the model's default from competing.
            kwargs.update(max_new_tokens=max_new_tokens, max_length=None)
        out: list[str] = []
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                batch = self._tokenizer(
                    texts[start : start + self.batch_size], return_tensors="pt", padding=True
                ).to(self.device)
                ids = self._model.generate(**batch, **kwargs)
                out.extend(
                    " ".join(t.split())
                    for t in self._tokenizer.batch_decode(ids, skip_special_tokens=True)
                )
        return out

    def summarize(self, doc: Document, length: Length) -> MethodResult:
        self._load()
        limit = self.max_input_tokens()
        specials = self._tokenizer.num_special_tokens_to_add()
        budget = max(1, limit - specials)
        pieces = [(s.paragraph, s.position, s.text) for s in doc.sentences if s.boilerplate is None]
        target = length.max_words(doc.words)
        final_tokens = math.ceil(target * TOKENS_PER_WORD) + 2 if target else None
        chunks: list[Chunk] = []
        notes: list[str] = []
        level = 0
        while True:
            groups = self.chunk(pieces, budget)
            if len(groups) == 1:
                break
            if level >= MAX_REDUCE_LEVELS:
                raise ModelError(
                    f"{self.model_name}: partial summaries do not get shorter than the model's "
                    f"limit ({limit} tokens) after {level} rounds"
                )
            partial = self.generate([_piece_text(g) for g in groups], max(4, budget // 2))
            sizes = self.count_tokens([_piece_text(g) for g in groups])
            for g, n, text in zip(groups, sizes, partial, strict=True):
                chunks.append(Chunk(level, g[0][1], g[-1][1], n, text))
            notes.append(
                f"level {level}: input of {sum(sizes)} tokens exceeds the model's limit of "
                f"{limit}: summarized in {len(groups)} chunks, then summarized again"
            )
            pieces = [(i, i, text) for i, text in enumerate(partial) if text.strip()]
            level += 1
        text = self.generate([_piece_text(pieces)], final_tokens)[0] if pieces else ""
        return self._fit(text, length, chunks, notes)

    def _fit(
        self, text: str, length: Length, chunks: list[Chunk], notes: list[str]
    ) -> MethodResult:
        """Trim the generated text to whole sentences within the length (at least one); a
        ratio already set the generation length."""
        sentences = [
            Sentence(s, i, 0, is_complete(s), None, word_count(s))
            for i, s in enumerate(split_sentences(text))
        ]
        if length.words is not None:
            trim = Length(words=length.words)
        else:
            trim = Length(sentences=length.sentences or len(sentences) or 1)
        kept, more = fit_in_order(sentences, trim, word_count(text), prefix=True)
        notes.extend(more)
        if kept and not kept[-1].complete:
            notes.append("the model's last sentence is unfinished (generation length reached)")
        return MethodResult(
            text=" ".join(s.text for s in kept),
            sentences=tuple(Chosen(s.text, None, None, None) for s in kept),
            model=self.model_name,
            chunks=tuple(chunks),
            notes=tuple(notes),
            details={"max_input_tokens": self.max_input_tokens(), "num_beams": self.num_beams},
        )
