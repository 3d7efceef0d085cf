"""Typed exceptions. The CLI turns any PrecisError into one red stderr line and exit code 1."""

from __future__ import annotations


class PrecisError(Exception):
    """Base class of every error precis raises on purpose (bad input, missing model, ...)."""


class InputError(PrecisError):
    """An input file or text cannot be used: missing, empty, undecodable, binary."""


class EncodingError(InputError):
    """A file is not valid in the expected encoding; names the file and the byte offset."""


class MismatchError(InputError):
    """Two line-aligned inputs have different line counts."""


class UnknownNameError(PrecisError):
    """A name (method, backend, metric, corpus) that no registry knows; lists the valid ones."""

    def __init__(self, kind: str, name: str, valid: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid {kind}s: {', '.join(self.valid)}")


class BackendUnavailableError(PrecisError):
    """A backend cannot run here (binary, package or model missing); says how to fix it."""


class ModelError(PrecisError):
    """A model cannot be loaded or used (not found, not in the cache offline, wrong kind)."""


class OutputError(PrecisError):
    """An output cannot be written (read-only folder, disk full, path escaping the output dir)."""


class PathEscapeError(OutputError):
    """A path would read or write outside the folder it must stay in."""


class ClobberError(OutputError):
    """An output would overwrite an input, a reference file, or another input's output."""


class JobLockedError(OutputError):
    """Another precis job is writing into the same output folder; names its PID."""
class LanguageError(InputError):
    """The input is not in the language precis works on (French), and --strict-lang was given."""
