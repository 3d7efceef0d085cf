"""Random-weight models built from a published model's own files (tests and benchmarks).

`shared/models/opus-mt-tc-big-fr-en/` holds Helsinki-NLP/opus-mt-tc-big-fr-en without its
weights: config.json, generation_config.json (num_beams 4, max_length 512), the two
SentencePiece models (source.spm, target.spm), vocab.json and tokenizer_config.json
(model_max_length 512). A model built here from them has everything but the words real: the
sub-word counts of French news, the special tokens, the input limit, the generation defaults,
the architecture, the float16 checkpoint the hub serves, and CTranslate2's conversion of it.
Only the weights are random and, for speed, the dimensions may be another published shape
(`base`: Helsinki-NLP/opus-mt-fr-en) or shrunk (`tiny`, for tests).

The shared folder is found by `precis.corpora.shared_candidates` (`$PRECIS_SHARED`, else
`shared/` beside the repository, ...). Heavy imports happen inside the functions.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from precis.corpora import SHARED_ENV, shared_candidates

REAL_MODEL = "opus-mt-tc-big-fr-en"
REAL_FILES = (
    "config.json",
    "generation_config.json",
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
)
COPIED = (*REAL_FILES[1:], "special_tokens_map.json")  # config.json is rewritten
#: Model dimensions by name: what each shape changes in the real config.json.
SHAPES: dict[str, dict[str, int]] = {
    "tiny": {"d_model": 16, "layers": 1, "ffn_dim": 32, "heads": 2},  # tests
    "base": {"d_model": 512, "layers": 6, "ffn_dim": 2048, "heads": 8},  # opus-mt-fr-en
    "tc-big": {"d_model": 1024, "layers": 6, "ffn_dim": 4096, "heads": 16},  # the real one
}


def real_model_dir(name: str = REAL_MODEL) -> Path | None:
    """The folder of a published model's files (no weights), or None when not on this machine."""
    for shared in shared_candidates():
        folder = shared / "models" / name
        if all((folder / f).is_file() for f in REAL_FILES):
            return folder
    return None


def missing_reason(name: str = REAL_MODEL) -> str:
    """Why real_model_dir() is None (the skip reason of tests)."""
    looked = ", ".join(str(p / "models" / name) for p in shared_candidates())
    return (
        f"the real model files of {name} ({', '.join(REAL_FILES)}) are not here; looked in "
        f"{looked}; set {SHARED_ENV} to the shared folder"
    )


def shaped_config(source: Path, shape: str) -> dict[str, object]:
    """The real config.json with the dimensions of `shape` (a name of SHAPES)."""
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    dims = SHAPES[shape]
    for side in ("encoder", "decoder"):
        config[f"{side}_layers"] = dims["layers"]
        config[f"{side}_ffn_dim"] = dims["ffn_dim"]
        config[f"{side}_attention_heads"] = dims["heads"]
    config["d_model"] = dims["d_model"]
    config["num_hidden_layers"] = dims["layers"]
    config.pop("_name_or_path", None)
    return config


def build_real_shape(
    out: str | Path,
    source: str | Path,
    *,
    shape: str = "tiny",
    dtype: str = "float16",
    seed: int = 0,
) -> Path:
    """Save a random-weight model of `shape` with the real files of `source` in `out`.

    `dtype` is how the weights are stored (the published checkpoint is float16). Reused when
    `out` already holds a model built with the same shape, dtype and seed."""
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM

    from precis.hub import quiet_loading

    src, dst = Path(source), Path(out)
    stamp = {"source": str(src), "shape": shape, "dtype": dtype, "seed": seed}
    marker = dst / "precis-realshape.json"
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == stamp:
        return dst
    dst.mkdir(parents=True, exist_ok=True)
    config_dict = shaped_config(src, shape)
    kind = str(config_dict.pop("model_type"))
    config = AutoConfig.for_model(kind, **config_dict)
    torch.manual_seed(seed)
    model = AutoModelForSeq2SeqLM.from_config(config).eval()
    with quiet_loading():
        model.to(getattr(torch, dtype)).save_pretrained(dst)
    for name in COPIED:  # the real tokenizer and generation settings, byte for byte
        if (src / name).is_file():
            shutil.copyfile(src / name, dst / name)
    marker.write_text(json.dumps(stamp), encoding="utf-8")
    return dst
