"""The resumable folder job: any per-document function over a tree of text files.

`run_folder_job(src, out, process, fingerprint=...)` mirrors the files of `src` matching the glob
patterns into `out`. The unit of work is one input file: `process(text, relpath)` receives its
decoded text and its path relative to `src` and returns `{output path relative to out: text}`
(or a `DocResult` that also carries a unit count, e.g. sentences, and metadata). `precis
translate DIR` and `precis run DIR` are both this job with different functions; an engine that
runs elsewhere (Ray) reuses the pieces: `discover`, `Manifest`, `is_done`, `write_outputs`.

- Manifest: `manifest.jsonl` in `out`, one JSON record per attempt, the last record of a file
  wins: input path, input sha256, fingerprint (what decides the output: backend, model,
  options, given by the caller), outputs with their sha256, status ok/failed, seconds, error.
- Skip: a file whose input hash and fingerprint match its last ok record, and whose outputs all
  exist unchanged, is skipped; a changed or failed file is redone; `force=True` redoes all.
- Atomic: outputs are written with `precis.io` (temp file + rename) before the record is
  appended; a job killed at any moment leaves no partial output, and stale temp files are
  removed by the next run, which redoes whatever has no ok record.
- Isolation: an exception in one file is recorded and the job goes on (exit code 1 later).
  Exceptions listed in `fatal` (e.g. a model that cannot load) stop the job at once.
- Ctrl-C: the first one finishes the current file and stops with the manifest consistent; a
  second one stops at once (the file in progress is redone on the next run).
- Safety: symlinks to files outside `src` are refused (recorded as failed), `..` and absolute
  output paths are refused, nothing is written outside `out`, and `out` is not walked when it
  lies inside `src`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from precis.errors import InputError, OutputError, PathEscapeError, PrecisError
from precis.io import TEMP_PREFIX, read_text, write_text_atomic

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md")
MANIFEST_NAME = "manifest.jsonl"
STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_SKIPPED = "skipped"  # in reports only; never written to the manifest


@dataclass(frozen=True)
class DocResult:
    """What a per-document function may return instead of a bare mapping."""

    outputs: Mapping[str, str]
    units: int = 0  # work done, for progress (e.g. sentences)
    meta: Mapping[str, Any] = field(default_factory=dict)


DocumentFn = Callable[[str, str], "Mapping[str, str] | DocResult"]


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

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileRecord:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class JobProgress:
    files_total: int
    files_done: int  # processed so far: ok + failed + skipped
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

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def failed_files(self) -> list[str]:
        return [r.input for r in self.records if r.status == STATUS_FAILED]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ok"] = self.ok
        return data


@dataclass(frozen=True)
class Discovered:
    rel: str  # POSIX path relative to src
    path: Path
    problem: str | None = None  # set when the file is refused (symlink escaping src, ...)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


@functools.lru_cache(maxsize=64)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`*` and `?` stay within one folder, `**/` spans folders, `[...]` as in fnmatch."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(rel: str, globs: Sequence[str]) -> bool:
    """A pattern without '/' matches the file name at any depth; with '/', the whole path
    relative to src (`*` stays within a folder, `**/` spans folders)."""
    name = PurePosixPath(rel).name
    return any(_glob_regex(g).match(rel if "/" in g else name) for g in globs)


def discover(
    src: str | Path, out: str | Path, globs: Sequence[str] = DEFAULT_GLOBS
) -> list[Discovered]:
    """The files of `src` to process, sorted; `out` is not walked when inside `src`."""
    root = Path(src)
    if not root.is_dir():
        raise InputError(f"{src}: not a folder")
    real_root = root.resolve()
    real_out = Path(out).resolve()
    if real_out == real_root:
        raise OutputError(f"{out}: the output folder must differ from the input folder")
    found: list[Discovered] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if (here / d).resolve() != real_out)
        for name in sorted(filenames):
            if name.startswith(TEMP_PREFIX):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if not matches(rel, globs):
                continue
            found.append(Discovered(rel, path, _problem(path, real_root)))
    return sorted(found, key=lambda d: d.rel)


def _problem(path: Path, real_root: Path) -> str | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink; refused"
    if not target.is_relative_to(real_root):
        return f"symlink to {target}, outside the input folder; refused"
    return None


def safe_output_path(out: str | Path, rel: str) -> Path:
    """`out / rel`, refusing absolute paths, '..' and anything resolving outside `out`."""
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or ".." in pure.parts or "\\" in rel:
        raise PathEscapeError(f"output path {rel!r} would leave the output folder; refused")
    target = Path(out) / pure
    if not target.resolve().is_relative_to(Path(out).resolve()):
        raise PathEscapeError(f"output path {rel!r} resolves outside {out}; refused")
    return target


def write_outputs(out: str | Path, outputs: Mapping[str, str]) -> dict[str, str]:
    """Check every path first, then write each atomically; return {relpath: sha256}."""
    targets = {rel: safe_output_path(out, rel) for rel in outputs}
    for rel, text in outputs.items():
        write_text_atomic(targets[rel], text)
    return {rel: sha256_text(text) for rel, text in outputs.items()}


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def is_done(
    record: FileRecord | None, sha: str, fingerprint: Mapping[str, Any], out: str | Path
) -> bool:
    """True when the last attempt succeeded on this input and fingerprint, outputs intact."""
    if record is None or record.status != STATUS_OK or record.sha256 != sha:
        return False
    if _canonical(record.fingerprint) != _canonical(dict(fingerprint)):
        return False
    for rel, digest in record.outputs.items():
        try:
            target = safe_output_path(out, rel)
            if sha256_bytes(target.read_bytes()) != digest:
                return False
        except (OSError, PrecisError):
            return False
    return True


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


def remove_stale_temps(out: str | Path) -> int:
    """Delete temp files a killed run left behind (never complete outputs)."""
    removed = 0
    for dirpath, _dirs, files in os.walk(out):
        for name in files:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed


class _Interrupt:
    """First Ctrl-C: finish the current file, then stop. Second: stop now."""

    def __init__(self) -> None:
        self.requested = False

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum: int, frame: Any) -> None:
            if self.requested:
                raise KeyboardInterrupt
            self.requested = True

        previous = signal.signal(signal.SIGINT, handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_folder_job(
    src: str | Path,
    out: str | Path,
    process: DocumentFn,
    *,
    fingerprint: Mapping[str, Any],
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    encoding: str = "utf-8",
    progress: Callable[[JobProgress], None] | None = None,
    fatal: tuple[type[BaseException], ...] = (),
    manifest_name: str = MANIFEST_NAME,
) -> FolderReport:
    """Run `process` on every matching file of `src`, mirrored into `out`; see module doc."""
    started = time.perf_counter()
    fp = json.loads(_canonical(dict(fingerprint)))
    files = discover(src, out, globs)
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    remove_stale_temps(out_dir)
    manifest = Manifest(out_dir / manifest_name)
    previous = manifest.load()
    records: list[FileRecord] = []
    counts = {"ok": 0, "skipped": 0, "failed": 0, "units": 0}
    interrupt = _Interrupt()
    interrupted = False

    def report(current: str | None) -> None:
        if progress is not None:
            done = counts["ok"] + counts["skipped"] + counts["failed"]
            progress(
                JobProgress(
                    len(files),
                    done,
                    counts["ok"],
                    counts["skipped"],
                    counts["failed"],
                    counts["units"],
                    time.perf_counter() - started,
                    current,
                    fp,
                )
            )

    report(None)
    with interrupt.installed():
        for item in files:
            if interrupt.requested:
                interrupted = True
                break
            report(item.rel)
            try:
                record = _one_file(item, out_dir, process, fp, previous, force, encoding, fatal)
            except KeyboardInterrupt:
                interrupted = True
                break
            if record.status != STATUS_SKIPPED:
                manifest.append(record)
            counts[record.status] += 1
            counts["units"] += record.units if record.status == STATUS_OK else 0
            records.append(record)
            report(None)
        else:
            interrupted = interrupt.requested and len(records) < len(files)
    return FolderReport(
        src=str(src),
        out=str(out),
        manifest=str(manifest.path),
        total=len(files),
        done=counts["ok"],
        skipped=counts["skipped"],
        failed=counts["failed"],
        interrupted=interrupted,
        seconds=round(time.perf_counter() - started, 3),
        units=counts["units"],
        records=tuple(records),
        fingerprint=fp,
    )


def _one_file(
    item: Discovered,
    out: Path,
    process: DocumentFn,
    fingerprint: dict[str, Any],
    previous: Mapping[str, FileRecord],
    force: bool,
    encoding: str,
    fatal: tuple[type[BaseException], ...],
) -> FileRecord:
    start = time.perf_counter()
    sha: str | None = None

    def failed(error: str) -> FileRecord:
        seconds = round(time.perf_counter() - start, 4)
        return FileRecord(
            item.rel, sha, fingerprint, {}, STATUS_FAILED, seconds, error, time=_now()
        )

    if item.problem:
        return failed(item.problem)
    try:
        sha = sha256_bytes(item.path.read_bytes())
        last = previous.get(item.rel)
        if not force and is_done(last, sha, fingerprint, out):
            assert last is not None
            return dataclasses.replace(last, status=STATUS_SKIPPED, seconds=0.0)
        text = read_text(item.path, encoding=encoding, allow_empty=True)
        result = process(text, item.rel)
        if not isinstance(result, DocResult):
            result = DocResult(outputs=result)
        digests = write_outputs(out, result.outputs)
    except fatal:
        raise
    except Exception as exc:
        message = str(exc) if isinstance(exc, PrecisError) else f"{type(exc).__name__}: {exc}"
        return failed(message)
    return FileRecord(
        item.rel,
        sha,
        fingerprint,
        digests,
        STATUS_OK,
        round(time.perf_counter() - start, 4),
        None,
        result.units,
        dict(result.meta),
        _now(),
    )
