"""The local engine: every file of a folder through one per-document function, in this process.

`run_folder_job(src, out, process, fingerprint=...)` mirrors the files of `src` that match the
globs into `out`. `process(text, relpath)` returns `{output relpath: text}` or a `DocResult`;
a `PlannedJob` also says beforehand which outputs it writes and which other files it reads
(reference summaries), so that collisions are refused before any work and a changed reference
redoes the file. All bookkeeping (walk, fingerprints, skip, manifest, atomic writes, edited
outputs, lock, report) is `precis.jobs.ledger.JobLedger`, shared with the Ray engine.

- Isolation: an exception in one file is recorded and the job goes on (exit code 1 later).
  Exceptions listed in `fatal` (a model that cannot load) stop the job at once, and so does an
  output folder that cannot be written (disk full, read-only): the finished files are kept.
- Ctrl-C: the first one finishes the current file and stops with the manifest consistent; a
  second one stops at once (the file in progress is redone on the next run).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from precis.errors import OutputError
from precis.jobs.ledger import JobLedger, Pending
from precis.jobs.manifest import MANIFEST_NAME
from precis.jobs.types import DocumentFn, FolderReport, JobProgress
from precis.jobs.walk import DEFAULT_GLOBS


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
    ledger = JobLedger.open(
        src, out, process, fingerprint, globs, force=force, manifest_name=manifest_name,
        progress=progress,
    )
    interrupt = _Interrupt()
    interrupted = False
    try:
        ledger.report(None)
        with interrupt.installed():
            for item in ledger.files:
                if interrupt.requested:
                    interrupted = True
                    break
                ledger.report(item.rel)
                try:
                    _one_file(ledger, item, process, encoding, fatal)
                except KeyboardInterrupt:
                    interrupted = True
                    break
                except OutputError as exc:  # disk full, read-only: no later file could be written
                    raise ledger.stopped(exc, item.rel) from exc
            else:
                interrupted = interrupt.requested and len(ledger.records) < len(ledger.files)
        return ledger.report_of(interrupted)
    finally:
        ledger.close()


def _one_file(
    ledger: JobLedger,
    item: Any,
    process: DocumentFn,
    encoding: str,
    fatal: tuple[type[BaseException], ...],
) -> None:
    decided = ledger.decide(item)
    if not isinstance(decided, Pending):
        ledger.add(decided)
        return
    try:
        result = process(ledger.read(decided, encoding), item.rel)
    except fatal:
        raise
    except Exception as exc:
        ledger.fail(decided, exc)
        return
    ledger.finish(decided, result)
