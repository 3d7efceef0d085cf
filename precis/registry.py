"""Named choices (methods, backends, metrics, corpora) live in registries, never in if/elif chains.

A registry maps a name to an object (usually a class or a factory). Looking up an unknown name
raises UnknownNameError listing the valid names; `names()` feeds `--help` texts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from precis.errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def add(self, name: str, obj: T, *, replace: bool = False) -> T:
        if name in self._items and not replace:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._items[name] = obj
        return obj

    def register(self, name: str, *, replace: bool = False) -> Callable[[T], T]:
        """Decorator form of `add`."""

        def decorate(obj: T) -> T:
            return self.add(name, obj, replace=replace)

        return decorate

    def remove(self, name: str) -> None:
        self._items.pop(name, None)

    def get(self, name: str) -> T:
        """The item of `name`, compared without case ("Apertium" is "apertium")."""
        if name in self._items:
            return self._items[name]
        folded = {key.casefold(): value for key, value in self._items.items()}
        try:
            return folded[name.casefold()]
        except KeyError:
            raise UnknownNameError(self.kind, name, list(self._items)) from None

    def names(self) -> list[str]:
        return list(self._items)

    def help(self) -> str:
        """Comma-separated names, for help texts."""
        return ", ".join(self._items)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return name in self._items or name.casefold() in {k.casefold() for k in self._items}

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
