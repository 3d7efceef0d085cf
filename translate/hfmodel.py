"""Translation models through precis' one Hugging Face lookup (`precis.hub`).

What is translation-specific: the model quoted as an example, what works without a model
(Apertium), and the one-line error for a folder that is not a translation model.
"""

from __future__ import annotations

from pathlib import Path

from precis import hub
from precis.errors import ModelError
from precis.hub import ResolvedModel
from precis.translate.base import DEFAULT_MODEL

OFFLINE_ALTERNATIVE = "use --backend apertium, which works offline"


def resolve_model(model: str) -> ResolvedModel:
    """A translation model folder or hub id, found by the shared lookup."""
    return hub.resolve_model(model, example=DEFAULT_MODEL, alternative=OFFLINE_ALTERNATIVE)


def load_error(
    model: str, problem: str, exc: BaseException, folder: Path | None = None
) -> ModelError:
    """A one-line ModelError for a model a library could not load: names the model, the kind
    of model its config.json declares when that is not a seq2seq one, else the library's first
    line (some run to a page: lists of classes)."""
    kind = hub.config_model_type(folder) if folder is not None else None
    if kind is not None and not hub.is_seq2seq_type(kind):
        return ModelError(
            f"{model}: not a seq2seq (encoder-decoder) translation model: its config.json says "
            f"model_type {kind!r}; pass a translation model such as {DEFAULT_MODEL} (Marian), "
            "M2M100, NLLB or mBART-50"
        )
    return ModelError(
        f"{model}: {problem} ({type(exc).__name__}: {hub.first_line(exc)}); a model folder "
        "holds config.json, the weights and the tokenizer files, as save_pretrained writes them"
    )


#: Beam size when neither the user nor the model's generation_config.json sets one.
FALLBACK_BEAMS = 1
#: Where the beam size came from (the BackendInfo option `beams_from`; not in the signature).
BEAMS_ASKED = "asked"


def choose_beams(asked: int, defaults: hub.GenerationDefaults) -> tuple[int, str]:
    """The beam size to use and where it came from: the user's (--beams N), else the model's
    own (generation_config.json: quality first), else greedy."""
    if asked:
        return asked, BEAMS_ASKED
    if defaults.num_beams:
        return defaults.num_beams, defaults.source
    return FALLBACK_BEAMS, "fallback"
