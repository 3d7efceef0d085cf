"""The backend registry's contents, in the order `auto` prefers them (and --help lists them)."""

from __future__ import annotations

from precis.translate.apertium import ApertiumBackend
from precis.translate.base import BACKENDS
from precis.translate.ct2 import CTranslate2Backend
from precis.translate.hf import TransformersBackend

for _cls in (TransformersBackend, CTranslate2Backend, ApertiumBackend):
    if _cls.name not in BACKENDS:
        BACKENDS.add(_cls.name, _cls)
