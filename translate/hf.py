"""The `transformers` backend: any seq2seq model (Marian opus-mt, M2M100, NLLB, mBART-50).

`AutoTokenizer` + `AutoModelForSeq2SeqLM.generate` under `torch.inference_mode()`, with the
model's own generation settings by default (`num_beams` and `max_length` of its
generation_config.json: 4 beams for opus-mt; `--beams 1`, greedy, is the fast choice for a
small loss), explicit torch threads, optional int8 dynamic quantization of the Linear
layers on CPU (`--int8`). Inputs are never truncated: the Translator splits long sentences
before they get here, using `count_tokens` and `max_input_tokens`.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

from precis.errors import InputError, ModelError
from precis.hub import cached_snapshot, generation_defaults, load_dtype, quiet_loading
from precis.translate.base import (
    DEFAULT_MODEL,
    BackendInfo,
    Option,
    coerce_options,
    default_threads,
    signature,
)
from precis.translate.hfmodel import choose_beams, load_error, resolve_model

DEFAULT_BEAMS = 0  # 0 = the model's own num_beams (generation_config.json); 1 = greedy, fast
DEFAULT_BATCH_TOKENS = 6000  # padded source tokens x beams per generate() call
MAX_NEW_TOKENS_FACTOR = 2  # output budget: 2 x input tokens + a margin, within the model limit
MAX_NEW_TOKENS_MARGIN = 16
HUGE_LENGTH = 1_000_000  # tokenizers without a limit report ~1e30

#: (source, target) language codes of multilingual model families.
LANG_CODES: dict[str, tuple[str, str]] = {
    "nllb": ("fra_Latn", "eng_Latn"),
    "m2m100": ("fr", "en"),
    "mbart50": ("fr_XX", "en_XX"),
}

OPTIONS: dict[str, Option] = {
    "beams": Option(int, DEFAULT_BEAMS, "beam size; 0 = the model's own, 1 = greedy (fast)"),
    "int8": Option(bool, False, "int8 dynamic quantization of Linear layers (CPU)"),
    "device": Option(str, "auto", "cpu, cuda or auto"),
    "threads": Option(int, 0, "torch CPU threads (0 = the idle cores, see default_threads)"),
    "batch_tokens": Option(int, DEFAULT_BATCH_TOKENS, "padded source tokens x beams per batch"),
    "max_new_tokens": Option(int, 0, "output length limit (0 = 2 x input + 16)"),
    "min_new_tokens": Option(int, 0, "minimum output length (benchmarks fix the length)"),
    "src_lang": Option(str, "", "source language code of a multilingual model"),
    "tgt_lang": Option(str, "", "target language code of a multilingual model"),
}
#: Options that change the output (they enter the signature, the cache key and the manifest).
OUTPUT_OPTIONS = ("beams", "int8", "max_new_tokens", "min_new_tokens", "src_lang", "tgt_lang")


def output_caps(lengths: list[int], fixed: int, limit: int | None) -> list[int]:
    """Output length limit of each sentence: its own (2 x input + 16, or `fixed`), so that a
    translation never depends on the other sentences of its batch; within the model's limit."""
    caps = [fixed or MAX_NEW_TOKENS_FACTOR * int(n) + MAX_NEW_TOKENS_MARGIN for n in lengths]
    return [min(c, limit) if limit else c for c in caps]


def model_family(model_type: str, tokenizer_class: str) -> str | None:
    """Which multilingual family needs language codes (None for bilingual models)."""
    if tokenizer_class.lower().startswith("nllb"):
        return "nllb"
    if model_type == "m2m_100" or tokenizer_class.lower().startswith("m2m100"):
        return "m2m100"
    if "mbart50" in tokenizer_class.lower():
        return "mbart50"
    return None


def lang_token_id(tokenizer: Any, code: str) -> int:
    """The id of a target-language token (`__en__`, `eng_Latn`, `en_XX`)."""
    if hasattr(tokenizer, "get_lang_id"):
        try:
            return int(tokenizer.get_lang_id(code))
        except (KeyError, ValueError):
            pass
    unk = tokenizer.unk_token_id
    for token in (code, f"__{code}__"):
        token_id = tokenizer.convert_tokens_to_ids(token)
        if token_id is not None and token_id != unk:
            return int(token_id)
    raise ModelError(f"the tokenizer has no language token for {code!r}")


class TransformersBackend:
    default_model: ClassVar[str | None] = DEFAULT_MODEL
    name: ClassVar[str] = "transformers"

    def __init__(self, model: str | None = None, **options: Any) -> None:
        self.options = coerce_options(self.name, OPTIONS, options)
        self.resolved = resolve_model(model or DEFAULT_MODEL)
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self._torch = torch
        threads = self.options["threads"] or default_threads()
        torch.set_num_threads(threads)
        self.device = self._pick_device(self.options["device"])
        path = str(self.resolved.path)
        try:  # the model first: "not a seq2seq model" matters more than a missing tokenizer
            with quiet_loading():
                dtype = load_dtype(self.device)
                model_obj = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=dtype)
                self.tokenizer = AutoTokenizer.from_pretrained(path)
        except Exception as exc:  # libraries raise OSError, ValueError, TypeError, KeyError...
            raise load_error(
                self.resolved.name, "cannot load as a seq2seq model", exc, self.resolved.path
            ) from exc
        model_obj.eval()
        if self.options["int8"]:
            if self.device != "cpu":
                raise InputError("--int8 (dynamic quantization) runs on CPU only; use --device cpu")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model_obj = torch.ao.quantization.quantize_dynamic(
                    model_obj, {torch.nn.Linear}, dtype=torch.qint8
                )
        self.model = model_obj.to(self.device)
        self._generate_kwargs = self._language_setup()
        config = self.model.config
        limits = [getattr(config, "max_position_embeddings", None)]
        limits.append(getattr(self.tokenizer, "model_max_length", None))
        self.max_input_tokens: int | None = min(
            (int(n) for n in limits if n and n < HUGE_LENGTH), default=None
        )
        defaults = generation_defaults(self.resolved.path)
        self.options["beams"], self.beams_from = choose_beams(self.options["beams"], defaults)
        targets = [getattr(config, "max_position_embeddings", None), defaults.max_length]
        self.max_target_tokens = min((int(n) for n in targets if n), default=None)
        # generate() decodes beams x sentences rows: the budget counts each beam, so that beam
        # search gets several length-sorted batches (less padding, smaller caches to reorder)
        # instead of one batch padded to the longest sentence of the whole job
        self.batch_tokens: int | None = max(
            1, self.options["batch_tokens"] // self.options["beams"]
        )

    def _pick_device(self, device: str) -> str:
        if device not in {"auto", "cpu", "cuda"} and not device.startswith("cuda:"):
            raise InputError(f"device {device!r}: use cpu, cuda or auto")
        cuda = self._torch.cuda.is_available()
        if device == "auto":
            return "cuda" if cuda else "cpu"
        if device.startswith("cuda") and not cuda:
            raise InputError("--device cuda: no CUDA device here; use --device cpu")
        return device

    def _language_setup(self) -> dict[str, Any]:
        family = model_family(self.model.config.model_type, type(self.tokenizer).__name__)
        if family is None:
            return {}
        src, tgt = LANG_CODES[family]
        src = self.options["src_lang"] or src
        tgt = self.options["tgt_lang"] or tgt
        self.options["src_lang"], self.options["tgt_lang"] = src, tgt
        self.tokenizer.src_lang = src
        if hasattr(self.tokenizer, "tgt_lang"):
            self.tokenizer.tgt_lang = tgt
        return {"forced_bos_token_id": lang_token_id(self.tokenizer, tgt)}

    @classmethod
    def available(cls) -> tuple[bool, str]:
        import importlib.util

        for package in ("torch", "transformers"):
            if importlib.util.find_spec(package) is None:
                return False, f"package {package} is not installed (pip install precis)"
        if cached_snapshot(DEFAULT_MODEL) is None:
            return False, f"default model {DEFAULT_MODEL} is not in the local cache (--model PATH)"
        return True, f"{DEFAULT_MODEL} is cached"

    def count_tokens(self, sentences: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(sentences, verbose=False)["input_ids"]]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        torch = self._torch
        batch = self.tokenizer(sentences, return_tensors="pt", padding=True).to(self.device)
        limit = int(self.max_target_tokens) - 1 if self.max_target_tokens else None
        caps = output_caps(
            batch["attention_mask"].sum(dim=1).tolist(), self.options["max_new_tokens"], limit
        )
        # no forced </s> at the length limit: the first `cap` tokens, as CTranslate2 gives them
        kwargs: dict[str, Any] = {"forced_eos_token_id": None, **self._generate_kwargs}
        if self.options["min_new_tokens"]:
            kwargs["min_new_tokens"] = self.options["min_new_tokens"]
        with torch.inference_mode():
            out = self.model.generate(
                **batch,
                num_beams=self.options["beams"],
                do_sample=False,
                max_length=max(caps) + 1,  # decoder length, start token included
                **kwargs,
            )
        rows = [row[: cap + 1] for row, cap in zip(out.tolist(), caps, strict=True)]
        return [t.strip() for t in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]

    def describe(self) -> BackendInfo:
        options = {k: self.options[k] for k in OUTPUT_OPTIONS if self.options[k]}
        options["beams"] = self.options["beams"]
        options["device"] = self.device
        parts: dict[str, Any] = {"model": self.resolved.name, "rev": self.resolved.revision}
        parts.update(options)
        return BackendInfo(
            name=self.name,
            model=self.resolved.name,
            revision=self.resolved.revision,
            options={**options, "beams_from": self.beams_from},
            signature=signature(self.name, parts),
        )

    def close(self) -> None:
        pass
