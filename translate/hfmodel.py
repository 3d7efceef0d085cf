"""Finding a Hugging Face model: a local folder, or a hub id in the local cache (or downloaded).

Shared by the transformers and ctranslate2 backends. Nothing heavy is imported here except
`huggingface_hub`, and only inside functions. The cache location and offline mode are read from
the environment at call time (HF_HUB_CACHE, HF_HOME, XDG_CACHE_HOME, HF_HUB_OFFLINE).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from precis.errors import ModelError
from precis.translate.base import FALSE_WORDS

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
    if not is_hub_id(model):
        raise ModelError(f"{model}: no such model folder")
    snapshot = cached_snapshot(model)
    if snapshot is not None:
        return ResolvedModel(model, snapshot, snapshot.name)
    if is_offline():
        raise ModelError(not_cached_message(model, "HF_HUB_OFFLINE is set"))
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
