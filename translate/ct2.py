"""The `ctranslate2` backend (optional extra `precis[ct2]`): the fast path on CPU.

A transformers model (Marian opus-mt, M2M100, NLLB, mBART-50) is converted once into a
CTranslate2 folder cached under `$PRECIS_CACHE_DIR/ct2/`, keyed by the model's name, revision
and stored quantization, with its tokenizer files and generation_config.json copied in so the
folder is self-contained (it also works when the hub cache is gone). `precis models convert`
does it ahead of time (float32, or int8 with --int8); a float32 copy serves every compute type
(CTranslate2 quantizes it on load), an int8 copy serves int8. Translation runs on several
single-thread workers (`inter_threads` = cores, `intra_threads` = 1 on CPU: on small CPUs this
beats one multi-thread worker), each batch cut by CTranslate2 into token-budget sub-batches
sorted by length. The beam size is the model's own (generation_config.json) unless `--beams`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from precis.errors import BackendUnavailableError, InputError
from precis.hub import (
    GENERATION_CONFIG,
    GenerationDefaults,
    ResolvedModel,
    cached_snapshot,
    generation_defaults,
    is_hub_id,
    local_revision,
    quiet_loading,
    read_json,
)
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
from precis.translate.hfmodel import choose_beams, load_error, resolve_model

CT2_SUBDIR = "ct2"
SIDECAR = "precis.json"  # what precis knows of the source model (position limit, revision)
DEFAULT_QUANTIZATION = {"cpu": "int8", "cuda": "int8_float16"}
CONVERT_QUANTIZATION = "float32"  # `precis models convert` without --int8: serves every type
DEFAULT_BATCH_TOKENS = 2048  # per worker; one call feeds every worker
MAX_DECODING_LENGTH = 512
COPIED_FILES = (  # tokenizer files and the model's generation settings
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "sentencepiece.bpe.model",
    "spiece.model",
    "added_tokens.json",
    GENERATION_CONFIG,
)

OPTIONS: dict[str, Option] = {
    "quantization": Option(str, "", "int8 (CPU default), int8_float32, float32, float16, ..."),
    "device": Option(str, "auto", "cpu, cuda or auto"),
    "beams": Option(int, 0, "beam size; 0 = the model's own, 1 = greedy (fast)"),
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


@dataclass(frozen=True)
class Converted:
    """A CTranslate2 copy of a model in precis' cache (what `precis models convert` reports)."""

    source: str  # the hub id or folder converted
    revision: str
    folder: Path
    quantization: str  # as stored; float32 serves every compute type
    reused: bool  # already in the cache: nothing was converted now

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "folder": str(self.folder)}


def is_ct2_model(path: Path) -> bool:
    return (path / "model.bin").is_file() and not (path / "pytorch_model.bin").exists()


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name.strip("/"))[-80:]


def _key(name: str) -> str:
    """Cache key of a model name: a local folder by its absolute path (./m and /abs/m agree)."""
    local = Path(name).expanduser()
    return _slug(str(local.resolve()) if local.is_dir() else name)


def converted_dir(model: ResolvedModel, quantization: str) -> Path:
    return cache_dir() / CT2_SUBDIR / f"{_key(model.name)}--{model.revision}--{quantization}"


def usable_storage(compute: str) -> tuple[str, ...]:
    """Stored quantizations that can run with compute type `compute` (exact one first)."""
    return (compute,) if compute == CONVERT_QUANTIZATION else (compute, CONVERT_QUANTIZATION)


def find_converted(model: str, quantization: str = DEFAULT_QUANTIZATION["cpu"]) -> Path | None:
    """A converted copy of `model` in precis' cache that can run as `quantization`, or None.

    A local folder counts only with its current content (revision); a hub id cached here
    with its cached revision; a hub id no longer cached with any revision (newest first)."""
    local = Path(model).expanduser()
    if local.is_dir():
        if not (local / "config.json").is_file():
            return None
        revision = local_revision(local)
    elif is_hub_id(model):
        snapshot = cached_snapshot(model)
        revision = snapshot.name if snapshot is not None else "*"
    else:
        return None
    root = cache_dir() / CT2_SUBDIR
    for stored in usable_storage(quantization):
        found = sorted(
            root.glob(f"{_key(model)}--{revision}--{stored}/model.bin"),
            key=lambda p: p.stat().st_mtime,
        )
        if found:
            return found[-1].parent
    return None


def worker_budget(lengths: list[int], budget: int, workers: int) -> int:
    """Tokens per CTranslate2 sub-batch: the per-worker budget, or less when the call holds
    fewer than `workers` budgets, so that every worker gets a share (a short job in one
    sub-batch would leave all workers but one idle). Sub-batches are counted padded,
    hence the slack of one longest row."""
    longest = max(lengths, default=1)
    share = math.ceil(sum(lengths) / max(workers, 1)) + longest  # + one row of padding slack
    return max(min(budget, share), longest)


def _sidecar(model: ResolvedModel, quantization: str) -> dict[str, Any]:
    config = read_json(model.path / "config.json") or {}
    defaults = generation_defaults(model.path)
    return {
        "source": model.name,
        "revision": model.revision,
        "quantization": quantization,
        "max_position_embeddings": config.get("max_position_embeddings"),
        "num_beams": defaults.num_beams,
        "max_length": defaults.max_length,
        "generation_defaults_from": defaults.source,
    }


def _require_ctranslate2() -> None:
    import importlib.util

    if importlib.util.find_spec("ctranslate2") is None:
        raise BackendUnavailableError(
            "the ctranslate2 backend needs the ctranslate2 package: pip install 'precis[ct2]'"
        )


def convert_model(model: str, quantization: str = CONVERT_QUANTIZATION) -> Converted:
    """`precis models convert`: a hub id (cached or downloadable) or a folder, converted once
    into precis' cache, where `--backend ctranslate2 --model ID` and `auto` find it."""
    _require_ctranslate2()
    return convert(resolve_model(model), quantization)


def convert(model: ResolvedModel, quantization: str) -> Converted:
    """Convert once; later calls find the folder. Atomic: a temp folder renamed into place."""
    target = converted_dir(model, quantization)
    if is_ct2_model(target):
        return Converted(model.name, model.revision, target, quantization, reused=True)
    import ctranslate2

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    # names, not paths: the converter joins them to the model folder (a relative one too)
    copy = [f for f in COPIED_FILES if (model.path / f).is_file()]
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
    return Converted(model.name, model.revision, target, quantization, reused=False)


class CTranslate2Backend:
    default_model: ClassVar[str | None] = DEFAULT_MODEL
    name: ClassVar[str] = "ctranslate2"

    def __init__(self, model: str | None = None, **options: Any) -> None:
        _require_ctranslate2()
        import ctranslate2
        from transformers import AutoTokenizer

        self.options = coerce_options(self.name, OPTIONS, options)
        self.device = self._pick_device(self.options["device"], ctranslate2)
        quant = self.options["quantization"] or (
            "int8" if self.options["int8"] else DEFAULT_QUANTIZATION[self.device]
        )
        self.options["quantization"] = quant
        self.converted_now = False
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
        meta = read_json(folder / SIDECAR) or {}
        defaults = generation_defaults(folder)
        if meta.get("num_beams") or meta.get("max_length"):
            source = str(meta.get("generation_defaults_from") or SIDECAR)
            defaults = GenerationDefaults(meta.get("num_beams"), meta.get("max_length"), source)
        self.options["beams"], self.beams_from = choose_beams(self.options["beams"], defaults)
        positions = meta.get("max_position_embeddings") or self.max_input_tokens
        limits = [int(n) - 1 for n in (positions, defaults.max_length) if n]
        self.max_decoding = min([MAX_DECODING_LENGTH, *limits])
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
        found = find_converted(model, quant)  # converted earlier (the hub cache may be gone)
        if found is not None:
            revision = (read_json(found / SIDECAR) or {}).get("revision")
            return model, str(revision or found.name.split("--")[-2]), found
        resolved = resolve_model(model)
        converted = convert(resolved, quant)
        self.converted_now = not converted.reused
        return resolved.name, resolved.revision, converted.folder

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
        return [[token if isinstance(token, str) else token[0]]]

    @classmethod
    def available(cls) -> tuple[bool, str]:
        import importlib.util

        for package in ("ctranslate2", "transformers"):
            if importlib.util.find_spec(package) is None:
                return False, f"package {package} is not installed (pip install 'precis[ct2]')"
        if find_converted(DEFAULT_MODEL) is None:
            return False, (
                f"no converted copy of {DEFAULT_MODEL} in precis' cache "
                f"(precis models convert {DEFAULT_MODEL})"
            )
        return True, f"{DEFAULT_MODEL} is converted (precis' cache)"

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
            max_batch_size=worker_budget(
                [len(x) for x in ids], self.per_worker_tokens, self.inter_threads
            ),
            batch_type="tokens",
            beam_size=self.options["beams"],
            max_input_length=0,  # never truncate (long sentences were split upstream)
            max_decoding_length=max(caps) + prefix,
            min_decoding_length=self.options["min_new_tokens"] or 1,
        )
        hyps: list[Any] = [
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
            options={**options, "beams_from": self.beams_from},
            signature=signature(self.name, parts),
        )

    def close(self) -> None:
        pass
