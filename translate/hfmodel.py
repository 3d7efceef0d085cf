"""Finding a Hugging Face model: a local folder, or a hub id in the local cache (or downloaded).

Shared by the transformers and ctranslate2 backends. Nothing heavy is imported here except
`huggingface_hub` and transformers' logging switches, and only inside functions. The cache
location and offline mode are read from the environment at call time (HF_HUB_CACHE, HF_HOME,
XDG_CACHE_HOME, HF_HUB_OFFLINE).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from precis.errors import ModelError
from precis.translate.base import DEFAULT_MODEL, FALSE_WORDS

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


@dataclass(frozen=True)
class ResolvedModel:
    name: str  # what the user gave (hub id or path)
    path: Path  # local folder with config.json
    revision: str  # hub commit hash, or a content hash of a local folder


def hf_cache_dir() -> Path:
    """The hub cache folder, as huggingface_hub would compute it now."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "huggingface" / "hub"


def is_offline() -> bool:
    return any(
        os.environ.get(var, "").strip().lower() not in FALSE_WORDS
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def cached_snapshot(model: str) -> Path | None:
    """The cached snapshot folder of a hub id (with its config.json), or None."""
    if Path(model).expanduser().is_dir():
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
    digest = hashlib.sha256()
    config = path / "config.json"
    if config.is_file():
        digest.update(config.read_bytes())
    for pattern in WEIGHT_FILES:
        for weight in sorted(path.glob(pattern)):
            st = weight.stat()
            digest.update(f"{weight.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


#: Longest library detail quoted in a model error (some run to a page: lists of classes).
ERROR_DETAIL_CHARS = 300


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


def load_error(
    model: str, problem: str, exc: BaseException, folder: Path | None = None
) -> ModelError:
    """A one-line ModelError for a model a library could not load: names the model, the kind
    of model its config.json declares when that is not a seq2seq one, else the library's first
    line (some run to a page: lists of classes)."""
    kind = config_model_type(folder) if folder is not None else None
    if kind is not None and not is_seq2seq_type(kind):
        return ModelError(
            f"{model}: not a seq2seq (encoder-decoder) translation model: its config.json says "
            f"model_type {kind!r}; pass a translation model such as {DEFAULT_MODEL} (Marian), "
            "M2M100, NLLB or mBART-50"
        )
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0] if lines else ""
    if len(detail) > ERROR_DETAIL_CHARS:
        detail = detail[: ERROR_DETAIL_CHARS - 3] + "..."
    return ModelError(
        f"{model}: {problem} ({type(exc).__name__}: {detail}); a model folder holds "
        "config.json, the weights and the tokenizer files, as save_pretrained writes them"
    )


def config_model_type(folder: Path) -> str | None:
    """The `model_type` of a folder's config.json, or None when there is none to read."""
    try:
        data = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kind = data.get("model_type") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def is_seq2seq_type(model_type: str) -> bool:
    """Does transformers map this model_type to a seq2seq model class? (True if unknown.)"""
    try:
        from transformers.models.auto.modeling_auto import (
            MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES as SEQ2SEQ,
        )
    except ImportError:
        return True
    return model_type in SEQ2SEQ


def not_cached_message(model: str, why: str) -> str:
    return (
        f"model {model!r} is not in the local Hugging Face cache ({hf_cache_dir()}) and {why}. "
        f"Get it on a machine with network access: `huggingface-cli download {model}` "
        "(then copy the cache folder here), or save it with save_pretrained and pass "
        "--model PATH; or use --backend apertium, which works offline"
    )


def resolve_model(model: str) -> ResolvedModel:
    """A local folder as is; a hub id from the cache, downloaded when the network is allowed."""
    local = Path(model).expanduser()
    if local.is_dir():
        if not (local / "config.json").is_file():
            raise ModelError(f"{model}: no config.json in this folder; not a model folder")
        return ResolvedModel(model, local, local_revision(local))
    if local.exists():
        raise ModelError(f"{model}: is a file; --model takes a model folder or a hub id")
    if not is_hub_id(model):
        raise ModelError(f"{model}: no such model folder")
    snapshot = cached_snapshot(model)
    if snapshot is not None:
        return ResolvedModel(model, snapshot, snapshot.name)
    if is_offline():
        why = "HF_HUB_OFFLINE is set"
        if "/" in model:  # `org/name` and `folder/model` look alike
            why = f"HF_HUB_OFFLINE is set (nor is there a folder {model} here)"
        raise ModelError(not_cached_message(model, why))
    try:
        from huggingface_hub import snapshot_download

        folder = snapshot_download(
            model, cache_dir=str(hf_cache_dir()), allow_patterns=list(DOWNLOAD_PATTERNS)
        )
    except Exception as exc:
        raise ModelError(
            not_cached_message(model, f"could not be downloaded ({type(exc).__name__})")
        ) from exc
    return ResolvedModel(model, Path(folder), Path(folder).name)


def is_hub_id(model: str) -> bool:
    """`name` or `org/name`; anything else (./x, /abs/path, a/b/c) is a path."""
    parts = model.split("/")
    return 1 <= len(parts) <= 2 and all(parts) and not model.startswith((".", "~"))
