"""The plain data of folder jobs: what a per-document function returns, progress, the report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from precis.jobs.manifest import STATUS_FAILED, STATUS_KEPT, FileRecord


@dataclass(frozen=True)
class DocResult:
    """What a per-document function may return instead of a bare mapping."""

    outputs: Mapping[str, str]
    units: int = 0  # work done, for progress (e.g. sentences)
    meta: Mapping[str, Any] = field(default_factory=dict)


DocumentFn = Callable[[str, str], "Mapping[str, str] | DocResult"]


@runtime_checkable
class PlannedJob(Protocol):
    """A per-document function that says, before running, what it writes and what it reads."""

    def outputs_for(self, rel: str) -> Sequence[str]: ...

    def reads_for(self, path: Path) -> Sequence[Path]: ...

    def __call__(self, text: str, rel: str) -> Mapping[str, str] | DocResult: ...


@dataclass(frozen=True)
class JobProgress:
    files_total: int
    files_done: int  # processed so far: ok + failed + skipped + kept
    ok: int
    skipped: int
    failed: int
    units: int
    elapsed: float
    current: str | None = None
    fingerprint: Mapping[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Units (sentences) per second so far."""
        return self.units / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class FolderReport:
    src: str
    out: str
    manifest: str
    total: int
    done: int
    skipped: int
    failed: int
    interrupted: bool
    seconds: float
    units: int
    records: tuple[FileRecord, ...]
    fingerprint: dict[str, Any]
    kept: int = 0  # files whose outputs were edited by hand: left alone
    left_out: tuple[str, ...] = ()  # files of src no glob took
    orphans: tuple[str, ...] = ()  # outputs whose source is gone (kept)
    formats: dict[str, int] = field(default_factory=dict)  # taken files per extension
    globs: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def failed_files(self) -> list[str]:
        return [r.input for r in self.records if r.status == STATUS_FAILED]

    @property
    def kept_files(self) -> list[str]:
        return [r.input for r in self.records if r.status == STATUS_KEPT]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ok"] = self.ok
        return data
