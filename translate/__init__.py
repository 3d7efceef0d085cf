"""French -> English translation (installed as `precis.translate`).

    >>> from precis.translate import translate, get_translator, translate_folder
    >>> translate(["Bonjour le monde."])                      # list[str]
    >>> tr = get_translator("apertium"); tr.translate_document(text); tr.info.signature
    >>> translate_folder("articles/", "out/")                  # FolderReport (resumable)

Backends (registry `BACKENDS`): transformers, ctranslate2, apertium; `auto` picks the best one
usable here. Importing this package is cheap: torch, transformers and ctranslate2 are imported
only when a backend is built.
"""

from __future__ import annotations

import importlib
from typing import Any

from precis.translate import backends  # noqa: F401  (fills the BACKENDS registry)
from precis.translate.base import (
    AUTO,
    BACKENDS,
    DEFAULT_MODEL,
    Backend,
    BackendInfo,
    Option,
    coerce_options,
    signature,
)

# The rest loads on first use (keeps `precis --help` fast): name -> module.
_LAZY = {
    "TranslationResult": "api",
    "translate": "api",
    "translate_lines": "api",
    "translate_text": "api",
    "AUTO_ORDER": "auto",
    "BackendStatus": "auto",
    "Choice": "auto",
    "auto_status": "auto",
    "choose_backend": "auto",
    "get_translator": "auto",
    "list_backends": "auto",
    "DocumentTranslator": "folder",
    "MarkupStats": "markup",
    "MarkupTranslation": "markup",
    "translate_markup": "markup",
    "translate_folder": "folder",
    "Segmented": "segment",
    "split_long": "segment",
    "Translator": "translator",
    "TranslatorStats": "translator",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"precis.translate.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'precis.translate' has no attribute {name!r}")


__all__ = [
    "AUTO",
    "AUTO_ORDER",
    "BACKENDS",
    "DEFAULT_MODEL",
    "Backend",
    "BackendInfo",
    "BackendStatus",
    "Choice",
    "DocumentTranslator",
    "MarkupStats",
    "MarkupTranslation",
    "Option",
    "Segmented",
    "TranslationResult",
    "Translator",
    "TranslatorStats",
    "auto_status",
    "choose_backend",
    "coerce_options",
    "get_translator",
    "list_backends",
    "signature",
    "split_long",
    "translate",
    "translate_folder",
    "translate_lines",
    "translate_markup",
    "translate_text",
]
