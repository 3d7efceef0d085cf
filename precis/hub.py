"""The one Hugging Face model lookup: a local folder, or a hub id in the local cache (or fetched).

Shared by summarization (summarize/abstractive.py) and translation (the transformers and
ctranslate2 backends), so both follow the same rules: a folder is used as is; a hub id is
taken from the local cache; the hub is asked only when the environment does not say offline
(HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE); every failure is one line naming the way out
(`precis models download ID` on a machine with network access). Callers then load with
`from_pretrained(resolved.path)`: always a local folder. Also here: the model's own generation
settings (`generation_config.json`), the defaults precis uses. Nothing heavy is imported at
module level; the cache location and offline mode are read from the environment at call time.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import ModelError

FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", ""})
OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")

#: Files fetched when a hub model is downloaded (weights, configs, tokenizer files).
DOWNLOAD_PATTERNS = (
    "*.json",
    "*.spm",
    "*.model",
    "*.txt",
    "*.safetensors",
    "pytorch_model*.bin",
)
WEIGHT_FILES = ("*.safetensors", "pytorch_model*.bin", "model.bin")
GENERATION_CONFIG = "generation_config.json"
#: Longest library detail quoted in a model error (some run to a page: lists of classes).
ERROR_DETAIL_CHARS = 300


@dataclass(frozen=True)
class ResolvedModel:
    name: str  # what the user gave (hub id or path)
    path: Path  # local folder with config.json
    revision: str  # hub commit hash, or a content hash of a local folder


@dataclass(frozen=True)
class GenerationDefaults:
    """The model authors' generation settings (generation_config.json, else config.json)."""

    num_beams: int | None
    max_length: int | None
    source: str  # the file they were read from, or "none"


def hf_cache_dir() -> Path:
    """The hub cache folder, as huggingface_hub would compute it now."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "huggingface" / "hub"


def offline_variable() -> str | None:
    """The variable that says offline (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE), or None."""
    for var in OFFLINE_VARS:
        if os.environ.get(var, "").strip().lower() not in FALSE_WORDS:
            return var
    return None


def is_offline() -> bool:
    return offline_variable() is not None


def is_hub_id(model: str) -> bool:
    """`name` or `org/name`; anything else (./x, /abs/path, ~/x, a/b/c, C:\\x) is a path."""
    parts = model.split("/")
    return (
        1 <= len(parts) <= 2
        and all(parts)
        and not model.startswith((".", "~"))
        and "\\" not in model
        and ":" not in model
    )


def cached_snapshot(model: str) -> Path | None:
    """The cached snapshot folder of a hub id (with its config.json), or None."""
    if Path(model).expanduser().is_dir() or not is_hub_id(model):
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        found = try_to_load_from_cache(model, "config.json", cache_dir=str(hf_cache_dir()))
    except Exception:  # an invalid repo id, a broken cache: simply not cached
        return None
    return Path(found).parent if isinstance(found, str) else None


def local_revision(path: Path) -> str:
    """A short content hash of a local model folder: config plus weight names, sizes, mtimes."""
    import hashlib  # here, not at module level: OpenSSL's load costs `precis --help` ~10 ms

    digest = hashlib.sha256()
    config = path / "config.json"
    if config.is_file():
        digest.update(config.read_bytes())
    for pattern in WEIGHT_FILES:
        for weight in sorted(path.glob(pattern)):
            st = weight.stat()
            digest.update(f"{weight.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def download_command(model: str) -> str:
    return f"precis models download {model}"


def not_cached_message(model: str, why: str, alternative: str) -> str:
    return (
        f"model {model!r} is not in the local Hugging Face cache ({hf_cache_dir()}) and {why}. "
        f"Get it on a machine with network access: `{download_command(model)}` (or "
        f"`huggingface-cli download {model}`), then copy the cache folder here; or pass a local "
        f"folder saved with save_pretrained; or {alternative}"
    )


def resolve_model(model: str, *, example: str, alternative: str) -> ResolvedModel:
    """A local folder as is; a hub id from the cache, downloaded when the network is allowed.

    `example` is a model id quoted when a path does not exist; `alternative` is what works
    without the model (quoted when a hub id is neither cached nor downloadable)."""
    local = Path(model).expanduser()
    if local.is_dir():
        if not (local / "config.json").is_file():
            raise ModelError(
                f"{model}: no config.json in this folder: not a model folder; pass a folder "
                "saved with save_pretrained, or a model id from the local cache"
            )
        return ResolvedModel(model, local, local_revision(local))
    if local.exists():
        raise ModelError(f"{model}: is a file; --model takes a model folder or a hub id")
    if not is_hub_id(model):
        raise ModelError(
            f"{model}: no such model folder; check the path, or pass a model id such as {example}"
        )
    snapshot = cached_snapshot(model)
    if snapshot is not None:
        return ResolvedModel(model, snapshot, snapshot.name)
    variable = offline_variable()
    if variable is not None:
        why = f"{variable} is set"
        if "/" in model:  # `org/name` and `folder/model` look alike
            why = f"{variable} is set (nor is there a folder {model} here)"
        raise ModelError(not_cached_message(model, why, alternative))
    try:
        return download(model)
    except ModelError as exc:
        raise ModelError(not_cached_message(model, str(exc), alternative)) from exc


def download(model: str) -> ResolvedModel:
    """Fetch a hub model into the normal Hugging Face cache (`precis models download`)."""
    if not is_hub_id(model):
        raise ModelError(f"{model}: not a hub id (org/name); a local folder needs no download")
    variable = offline_variable()
    if variable is not None:
        raise ModelError(
            f"cannot download {model}: {variable} is set (no network here). Run "
            f"`{download_command(model)}` on a machine with network access, then copy its "
            f"Hugging Face cache ({hf_cache_dir()}) to this one"
        )
    try:
        from huggingface_hub import snapshot_download

        folder = snapshot_download(
            model, cache_dir=str(hf_cache_dir()), allow_patterns=list(DOWNLOAD_PATTERNS)
        )
    except Exception as exc:
        raise ModelError(
            f"could not download {model} ({type(exc).__name__}: {first_line(exc)}); run "
            f"`{download_command(model)}` on a machine with network access"
        ) from exc
    path = Path(folder)
    if not (path / "config.json").is_file():
        raise ModelError(f"{model}: downloaded, but it has no config.json: not a model")
    return ResolvedModel(model, path, path.name)


def generation_defaults(folder: Path) -> GenerationDefaults:
    """num_beams and max_length as the model's authors set them (None where unset)."""
    for name in (GENERATION_CONFIG, "config.json"):
        data = read_json(folder / name)
        if data is not None and ("num_beams" in data or "max_length" in data):
            beams, length = data.get("num_beams"), data.get("max_length")
            return GenerationDefaults(
                int(beams) if isinstance(beams, int) and beams > 0 else None,
                int(length) if isinstance(length, int) and length > 0 else None,
                name,
            )
    return GenerationDefaults(None, None, "none")


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def config_model_type(folder: Path) -> str | None:
    """The `model_type` of a folder's config.json, or None when there is none to read."""
    data = read_json(folder / "config.json")
    kind = data.get("model_type") if data is not None else None
    return kind if isinstance(kind, str) else None


def is_seq2seq_type(model_type: str | None) -> bool:
    """Does transformers map this model_type to a seq2seq model class? (True if unknown.)"""
    if model_type is None:
        return True
    try:
        from transformers.models.auto.modeling_auto import (
            MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES as SEQ2SEQ,
        )
    except ImportError:
        return True
    return model_type in SEQ2SEQ


def first_line(exc: BaseException) -> str:
    """The first non-empty line of a library's message, cut at ERROR_DETAIL_CHARS."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0] if lines else ""
    if len(detail) > ERROR_DETAIL_CHARS:
        detail = detail[: ERROR_DETAIL_CHARS - 3] + "..."
    return detail


@contextlib.contextmanager
def quiet_loading(*, warnings: bool = True) -> Iterator[None]:
    """No transformers "Loading weights" bar while loading from disk: it is drawn on stderr even
    when that is not a terminal, and would turn a one-line load error into several lines.
    `warnings=False` also hides transformers' warnings (ctranslate2's converter triggers a
    deprecation warning that says nothing to a precis user)."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    if not warnings:
        hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def load_dtype(device: str) -> Any:
    """The dtype to load weights in: float32 on CPU (transformers' "auto" would keep a float16
    checkpoint, as the hub serves opus-mt-tc-big, in float16: slow and lossy on CPU), the
    checkpoint's own on a GPU."""
    if device != "cpu":
        return "auto"
    import torch

    return torch.float32
