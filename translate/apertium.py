"""The `apertium` backend: offline, rule-based, French -> Spanish -> English (Debian packages).

One pipeline per job, never one process per sentence: the two language pairs' mode files
(`fr-es`, `spa-eng`) are chained into one long-lived shell pipeline in null-flush mode (`-z`);
each batch is written as Apertium stream format (escaped text, each sentence closed by a
numbered superblank `[<p:N>]`) followed by a NUL, and the answer is read back up to the NUL.
The numbered superblanks pass through every stage untouched, so the alignment of outputs to
inputs is checked exactly (a mangled separator is an error, never a shifted translation).
Unknown-word marks (`*`, `**`, `#`, `@`) are removed; with `fix_unknown` (default) the words
Apertium left in French or Spanish get a cognate guess (`translate/apertium_fixes.py`).

Measured (WMT): 14.5 BLEU on newstest2014 for the raw pivot versus 38 for opus-mt-fr-en; see
translate/README.md for newstest2013 numbers of this backend.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any, ClassVar

from precis.errors import BackendUnavailableError, PrecisError
from precis.translate.apertium_fixes import clean_marks
from precis.translate.base import BackendInfo, Option, coerce_options, signature

PAIRS = ("fr-es", "spa-eng")  # French -> Spanish -> English
PACKAGES = ("apertium", "apertium-fr-es", "apertium-eng-spa")
MODES_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")
MODES_ENV = "PRECIS_APERTIUM_MODES"
INSTALL_HINT = "sudo apt-get install apertium apertium-fr-es apertium-eng-spa"
READ_CHUNK = 1 << 16
ANSWER_TIMEOUT_S = 60  # a round trip may take this long, plus 1 s per ANSWER_BYTES_PER_S input
ANSWER_BYTES_PER_S = 2_000
APERTIUM_BATCH_WORDS = 100_000  # per round trip through the one pipeline: progress shows
# Characters Apertium's stream format reserves (the same set apertium-destxt escapes).
_ESCAPE = re.compile(r"([\\\[\]^$@/<>{}])")
_UNESCAPE = re.compile(r"\\(.)")
_SEPARATOR = re.compile(r"\[<p:(\d+)>\]")
_ADDED_STOP = ".[]"  # a full stop + empty superblank after each sentence: a hard boundary

OPTIONS: dict[str, Option] = {
    "fix_unknown": Option(bool, True, "guess English cognates of words left untranslated"),
    "marks": Option(bool, False, "keep Apertium's unknown-word marks (* # @) for inspection"),
}


def modes_dir() -> Path | None:
    candidates = [os.environ[MODES_ENV]] if os.environ.get(MODES_ENV) else list(MODES_DIRS)
    for folder in candidates:
        if all((Path(folder) / f"{pair}.mode").is_file() for pair in PAIRS):
            return Path(folder)
    return None


def package_versions() -> dict[str, str]:
    """Debian versions of the engine and the two pairs (for signatures); empty if unknown."""
    if shutil.which("dpkg-query") is None:
        return {}
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", *PACKAGES],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    versions = {}
    for line in out.splitlines():
        name, _, version = line.partition(" ")
        if version:
            versions[name] = version.split("-")[0] if name == "apertium" else version
    return versions


class AlignmentError(PrecisError):
    """Apertium's output cannot be matched to the input sentences (fails one document)."""


def encode(sentences: list[str]) -> str:
    """Apertium stream text: each sentence escaped, closed by `.[]` and a numbered superblank."""
    parts = []
    for i, sentence in enumerate(sentences):
        flat = " ".join(sentence.replace("\0", " ").split())
        escaped = _ESCAPE.sub(r"\\\1", flat)
        parts.append(f"{escaped}{_ADDED_STOP}[<p:{i}>]")
    return "".join(parts)


def decode(stream: str, count: int) -> list[str]:
    """Split on the numbered superblanks, checking that all of them came back in order."""
    pieces = _SEPARATOR.split(stream)
    numbers = pieces[1::2]
    if numbers != [str(i) for i in range(count)] or pieces[-1].strip():
        raise AlignmentError(
            f"apertium returned {len(numbers)} sentence separators for {count} sentences "
            "(or out of order); the pipeline's output cannot be aligned"
        )
    out = []
    for raw in pieces[0:-1:2]:
        text = raw.strip()
        if text.endswith(_ADDED_STOP):
            text = text[: -len(_ADDED_STOP)]
        text = text.replace("[]", "")
        out.append(" ".join(_UNESCAPE.sub(r"\1", text).split()))
    return out


class ApertiumBackend:
    default_model: ClassVar[str | None] = None
    name: ClassVar[str] = "apertium"
    max_input_tokens: int | None = None  # rule-based: no input limit
    batch_tokens: int | None = APERTIUM_BATCH_WORDS  # words per round trip (same pipeline)

    def __init__(self, model: str | None = None, **options: Any) -> None:
        ok, why = self.available()
        if not ok:
            raise BackendUnavailableError(f"apertium backend: {why}")
        if model:
            raise BackendUnavailableError(
                "the apertium backend has no models to choose (it uses the fr-es and spa-eng "
                "pairs); drop --model or pick --backend transformers"
            )
        self.options = coerce_options(self.name, OPTIONS, options)
        self.versions = package_versions()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._lock = threading.Lock()
        self.processes_started = 0

    @classmethod
    def available(cls) -> tuple[bool, str]:
        if shutil.which("apertium") is None or shutil.which("apertium-wblank-mode") is None:
            return False, f"apertium is not installed ({INSTALL_HINT})"
        if modes_dir() is None:
            return False, f"the fr-es and spa-eng pairs are not installed ({INSTALL_HINT})"
        return True, "apertium with the fr-es and spa-eng pairs is installed"

    def count_tokens(self, sentences: list[str]) -> list[int] | None:
        return None

    def _command(self) -> str:
        folder = modes_dir()
        assert folder is not None
        stages = []
        for pair in PAIRS:
            mode = subprocess.run(
                ["apertium-wblank-mode", "-z", str(folder / f"{pair}.mode")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            stages.append(mode.replace("$1", "-g").replace("$2", ""))  # -g: keep marks
        return " | ".join(stages)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as the pipeline)
        self._proc = subprocess.Popen(
            ["bash", "-c", self._command()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            start_new_session=True,  # one process group: close() ends every stage
        )
        self.processes_started += 1
        return self._proc

    def _roundtrip(self, payload: bytes) -> bytes:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        failure: list[BaseException] = []

        def write() -> None:
            try:
                proc.stdin.write(payload)
                proc.stdin.flush()
            except OSError as exc:
                failure.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        chunks: list[bytes] = []
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + ANSWER_TIMEOUT_S + len(payload) / ANSWER_BYTES_PER_S
        while True:
            ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                self.close()
                raise BackendUnavailableError(
                    f"the apertium pipeline did not answer within {ANSWER_TIMEOUT_S} s "
                    "(plus time for the input size); it was stopped"
                )
            chunk = os.read(fd, READ_CHUNK)
            if not chunk:
                message = self._errors()
                self.close()
                raise BackendUnavailableError(f"the apertium pipeline stopped: {message}")
            chunks.append(chunk)
            if chunk.endswith(b"\0"):
                break
        writer.join()
        if failure:
            raise BackendUnavailableError(f"cannot write to apertium: {failure[0]}")
        return b"".join(chunks)[:-1]

    def _errors(self) -> str:
        if self._stderr is None:
            return "no message"
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return text[-500:] or "no message"

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        payload = (encode(sentences) + "\0").encode("utf-8")
        with self._lock:
            stream = self._roundtrip(payload).decode("utf-8", "replace")
        outputs = decode(stream, len(sentences))
        if self.options["marks"]:
            return outputs
        fix = self.options["fix_unknown"]
        return [clean_marks(out, src, fix=fix) for out, src in zip(outputs, sentences, strict=True)]

    def describe(self) -> BackendInfo:
        options = {"fix_unknown": self.options["fix_unknown"], "marks": self.options["marks"]}
        parts: dict[str, Any] = {"pivot": "fr-es-en"}
        parts["apertium"] = self.versions.get("apertium", "unknown")
        parts["fr-es"] = self.versions.get("apertium-fr-es")
        parts["eng-spa"] = self.versions.get("apertium-eng-spa")
        parts.update(options)
        return BackendInfo(
            name=self.name,
            model="fr-es+spa-eng",
            revision=parts["apertium"],
            options=options,
            signature=signature(self.name, parts),
        )

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

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
