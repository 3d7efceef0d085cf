"""What every translation backend shares: the Protocol, its description, options, the registry.

A backend turns a list of sentences into a list of translations (same length, same order). It
knows nothing of documents, batching, caching or files: `translate/translator.py` does that for
every backend alike. Backends are listed in `BACKENDS` (filled by translate/backends.py); `auto`
is resolved in `translate/auto.py`. Heavy libraries are imported inside the backend needing them.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from precis._version import __version__
from precis.errors import InputError
from precis.registry import Registry

SOURCE_LANG = "fr"
TARGET_LANG = "en"
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-fr-en"
CACHE_DIR_ENV = "PRECIS_CACHE_DIR"
TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", ""})


@dataclass(frozen=True)
class BackendInfo:
    """What produced a translation: enough to reproduce it and to key a cache on it."""

    name: str
    model: str | None
    revision: str | None
    options: dict[str, Any] = field(default_factory=dict)
    signature: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def fingerprint(self) -> dict[str, Any]:
        """The fields that decide the output (for manifests): all of them."""
        return self.to_dict()


@runtime_checkable
class Backend(Protocol):
    """A sentence translator. `translate_batch` keeps length and order."""

    name: ClassVar[str]
    #: Largest input a sentence may have, in the units of `count_tokens` (None: no limit).
    max_input_tokens: int | None
    #: Token budget of one batch (None: the whole job in one call, e.g. a rule-based pipeline).
    batch_tokens: int | None

    def translate_batch(self, sentences: list[str]) -> list[str]: ...

    def count_tokens(self, sentences: list[str]) -> list[int] | None:
        """Input length of each sentence in model tokens, or None when there is no tokenizer."""
        ...

    def describe(self) -> BackendInfo: ...

    @classmethod
    def available(cls) -> tuple[bool, str]:
        """(usable here, why / why not) without loading anything heavy."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Option:
    """One backend option: its type, default and help (also used to coerce "k=v" strings)."""

    type: type
    default: Any
    help: str


def _option_spec(backend: str) -> Mapping[str, Option]:
    """The OPTIONS of a registered backend's module (empty when it has none)."""
    if backend not in BACKENDS:
        return {}
    module = sys.modules.get(BACKENDS.get(backend).__module__)
    return getattr(module, "OPTIONS", {}) if module is not None else {}


def coerce_options(
    backend: str, spec: Mapping[str, Option], given: Mapping[str, Any]
) -> dict[str, Any]:
    """Defaults overlaid with `given`; strings ("4", "true") converted to the option's type."""
    unknown = sorted(k for k in set(given) - set(spec) if given[k] is not None)
    if unknown:
        flags = ", ".join("--" + name.replace("_", "-") for name in unknown)
        users = [
            name for name in BACKENDS.names()
            if all(k in _option_spec(name) for k in unknown)
        ]
        raise InputError(
            f"{flags} does not apply to backend {backend!r} (its options: "
            f"{', '.join(sorted(spec)) or 'none'}); "
            + (f"it applies to {', '.join(users)}" if users else "leave it out")
        )
    result = {name: opt.default for name, opt in spec.items()}
    for name, value in given.items():
        if value is None:
            continue
        result[name] = _coerce(backend, name, spec[name].type, value)
    return result


def _coerce(backend: str, name: str, kind: type, value: Any) -> Any:
    if not isinstance(value, str) or kind is str:
        return value
    text = value.strip().lower()
    try:
        if kind is bool:
            if text in TRUE_WORDS:
                return True
            if text in FALSE_WORDS:
                return False
            raise ValueError(value)
        return kind(value.strip())
    except ValueError:
        raise InputError(
            f"backend {backend!r}: option {name}={value!r} is not a valid {kind.__name__}"
        ) from None


def cache_dir() -> Path:
    """precis' own cache folder: $PRECIS_CACHE_DIR, else $XDG_CACHE_HOME/precis, else ~/.cache."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "precis"


def cpu_cores() -> int:
    """Cores this process may use (the affinity mask on Linux)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_threads() -> int:
    """Threads for a single-process compute library: the cores other processes leave idle.

    On a dedicated machine this is every core. On a busy one (the load average already fills
    cores), fewer threads avoid the synchronization stalls of an oversubscribed thread pool,
    which on a loaded 2-core machine make torch's small matrix products 20x slower.
    """
    cores = cpu_cores()
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available on this platform
        return cores
    return max(1, min(cores, math.floor(cores - busy + 0.5)))


def signature(name: str, parts: Mapping[str, Any]) -> str:
    """`name|key:value|...|precis:VERSION`, sacrebleu style; booleans as yes/no."""
    items = [name]
    for key, value in parts.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        items.append(f"{key}:{value}")
    items.append(f"precis:{__version__}")
    return "|".join(items)


BACKENDS: Registry[type] = Registry("backend")
AUTO = "auto"
