"""The `ctranslate2` backend (optional extra `precis[ct2]`): the fast path on CPU.

A transformers model (Marian opus-mt, M2M100, NLLB, mBART-50) is converted once into a
CTranslate2 folder cached under `$PRECIS_CACHE_DIR/ct2/`, keyed by the model's name, revision
and quantization (int8 on CPU by default), with its tokenizer files copied in so the folder is
self-contained (it also works when the hub cache is gone). Translation runs on several
single-thread workers (`inter_threads` = cores, `intra_threads` = 1 on CPU: on small CPUs this
beats one multi-thread worker), each batch cut by CTranslate2 into token-budget sub-batches
sorted by length. Greedy unless `--beams` says otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from precis.errors import BackendUnavailableError, InputError
from precis.translate.base import (
    DEFAULT_MODEL,
    BackendInfo,
    Option,
    cache_dir,
    coerce_options,
    cpu_cores,
    signature,
)
from precis.translate.hf import LANG_CODES, lang_token_id, model_family, output_caps
from precis.translate.hfmodel import (
    ResolvedModel,
    cached_snapshot,
    load_error,
    quiet_loading,
    resolve_model,
)

CT2_SUBDIR = "ct2"
SIDECAR = "precis.json"  # what precis knows of the source model (position limit, revision)
DEFAULT_QUANTIZATION = {"cpu": "int8", "cuda": "int8_float16"}
DEFAULT_BATCH_TOKENS = 2048  # per worker; one call feeds every worker
MAX_DECODING_LENGTH = 512
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "sentencepiece.bpe.model",
    "spiece.model",
    "added_tokens.json",
)

OPTIONS: dict[str, Option] = {
    "quantization": Option(str, "", "int8 (CPU default), int8_float32, float32, float16, ..."),
    "device": Option(str, "auto", "cpu, cuda or auto"),
    "beams": Option(int, 1, "beam size; 1 = greedy (fast default)"),
    "inter_threads": Option(int, 0, "parallel workers (0 = one per core on CPU)"),
    "intra_threads": Option(int, 0, "threads per worker (0 = 1 on CPU)"),
    "batch_tokens": Option(int, DEFAULT_BATCH_TOKENS, "source tokens per worker batch"),
    "max_new_tokens": Option(int, 0, "output length limit (0 = 2 x input + 16)"),
    "min_new_tokens": Option(int, 0, "minimum output length (benchmarks fix the length)"),
    "src_lang": Option(str, "", "source language code of a multilingual model"),
    "tgt_lang": Option(str, "", "target language code of a multilingual model"),
    "int8": Option(bool, False, "same as quantization=int8 (for CLI symmetry)"),
    "threads": Option(int, 0, "total CPU threads (0 = all cores)"),
}
OUTPUT_OPTIONS = ("beams", "max_new_tokens", "min_new_tokens", "src_lang", "tgt_lang")


def is_ct2_model(path: Path) -> bool:
    return (path / "model.bin").is_file() and not (path / "pytorch_model.bin").exists()


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name.strip("/"))[-80:]


def converted_dir(model: ResolvedModel, quantization: str) -> Path:
    return cache_dir() / CT2_SUBDIR / f"{_slug(model.name)}--{model.revision}--{quantization}"


def find_converted(model: str, quantization: str = DEFAULT_QUANTIZATION["cpu"]) -> Path | None:
    """A converted folder of a hub id already in precis' cache (any revision), or None."""
    root = cache_dir() / CT2_SUBDIR
    found = sorted(
        root.glob(f"{_slug(model)}--*--{quantization}/model.bin"),
        key=lambda p: p.stat().st_mtime,
    )
    return found[-1].parent if found else None


def _sidecar(model: ResolvedModel, quantization: str) -> dict[str, Any]:
    config = json.loads((model.path / "config.json").read_text(encoding="utf-8"))
    return {
        "source": model.name,
        "revision": model.revision,
        "quantization": quantization,
        "max_position_embeddings": config.get("max_position_embeddings"),
    }


def convert(model: ResolvedModel, quantization: str) -> Path:
    """Convert once; later calls find the folder. Atomic: a temp folder renamed into place."""
    target = converted_dir(model, quantization)
    if is_ct2_model(target):
        return target
    import ctranslate2

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    # names, not paths: the converter joins them to the model folder (a relative one too)
    copy = [f for f in TOKENIZER_FILES if (model.path / f).is_file()]
    try:
        converter = ctranslate2.converters.TransformersConverter(
            str(model.path), copy_files=copy, low_cpu_mem_usage=True
        )
        with quiet_loading(warnings=False):
            converter.convert(str(tmp), quantization=quantization, force=True)
        (tmp / SIDECAR).write_text(json.dumps(_sidecar(model, quantization)), encoding="utf-8")
        try:
            os.replace(tmp, target)
        except OSError:  # another process converted it meanwhile
            if not is_ct2_model(target):
                raise
    except Exception as exc:
        raise load_error(model.name, "CTranslate2 conversion failed", exc, model.path) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


class CTranslate2Backend:
    default_model: ClassVar[str | None] = DEFAULT_MODEL
    name: ClassVar[str] = "ctranslate2"

    def __init__(self, model: str | None = None, **options: Any) -> None:
        import importlib.util

        if importlib.util.find_spec("ctranslate2") is None:
            raise BackendUnavailableError(
                "the ctranslate2 backend needs the ctranslate2 package: pip install 'precis[ct2]'"
            )
        import ctranslate2
        from transformers import AutoTokenizer

        self.options = coerce_options(self.name, OPTIONS, options)
        self.device = self._pick_device(self.options["device"], ctranslate2)
        quant = self.options["quantization"] or (
            "int8" if self.options["int8"] else DEFAULT_QUANTIZATION[self.device]
        )
        self.options["quantization"] = quant
        self.model_name, self.revision, folder = self._locate(model or DEFAULT_MODEL, quant)
        self.folder = folder
        cores = self.options["threads"] or cpu_cores()
        if self.device == "cpu":
            inter = self.options["inter_threads"] or cores
            intra = self.options["intra_threads"] or max(1, cores // inter)
        else:
            inter = self.options["inter_threads"] or 1
            intra = self.options["intra_threads"]
        self.inter_threads, self.intra_threads = inter, intra
        try:
            self.translator = ctranslate2.Translator(
                str(folder),
                device=self.device,
                compute_type=quant,
                inter_threads=inter,
                intra_threads=intra,
            )
            self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        except Exception as exc:  # libraries raise OSError, ValueError, TypeError, ...
            raise load_error(str(folder), "cannot load the CTranslate2 model", exc) from exc
        self.per_worker_tokens = self.options["batch_tokens"]
        self.batch_tokens: int | None = self.per_worker_tokens * inter
        limit = getattr(self.tokenizer, "model_max_length", None)
        self.max_input_tokens: int | None = int(limit) if limit and limit < 1_000_000 else None
        sidecar = folder / SIDECAR
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        positions = meta.get("max_position_embeddings") or self.max_input_tokens
        self.max_decoding = min(MAX_DECODING_LENGTH, int(positions) - 1 if positions else 10**9)
        self._prefix = self._language_setup()

    def _pick_device(self, device: str, ctranslate2: Any) -> str:
        cuda = ctranslate2.get_cuda_device_count() > 0
        if device == "auto":
            return "cuda" if cuda else "cpu"
        if device not in {"cpu", "cuda"}:
            raise InputError(f"device {device!r}: use cpu, cuda or auto")
        if device == "cuda" and not cuda:
            raise InputError("--device cuda: no CUDA device here; use --device cpu")
        return device

    def _locate(self, model: str, quant: str) -> tuple[str, str, Path]:
        local = Path(model).expanduser()
        if local.is_dir() and is_ct2_model(local):
            st = (local / "model.bin").stat()
            return model, f"{st.st_size:x}{st.st_mtime_ns:x}"[-12:], local
        if not local.is_dir() and cached_snapshot(model) is None:
            found = find_converted(model, quant)
            if found is not None:  # converted earlier; the hub cache may be gone since
                return model, found.name.split("--")[-2], found
        resolved = resolve_model(model)
        return resolved.name, resolved.revision, convert(resolved, quant)

    def _language_setup(self) -> list[list[str]] | None:
        family = model_family("", type(self.tokenizer).__name__)
        if family is None:
            return None
        src, tgt = LANG_CODES[family]
        src = self.options["src_lang"] or src
        tgt = self.options["tgt_lang"] or tgt
        self.options["src_lang"], self.options["tgt_lang"] = src, tgt
        self.tokenizer.src_lang = src
        token = self.tokenizer.convert_ids_to_tokens(lang_token_id(self.tokenizer, tgt))
        return [[token]]

    @classmethod
    def available(cls) -> tuple[bool, str]:
        import importlib.util

        for package in ("ctranslate2", "transformers"):
            if importlib.util.find_spec(package) is None:
                return False, f"package {package} is not installed (pip install 'precis[ct2]')"
        if cached_snapshot(DEFAULT_MODEL) is None and find_converted(DEFAULT_MODEL) is None:
            return False, f"default model {DEFAULT_MODEL} is not in the local cache (--model PATH)"
        return True, f"{DEFAULT_MODEL} is cached or converted"

    def count_tokens(self, sentences: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(sentences, verbose=False)["input_ids"]]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        ids = self.tokenizer(sentences, verbose=False)["input_ids"]
        tokens = [self.tokenizer.convert_ids_to_tokens(x) for x in ids]
        caps = output_caps([len(x) for x in ids], self.options["max_new_tokens"], self.max_decoding)
        prefix = len(self._prefix[0]) if self._prefix else 0
        results = self.translator.translate_batch(
            tokens,
            target_prefix=self._prefix * len(tokens) if self._prefix else None,
            max_batch_size=self.per_worker_tokens,
            batch_type="tokens",
            beam_size=self.options["beams"],
            max_input_length=0,  # never truncate (long sentences were split upstream)
            max_decoding_length=max(caps) + prefix,
            min_decoding_length=self.options["min_new_tokens"] or 1,
        )
        hyps = [
            self.tokenizer.convert_tokens_to_ids(r.hypotheses[0][: cap + prefix])
            for r, cap in zip(results, caps, strict=True)
        ]
        return [t.strip() for t in self.tokenizer.batch_decode(hyps, skip_special_tokens=True)]

    def describe(self) -> BackendInfo:
        import ctranslate2

        options: dict[str, Any] = {k: self.options[k] for k in OUTPUT_OPTIONS if self.options[k]}
        options["beams"] = self.options["beams"]
        options["quantization"] = self.options["quantization"]
        options["device"] = self.device
        parts: dict[str, Any] = {"model": self.model_name, "rev": self.revision, **options}
        parts["ctranslate2"] = ctranslate2.__version__
        return BackendInfo(
            name=self.name,
            model=self.model_name,
            revision=self.revision,
            options=options,
            signature=signature(self.name, parts),
        )

    def close(self) -> None:
        pass
