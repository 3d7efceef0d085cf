"""The per-file bookkeeping every engine shares (local and Ray): one implementation.

`JobLedger.open` walks the input folder, prepares the output folder (lock, stale temps,
writability, manifest), loads the manifest and checks the plan (no two inputs writing one
output, no output over an input or a reference). Then, per file:

- `decide(item)`: a FileRecord when the file needs no work (refused, unchanged since its last
  ok run, or an output edited by hand: left alone), else a `Pending` with the input's hash and
  the hashes of every other file the job reads for it;
- `finish(pending, result)` / `fail(pending, error)`: write the outputs atomically (never over
  a file precis did not write, unless `force`), append the record, report progress.

`report_of` gives the FolderReport: counts, the files the globs left out, orphan outputs
(their source is gone: listed, never deleted), files per format.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from precis.errors import InputError, OutputError, PathEscapeError, PrecisError
from precis.formats import count_formats
from precis.io import decode_bytes, write_text_atomic
from precis.jobs.lock import OutputLock, remove_stale_temps
from precis.jobs.manifest import (
    MANIFEST_NAME,
    STATUS_FAILED,
    STATUS_KEPT,
    STATUS_OK,
    STATUS_SKIPPED,
    FileRecord,
    Manifest,
    canonical,
    now,
    sha256_bytes,
    sha256_text,
)
from precis.jobs.paths import check_plan, check_writable, safe_output_path
from precis.jobs.types import DocResult, FolderReport, JobProgress, PlannedJob
from precis.jobs.walk import Discovered, walk

FORCE_HINT = "--force overwrites"


@dataclass(frozen=True)
class Pending:
    """A file to process: its hash and the hashes of the other files read for it."""

    item: Discovered
    sha: str
    reads: dict[str, str]
    started: float


def decode_input(data: bytes, rel: str, encoding: str) -> str:
    """An input's text, refused when empty (the same answer as for a single file)."""
    text = decode_bytes(data, rel, encoding=encoding)
    if not text.strip():
        raise InputError(f"{rel}: is empty (nothing but whitespace)")
    return text


def error_message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, PrecisError) else f"{type(exc).__name__}: {exc}"


@dataclass
class JobLedger:
    src: Path
    out: Path
    files: list[Discovered]
    fingerprint: dict[str, Any]
    manifest: Manifest
    previous: dict[str, FileRecord]
    protect: Path | None
    job: Any
    force: bool = False
    left_out: tuple[str, ...] = ()
    globs: tuple[str, ...] = ()
    progress: Callable[[JobProgress], None] | None = None
    lock: OutputLock | None = None
    protected: dict[Path, str] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    records: list[FileRecord] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    _owners: dict[str, str] | None = None  # output -> the input that wrote it (see _index)
    _claims: set[tuple[str, str]] | None = None  # (output, sha256) precis wrote

    @classmethod
    def open(
        cls,
        src: str | Path,
        out: str | Path,
        job: Any,
        fingerprint: Mapping[str, Any],
        globs: Sequence[str],
        *,
        force: bool = False,
        manifest_name: str = MANIFEST_NAME,
        progress: Callable[[JobProgress], None] | None = None,
    ) -> JobLedger:
        """Walk, plan and check everything before any work; hold the output folder's lock."""
        out_dir = Path(out)
        if out_dir.resolve() == Path(src).resolve():
            raise OutputError(f"{out}: the output folder must differ from the input folder")
        found = walk(src, globs, skip=out_dir)
        plans, reads = _plan(job, found.files)
        read_rels = {_rel_in(r, found.src) for paths in reads.values() for r in paths}
        left_out = tuple(r for r in found.left_out if r not in read_rels)
        inputs = [d.path for d in found.files if d.problem is None]
        check_plan(out_dir, plans, inputs, [p for paths in reads.values() for p in paths])
        real_src = Path(src).resolve()
        protect = real_src if real_src.is_relative_to(out_dir.resolve()) else None
        _prepare(out_dir)
        lock = OutputLock(out_dir)
        lock.acquire()
        try:
            remove_stale_temps(out_dir)
            manifest = Manifest(out_dir / manifest_name)
            if manifest.path.is_symlink():  # appending would write wherever it points
                raise PathEscapeError(
                    f"{manifest.path}: is a symlink; the manifest must be a plain file"
                )
            previous = manifest.load()
        except BaseException:
            lock.release()
            raise
        protected = {p.resolve(): f"the input {p}" for p in inputs}
        protected.update({p.resolve(): f"the file {p}" for ps in reads.values() for p in ps})
        fp = json.loads(canonical(dict(fingerprint)))
        return cls(
            Path(src), out_dir, list(found.files), fp, manifest, previous, protect, job,
            force, left_out, tuple(globs), progress, lock, protected,
        )

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()

    # -- per file ---------------------------------------------------------------------------
    def decide(self, item: Discovered) -> FileRecord | Pending:
        """A record when no work is needed (refused, unchanged, edited output), else Pending."""
        start = time.perf_counter()
        if item.problem:
            return self._record(item.rel, None, STATUS_FAILED, start, error=item.problem)
        try:
            sha = sha256_bytes(item.path.read_bytes())
            reads = _read_digests(self.job, item.path, self.src)
        except OSError as exc:
            return self._record(item.rel, None, STATUS_FAILED, start, error=str(exc))
        last = self.previous.get(item.rel)
        if not self.force and self._unchanged(last, sha, reads):
            assert last is not None
            return dataclasses.replace(last, status=STATUS_SKIPPED, seconds=0.0)
        edited = None if self.force else self._edited_output(item.rel, last)
        if edited is not None:
            return self._record(item.rel, sha, STATUS_KEPT, start, error=edited, reads=reads)
        return Pending(item, sha, reads, start)

    def read(self, pending: Pending, encoding: str) -> str:
        return decode_input(pending.item.path.read_bytes(), pending.item.rel, encoding)

    def finish(self, pending: Pending, result: Mapping[str, str] | DocResult) -> FileRecord:
        """Write one file's outputs (atomically, checked) and record it."""
        if not isinstance(result, DocResult):
            result = DocResult(outputs=result)
        rel = pending.item.rel
        try:
            outputs = {k: v for k, v in result.outputs.items()}
            targets = self._targets(rel, outputs)
            self._check_owners(rel, outputs)
            foreign = [r for r, t in targets.items() if self._foreign(r, t, outputs[r])]
            if foreign:
                why = _edited_message(foreign[0])
                return self.add(self._record(rel, pending.sha, STATUS_KEPT, pending.started,
                                             error=why, reads=pending.reads))
            for out_rel, text in outputs.items():
                write_text_atomic(targets[out_rel], text)
        except PathEscapeError as exc:
            return self.fail(pending, exc)
        except OutputError:
            raise  # the output folder cannot be written: the job stops
        except Exception as exc:  # outputs of the wrong type, text that cannot be encoded, ...
            return self.fail(pending, exc)
        digests = {r: sha256_text(t) for r, t in outputs.items()}
        record = FileRecord(
            rel, pending.sha, self.fingerprint, digests, STATUS_OK,
            round(time.perf_counter() - pending.started, 4), None, result.units,
            dict(result.meta), now(), pending.reads,
        )
        return self.add(record)

    def fail(self, pending: Pending, error: BaseException | str) -> FileRecord:
        message = error if isinstance(error, str) else error_message(error)
        return self.add(
            self._record(pending.item.rel, pending.sha, STATUS_FAILED, pending.started,
                         error=message, reads=pending.reads)
        )

    def add(self, record: FileRecord) -> FileRecord:
        if record.status in (STATUS_OK, STATUS_FAILED):
            self.manifest.append(record)
        if record.status == STATUS_OK:
            owners, _ = self._index()
            owners.update({out_rel: record.input for out_rel in record.outputs})
        self.counts[record.status] += 1
        self.counts["units"] += record.units if record.status == STATUS_OK else 0
        self.records.append(record)
        self.report(None)
        return record

    # -- checks -----------------------------------------------------------------------------
    def _unchanged(self, last: FileRecord | None, sha: str, reads: dict[str, str]) -> bool:
        if last is None or last.status != STATUS_OK or last.sha256 != sha:
            return False
        if canonical(last.fingerprint) != canonical(self.fingerprint) or last.reads != reads:
            return False
        return all(self._digest(rel) == digest for rel, digest in last.outputs.items())

    def _digest(self, out_rel: str) -> str | None:
        try:
            return sha256_bytes(safe_output_path(self.out, out_rel).read_bytes())
        except (OSError, PrecisError):
            return None

    def _edited_output(self, rel: str, last: FileRecord | None) -> str | None:
        """Why this file's recorded outputs must be left alone (edited since precis wrote
        them), or None. An output precis has no record of (a foreign file, or one written just
        before a kill) is checked when the new text is known: the same text is no clobber."""
        recorded = dict(last.outputs) if last is not None and last.status == STATUS_OK else {}
        for out_rel, digest in recorded.items():
            current = self._digest(out_rel)
            if current is not None and current != digest:
                return _edited_message(out_rel)
        return None

    def _claimed(self, out_rel: str, digest: str) -> bool:
        """True when precis wrote this very content there (an ok record of any input)."""
        return (out_rel, digest) in self._index()[1]

    def _index(self) -> tuple[dict[str, str], set[tuple[str, str]]]:
        """Built once: which input of this job owns each output, and every (output, digest)
        precis wrote (ok records), so that each check is a lookup, not a scan."""
        if self._owners is None or self._claims is None:
            taken = {d.rel for d in self.files}
            ok = [r for r in self.previous.values() if r.status == STATUS_OK]
            self._owners = {o: r.input for r in ok if r.input in taken for o in r.outputs}
            self._claims = {(o, digest) for r in ok for o, digest in r.outputs.items()}
        return self._owners, self._claims

    def _check_owners(self, rel: str, outputs: Mapping[str, str]) -> None:
        """An output another input of this job wrote (in this run or an earlier one) is a
        collision: refused, whatever the function returned."""
        owners, _ = self._index()
        for out_rel in outputs:
            owner = owners.get(out_rel)
            if owner is not None and owner != rel:
                raise PathEscapeError(
                    f"{rel}: its output {out_rel} is the output of {owner}; refused "
                    "(two inputs must not write one output)"
                )

    def _foreign(self, out_rel: str, target: Path, text: str) -> bool:
        if self.force or not target.exists():
            return False
        current = self._digest(out_rel)
        return current is not None and current != sha256_text(text) and not self._claimed(
            out_rel, current
        )

    def _targets(self, rel: str, outputs: Mapping[str, str]) -> dict[str, Path]:
        targets = {out_rel: safe_output_path(self.out, out_rel) for out_rel in outputs}
        for out_rel, target in targets.items():
            real = target.resolve()
            if self.protect is not None and real.is_relative_to(self.protect):
                raise PathEscapeError(
                    f"output path {out_rel!r} lands in the input folder {self.protect}; refused "
                    "(choose an output folder outside the input folder)"
                )
            if real in self.protected:
                raise PathEscapeError(
                    f"{rel}: its output {target} would overwrite {self.protected[real]}; refused"
                )
        return targets

    def _record(
        self,
        rel: str,
        sha: str | None,
        status: str,
        start: float,
        *,
        error: str | None = None,
        reads: dict[str, str] | None = None,
    ) -> FileRecord:
        seconds = round(time.perf_counter() - start, 4)
        return FileRecord(
            rel, sha, self.fingerprint, {}, status, seconds, error, time=now(), reads=reads or {}
        )

    # -- reporting --------------------------------------------------------------------------
    def report(self, current: str | None) -> None:
        if self.progress is not None:
            c = self.counts
            done = c[STATUS_OK] + c[STATUS_SKIPPED] + c[STATUS_FAILED] + c[STATUS_KEPT]
            self.progress(
                JobProgress(
                    len(self.files), done, c[STATUS_OK], c[STATUS_SKIPPED], c[STATUS_FAILED],
                    c["units"], time.perf_counter() - self.started, current, self.fingerprint,
                )
            )

    def stopped(self, exc: OutputError, rel: str) -> OutputError:
        """The error of a job stopped by an unwritable output, saying what is kept."""
        return OutputError(
            f"{exc} (the job stopped at {rel}; the {self.counts[STATUS_OK]} file(s) finished "
            "in this run are kept: re-run to resume)"
        )

    def orphans(self) -> tuple[str, ...]:
        """Outputs of inputs that are gone (still on disk; listed, never deleted)."""
        taken = {d.rel for d in self.files}
        found = [
            out_rel
            for rel, record in self.previous.items()
            if rel not in taken and record.status == STATUS_OK
            for out_rel in record.outputs
            if self._digest(out_rel) is not None
        ]
        return tuple(sorted(set(found)))

    def report_of(self, interrupted: bool) -> FolderReport:
        c = self.counts
        formats = count_formats(d.rel for d in self.files)
        return FolderReport(
            src=str(self.src), out=str(self.out), manifest=str(self.manifest.path),
            total=len(self.files), done=c[STATUS_OK], skipped=c[STATUS_SKIPPED],
            failed=c[STATUS_FAILED], interrupted=interrupted,
            seconds=round(time.perf_counter() - self.started, 3), units=c["units"],
            records=tuple(self.records), fingerprint=self.fingerprint, kept=c[STATUS_KEPT],
            left_out=self.left_out, orphans=self.orphans(), formats=formats,
            globs=self.globs,
        )


def _edited_message(out_rel: str) -> str:
    return (
        f"{out_rel} was changed after precis wrote it (or is not precis' output); left alone "
        f"({FORCE_HINT})"
    )


def _prepare(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from exc
    check_writable(out_dir)


def _plan(
    job: Any, files: Sequence[Discovered]
) -> tuple[dict[str, Sequence[str]], dict[str, Sequence[Path]]]:
    plans: dict[str, Sequence[str]] = {}
    reads: dict[str, Sequence[Path]] = {}
    if not isinstance(job, PlannedJob):
        return plans, reads
    for d in files:
        if d.problem is None:
            plans[d.rel] = job.outputs_for(d.rel)
            reads[d.rel] = job.reads_for(d.path)
    return plans, reads


def _rel_in(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_digests(job: Any, path: Path, root: Path) -> dict[str, str]:
    if not isinstance(job, PlannedJob):
        return {}
    return {_rel_in(p, root): sha256_bytes(p.read_bytes()) for p in job.reads_for(path)}
