"""The manifest of a folder job: `manifest.jsonl`, one JSON record per attempt, last one wins.

A record names the input (path relative to the input folder, sha256), the fingerprint of what
decides the output (task, backend, model, options), the sha256 of every other file the job read
for it (reference summaries...), the outputs with their sha256, the status, time and error.
A torn or hand-edited line is ignored; the manifest must be a plain file (never a symlink).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from precis.errors import OutputError

MANIFEST_NAME = "manifest.jsonl"
STATUS_OK = "ok"
STATUS_FAILED = "failed"
# In reports only; never written to the manifest:
STATUS_SKIPPED = "skipped"  # unchanged since the last ok run
STATUS_KEPT = "kept"  # an output was edited by hand (or is not precis'): left alone


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def canonical(data: Any) -> str:
    """A stable JSON text of `data`, to compare fingerprints."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FileRecord:
    input: str
    sha256: str | None
    fingerprint: dict[str, Any]
    outputs: dict[str, str]  # output relpath -> sha256 of its text
    status: str
    seconds: float
    error: str | None = None
    units: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    time: str = ""
    reads: dict[str, str] = field(default_factory=dict)  # other files read -> sha256

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileRecord:
        """A record from its JSON; TypeError when it is not one (a torn or hand-edited line)."""
        if not isinstance(data, Mapping):
            raise TypeError(f"a manifest record is a JSON object, not {type(data).__name__}")
        names = {f.name for f in dataclasses.fields(cls)}
        record = cls(**{k: v for k, v in data.items() if k in names})
        if (
            not isinstance(record.input, str)
            or not isinstance(record.status, str)
            or not isinstance(record.fingerprint, dict)
            or not _str_map(record.outputs)
            or not _str_map(record.reads)
            or not isinstance(record.sha256, str | None)
        ):
            raise TypeError("a manifest record with fields of the wrong type")
        return record


def _str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


class Manifest:
    """Append-only JSONL; the last record of an input wins. A torn last line is ignored."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, FileRecord]:
        records: dict[str, FileRecord] = {}
        if not self.path.exists():
            return records
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = FileRecord.from_dict(json.loads(line))
                except (ValueError, TypeError):
                    continue  # a line torn by a kill mid-write
                records[record.input] = record
        return records

    def append(self, record: FileRecord) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            torn = (
                self.path.exists()
                and self.path.stat().st_size > 0
                and not _ends_with_newline(self.path)
            )
            with self.path.open("a", encoding="utf-8") as fh:
                if torn:
                    fh.write("\n")
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False, default=str) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise OutputError(
                f"{self.path}: cannot append to the manifest ({exc.strerror})"
            ) from exc


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
