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
  Exceptions listed in `fatal` (e.g. a model that cannot load) stop the job at once, and so
  does an output folder that cannot be written (read-only: checked before any work; disk
  full: at the first failed write): an OutputError, the finished files kept and recorded.
- Ctrl-C: the first one finishes the current file and stops with the manifest consistent; a
  second one stops at once (the file in progress is redone on the next run).
- Safety: symlinks to files outside `src` (or into `out`) are refused (recorded as failed),
  symlinked folders are never walked (one pointing outside `src` is recorded as refused), `..`
  and absolute output paths are refused, also when read from a (hand-edited) manifest, which
  must itself be a plain file; nothing is read or written outside `src` and `out`; `out` is
  not walked when it lies inside `src`, and when `src` lies inside `out` no output may land in
  `src` (it would overwrite an input). A malformed manifest line is ignored.
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
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from precis.errors import InputError, OutputError, PathEscapeError, PrecisError
from precis.formats import DEFAULT_GLOBS as FORMAT_GLOBS
from precis.formats import count_formats
from precis.io import TEMP_PREFIX, read_text, write_text_atomic

DEFAULT_GLOBS: tuple[str, ...] = FORMAT_GLOBS  # *.txt *.md *.html *.htm (precis.formats)
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
        """A record from its JSON; TypeError when it is not one (a torn or hand-edited line)."""
        if not isinstance(data, Mapping):
            raise TypeError(f"a manifest record is a JSON object, not {type(data).__name__}")
        names = {f.name for f in dataclasses.fields(cls)}
        record = cls(**{k: v for k, v in data.items() if k in names})
        outputs = record.outputs
        if (
            not isinstance(record.input, str)
            or not isinstance(record.status, str)
            or not isinstance(record.fingerprint, dict)
            or not isinstance(outputs, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in outputs.items())
            or not isinstance(record.sha256, str | None)
        ):
            raise TypeError("a manifest record with fields of the wrong type")
        return record


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

    @property
    def formats(self) -> dict[str, int]:
        """Files per format (text, markdown, html), from their extensions."""
        return count_formats(r.input for r in self.records)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ok"] = self.ok
        data["formats"] = self.formats
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
        walked = []
        for name in sorted(dirnames):
            path = here / name
            target = path.resolve()
            if target == real_out:
                continue  # our own outputs
            if path.is_symlink():  # never walked (loops, duplicates); refused when outside
                if not target.is_relative_to(real_root):
                    rel = path.relative_to(root).as_posix() + "/"
                    problem = (
                        f"symlink to the folder {target}, outside the input folder; refused "
                        "(give that folder as an input of its own)"
                    )
                    found.append(Discovered(rel, path, problem))
                continue
            walked.append(name)
        dirnames[:] = walked
        for name in sorted(filenames):
            if name.startswith(TEMP_PREFIX):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if not matches(rel, globs):
                continue
            found.append(Discovered(rel, path, _problem(path, real_root, real_out)))
    return sorted(found, key=lambda d: d.rel)


def _problem(path: Path, real_root: Path, real_out: Path) -> str | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink; refused"
    if not target.is_relative_to(real_root):
        return f"symlink to {target}, outside the input folder; refused"
    if target.is_relative_to(real_out):
        return f"symlink to {target}, inside the output folder; refused"
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


def check_writable(out: str | Path) -> None:
    """Fail at once, before any work, when `out` cannot take a new file (read-only, ...)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".probe", dir=out)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot write in the output folder ({exc.strerror or exc}); check its "
            "permissions and free space, or write elsewhere"
        ) from exc


def write_outputs(
    out: str | Path, outputs: Mapping[str, str], *, protect: Path | None = None
) -> dict[str, str]:
    """Check every path first, then write each atomically; return {relpath: sha256}.

    `protect`: a resolved folder no output may land in (the input folder, when it lies inside
    `out`: an output there would overwrite an input, or become one on the next run)."""
    targets = {rel: safe_output_path(out, rel) for rel in outputs}
    for rel, target in targets.items():
        if protect is not None and target.resolve().is_relative_to(protect):
            raise PathEscapeError(
                f"output path {rel!r} lands in the input folder {protect}; refused "
                "(choose an output folder outside the input folder)"
            )
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


def now() -> str:
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
    ledger = JobLedger.open(src, out, fingerprint, globs, manifest_name, progress)
    interrupt = _Interrupt()
    interrupted = False
    ledger.report(None)
    with interrupt.installed():
        for item in ledger.files:
            if interrupt.requested:
                interrupted = True
                break
            ledger.report(item.rel)
            try:
                record = _one_file(
                    item,
                    ledger.out,
                    process,
                    ledger.fingerprint,
                    ledger.previous,
                    force,
                    encoding,
                    fatal,
                    ledger.protect,
                )
            except KeyboardInterrupt:
                interrupted = True
                break
            except OutputError as exc:  # disk full, read-only: no later file could be written
                raise ledger.stopped(exc, item.rel) from exc
            ledger.add(record)
        else:
            interrupted = interrupt.requested and len(ledger.records) < len(ledger.files)
    return ledger.report_of(interrupted)


@dataclass
class JobLedger:
    """The bookkeeping every engine shares: output folder checks, manifest, counts, progress.

    `open` discovers the files, prepares and checks the output folder (created, stale temp
    files removed, writable, manifest not a symlink) and loads the manifest; `add` records one
    file's outcome (appending it to the manifest unless skipped) and reports progress.
    """

    src: Path
    out: Path
    files: list[Discovered]
    fingerprint: dict[str, Any]
    manifest: Manifest
    previous: dict[str, FileRecord]
    protect: Path | None
    progress: Callable[[JobProgress], None] | None = None
    started: float = field(default_factory=time.perf_counter)
    records: list[FileRecord] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {STATUS_OK: 0, STATUS_SKIPPED: 0, STATUS_FAILED: 0, "units": 0}
    )

    @classmethod
    def open(
        cls,
        src: str | Path,
        out: str | Path,
        fingerprint: Mapping[str, Any],
        globs: Sequence[str],
        manifest_name: str = MANIFEST_NAME,
        progress: Callable[[JobProgress], None] | None = None,
    ) -> JobLedger:
        started = time.perf_counter()
        fp = json.loads(_canonical(dict(fingerprint)))
        files = discover(src, out, globs)
        out_dir = Path(out)
        real_src = Path(src).resolve()
        protect = real_src if real_src.is_relative_to(out_dir.resolve()) else None
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
        remove_stale_temps(out_dir)
        check_writable(out_dir)
        manifest = Manifest(out_dir / manifest_name)
        if manifest.path.is_symlink():  # appending would write wherever it points
            raise PathEscapeError(
                f"{manifest.path}: is a symlink; the manifest must be a plain file"
            )
        return cls(
            Path(src), out_dir, files, fp, manifest, manifest.load(), protect, progress, started
        )

    def add(self, record: FileRecord) -> None:
        if record.status != STATUS_SKIPPED:
            self.manifest.append(record)
        self.counts[record.status] += 1
        self.counts["units"] += record.units if record.status == STATUS_OK else 0
        self.records.append(record)
        self.report(None)

    def report(self, current: str | None) -> None:
        if self.progress is not None:
            c = self.counts
            done = c[STATUS_OK] + c[STATUS_SKIPPED] + c[STATUS_FAILED]
            self.progress(
                JobProgress(
                    len(self.files),
                    done,
                    c[STATUS_OK],
                    c[STATUS_SKIPPED],
                    c[STATUS_FAILED],
                    c["units"],
                    time.perf_counter() - self.started,
                    current,
                    self.fingerprint,
                )
            )

    def stopped(self, exc: OutputError, rel: str) -> OutputError:
        """The error of a job stopped by an unwritable output, saying what is kept."""
        return OutputError(
            f"{exc} (the job stopped at {rel}; the {self.counts[STATUS_OK]} file(s) finished "
            "in this run are kept: re-run to resume)"
        )

    def report_of(self, interrupted: bool) -> FolderReport:
        c = self.counts
        return FolderReport(
            src=str(self.src),
            out=str(self.out),
            manifest=str(self.manifest.path),
            total=len(self.files),
            done=c[STATUS_OK],
            skipped=c[STATUS_SKIPPED],
            failed=c[STATUS_FAILED],
            interrupted=interrupted,
            seconds=round(time.perf_counter() - self.started, 3),
            units=c["units"],
            records=tuple(self.records),
            fingerprint=self.fingerprint,
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
    protect: Path | None = None,
) -> FileRecord:
    start = time.perf_counter()
    sha: str | None = None

    def failed(error: str) -> FileRecord:
        seconds = round(time.perf_counter() - start, 4)
        return FileRecord(item.rel, sha, fingerprint, {}, STATUS_FAILED, seconds, error, time=now())

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
    except fatal:
        raise
    except Exception as exc:
        return failed(_message(exc))
    try:
        digests = write_outputs(out, result.outputs, protect=protect)
    except PathEscapeError as exc:
        return failed(str(exc))
    except OutputError:
        raise  # the output folder cannot be written: the job stops (see run_folder_job)
    except Exception as exc:  # outputs of the wrong type, text that cannot be encoded, ...
        return failed(_message(exc))
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
        now(),
    )


def _message(exc: Exception) -> str:
    return str(exc) if isinstance(exc, PrecisError) else f"{type(exc).__name__}: {exc}"
