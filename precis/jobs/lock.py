"""One job per output folder, and temp files removed only when their writer is gone.

`OutputLock(out)` creates `out/.precis-lock` (exclusively) holding this process's PID; a second
job on the same folder stops at once with a JobLockedError naming the first one's PID. A lock
left by a process that no longer runs (killed) is taken over. Temp files carry their writer's
PID in their name (`precis.io.temp_prefix`): `remove_stale_temps` deletes those whose writer is
gone, never another running job's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path
from types import TracebackType

from precis.errors import JobLockedError, OutputError
from precis.io import TEMP_PREFIX
from precis.jobs.walk import temp_files

LOCK_NAME = ".precis-lock"
LEGACY_TEMP_AGE_S = 3600.0  # a temp file without a PID is stale once this old
_PID_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")


def pid_alive(pid: int) -> bool:
    """True when a process with this PID runs (or exists under another user)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(path: Path) -> int | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class OutputLock:
    """Context manager: hold `out/.precis-lock` for the life of a job."""

    def __init__(self, out: str | Path) -> None:
        self.path = Path(out) / LOCK_NAME
        self.held = False

    def acquire(self) -> None:
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                pid = _holder(self.path)
                if pid is not None and pid != os.getpid() and pid_alive(pid):
                    raise JobLockedError(
                        f"{self.path.parent}: another precis job (PID {pid}) is writing into "
                        f"this output folder; wait for it to finish, or stop it (kill {pid})"
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()  # left by a job that is gone (or half-written)
                continue
            except OSError as exc:
                raise OutputError(
                    f"{self.path}: cannot create the job lock ({exc.strerror or exc})"
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"pid": os.getpid(), "since": time.time()}, fh)
            self.held = True
            return
        raise OutputError(f"{self.path}: cannot take the job lock (another job keeps taking it)")

    def release(self) -> None:
        if self.held:
            if _holder(self.path) == os.getpid():
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
            self.held = False

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _stale(path: Path, name: str) -> bool:
    match = _PID_TEMP.match(name)
    if match:
        pid = int(match.group(1))
        return pid != os.getpid() and not pid_alive(pid)
    try:
        return time.time() - path.stat().st_mtime > LEGACY_TEMP_AGE_S
    except OSError:
        return False


def remove_stale_temps(out: str | Path) -> int:
    """Delete temp files whose writer is gone (never complete outputs, never a live job's)."""
    removed = 0
    for path in temp_files(out):
        if _stale(path, path.name):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed
