"""Real-shaped test models: opus-mt-tc-big-fr-en's own files, random weights, shrunk dimensions.

Built once per test session from shared/models/opus-mt-tc-big-fr-en (see precis/realshape.py:
`$PRECIS_SHARED`, else shared/ beside the repository root, else /work/shared). When the files
are not on this machine, the tests that need them are skipped, saying where they looked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from precis.realshape import build_real_shape, missing_reason, real_model_dir

#: The real published limits and settings the fixture must carry (from the shared files).
REAL_MAX_INPUT_TOKENS = 512  # tokenizer_config.json model_max_length
REAL_POSITIONS = 1024  # config.json max_position_embeddings
REAL_NUM_BEAMS = 4  # generation_config.json
REAL_MAX_LENGTH = 512  # generation_config.json
REAL_VOCAB = 53017  # config.json vocab_size (vocab.json: 53,017 pieces, <pad> last)


def real_source() -> Path:
    """The real files' folder, or skip the calling test saying why."""
    folder = real_model_dir()
    if folder is None:
        pytest.skip(missing_reason())
    return folder


def build(out: Path) -> Path:
    """A tiny-dimension model with the real tokenizer, config and generation settings."""
    return build_real_shape(out, real_source(), shape="tiny")


def fake_hub_snapshot(cache: Path, repo_id: str, model: Path, revision: str) -> Path:
    """Put `model` into a Hugging Face cache folder laid out as huggingface_hub writes it
    (models--org--name/snapshots/REV plus refs/main), as a real download would."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / revision
    shutil.copytree(model, snapshot, dirs_exist_ok=True)
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    return snapshot
