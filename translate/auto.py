"""Choosing a backend (`auto`), building a Translator, and what `precis models` shows.

`auto` picks the best backend usable here, in this order: ctranslate2 when a converted copy
of the model (given, or the default Helsinki-NLP/opus-mt-fr-en) is in precis' cache
(`precis models convert ID`: the fast path); transformers when the model is given or the
default one is in the local Hugging Face cache; apertium when installed.
The choice and its reason travel with the Translator (`translator.choice`) so the CLI can print
them and every output's metadata records the backend.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import BackendUnavailableError, InputError
from precis.translate.base import AUTO, BACKENDS, DEFAULT_MODEL
from precis.translate.cache import DiskCache
from precis.translate.translator import Translator

AUTO_ORDER = ("ctranslate2", "transformers", "apertium")
DEFAULT_BACKEND = AUTO


@dataclass(frozen=True)
class BackendStatus:
    name: str
    usable: bool
    reason: str
    default_model: str | None
    description: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Choice:
    """Which backend runs and why (`auto` explains itself)."""

    requested: str
    name: str
    reason: str


def choose_backend(backend: str = AUTO, model: str | None = None) -> Choice:
    """Resolve `auto` (or check a named backend exists); raise when nothing is usable."""
    if backend != AUTO:
        BACKENDS.get(backend)  # UnknownNameError listing the valid names
        return Choice(backend, backend, "asked for")
    if model:
        return _choose_for_model(model)
    reasons = []
    for name in AUTO_ORDER:
        backend_cls: Any = BACKENDS.get(name)  # a Backend class: available() is a classmethod
        ok, why = backend_cls.available()
        if ok:
            return Choice(AUTO, name, why)
        reasons.append(f"{name}: {why}")
    raise BackendUnavailableError(
        "no translation backend is usable here (" + "; ".join(reasons) + "). Install Apertium "
        "(apt-get install apertium apertium-fr-es apertium-eng-spa) for offline translation, "
        f"or get {DEFAULT_MODEL} into the Hugging Face cache, or pass --model PATH"
    )


def _choose_for_model(model: str) -> Choice:
    from precis.translate.ct2 import find_converted, is_ct2_model

    folder = Path(model).expanduser()
    if folder.is_dir() and is_ct2_model(folder):
        return Choice(AUTO, "ctranslate2", f"{model} is a CTranslate2 model folder")
    if importlib.util.find_spec("ctranslate2") is not None and find_converted(model):
        return Choice(AUTO, "ctranslate2", f"{model} is converted (precis models convert)")
    return Choice(AUTO, "transformers", f"model {model} given")


def get_translator(
    backend: str = AUTO, model: str | None = None, *, cache: bool = False, **options: Any
) -> Translator:
    """A ready Translator: `.translate_document(text)`, `.translate_lines(lines)`, `.info`.

    `options` go to the backend (beams, int8, device, batch_tokens, ...); None values are
    ignored, strings are converted ("4" -> 4). `cache=True` adds the on-disk cache.
    """
    choice = choose_backend(backend, model)
    given = {k: v for k, v in options.items() if v is not None}
    try:
        instance = BACKENDS.get(choice.name)(model=model, **given)
    except InputError as exc:
        if backend == AUTO:
            raise InputError(f"{exc} (auto chose {choice.name}: {choice.reason})") from exc
        raise
    translator = Translator(instance, cache=DiskCache() if cache else None)
    translator.choice = choice
    return translator


def list_backends() -> list[BackendStatus]:
    """Every registered backend, usable here or not and why (for `precis models`)."""
    rows = []
    for name in BACKENDS.names():
        cls: Any = BACKENDS.get(name)
        try:
            ok, why = cls.available()
        except Exception as exc:  # a broken optional install must not break the listing
            ok, why = False, f"check failed: {exc}"
        module = sys.modules.get(cls.__module__)
        description = _first_line((module.__doc__ if module else None) or cls.__doc__ or "")
        default = getattr(cls, "default_model", None)
        rows.append(BackendStatus(name, ok, why, default, description))
    return rows


def auto_status() -> tuple[str | None, str]:
    """What `auto` would pick here, and why (or None and the reasons nothing is usable)."""
    try:
        choice = choose_backend(AUTO)
    except BackendUnavailableError as exc:
        return None, str(exc)
    return choice.name, choice.reason


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
