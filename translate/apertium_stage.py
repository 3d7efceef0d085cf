"""One long-lived Apertium mode pipeline in null-flush mode: write a batch, read its answer.

A mode file (`fra-cat.mode`, ...) is turned into a shell pipeline by `apertium-wblank-mode -z`
and started once; each round trip writes Apertium stream text followed by a NUL and reads up
to the answer's last numbered superblank and the NUL after it. Some stages emit one NUL each,
so NULs are dropped from answers (the input never holds one: `encode` replaces them).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from precis.errors import BackendUnavailableError

READ_CHUNK = 1 << 16
ANSWER_TIMEOUT_S = 60  # a round trip may take this long, plus 1 s per ANSWER_BYTES_PER_S input
ANSWER_BYTES_PER_S = 2_000


def mode_command(mode_file: Path) -> str:
    """The shell pipeline of one mode, null-flushing, keeping unknown-word marks (`-g`)."""
    mode = subprocess.run(
        ["apertium-wblank-mode", "-z", str(mode_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return mode.replace("$1", "-g").replace("$2", "")


class ModeProcess:
    """A started mode pipeline (one process group); `roundtrip` is serialized by a lock."""

    def __init__(self, mode_file: Path) -> None:
        self.mode_file = mode_file
        self._command: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._lock = threading.Lock()
        self.processes_started = 0

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        if self._command is None:
            self._command = mode_command(self.mode_file)
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as the pipeline)
        self._proc = subprocess.Popen(
            ["bash", "-c", self._command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            start_new_session=True,  # one process group: close() ends every stage
        )
        self.processes_started += 1
        return self._proc

    def roundtrip(self, stream: str, last_marker: str) -> str:
        """Send `stream` (ending in `last_marker`); the answer, up to that marker and a NUL."""
        payload = (stream + "\0").encode("utf-8")
        with self._lock:
            raw = self._exchange(payload, last_marker.encode("utf-8"))
        return raw.replace(b"\0", b"").decode("utf-8", "replace")

    def _exchange(self, payload: bytes, marker: bytes) -> bytes:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin
        failure: list[BaseException] = []

        def write() -> None:
            try:
                stdin.write(payload)
                stdin.flush()
            except OSError as exc:
                failure.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        buffer = bytearray()
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + ANSWER_TIMEOUT_S + len(payload) / ANSWER_BYTES_PER_S
        while True:
            ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                self.close()
                raise BackendUnavailableError(
                    f"the apertium pipeline {self.mode_file.stem} did not answer within "
                    f"{ANSWER_TIMEOUT_S} s (plus time for the input size); it was stopped"
                )
            chunk = os.read(fd, READ_CHUNK)
            if not chunk:
                message = self.errors()
                self.close()
                raise BackendUnavailableError(
                    f"the apertium pipeline {self.mode_file.stem} stopped: {message}"
                )
            buffer += chunk
            if buffer.endswith(b"\0") and buffer.rstrip(b"\0").endswith(marker):
                break
        writer.join()
        if failure:
            raise BackendUnavailableError(f"cannot write to apertium: {failure[0]}")
        return bytes(buffer)

    def errors(self) -> str:
        if self._stderr is None:
            return "no message"
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return text[-500:] or "no message"

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=5)
            if proc.stdout is not None:
                proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
