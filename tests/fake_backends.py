"""Fake translation backends for tests (never shipped): deterministic, slow, failing.

Importing this module registers them in `precis.translate.BACKENDS` as "fake", "fake-slow" and
"fake-failing". In-process tests use the `fake_backends` fixture of conftest.py, which
registers them and removes them afterwards. Tests that need a real `precis` process (a kill,
a signal) start it so that this module is imported first:

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), ...])}
    subprocess.Popen(
        [sys.executable, "-c", "import fake_backends; from precis.cli import main; main()",
         "translate", "in/", "-o", "out/", "--backend", "fake-slow"], env=env)

The fake translation of a sentence is "EN(" + sentence + ")": easy to check by hand, and
order, structure and alignment mistakes show at once.
"""

from __future__ import annotations

import os
import time
from typing import Any, ClassVar

from precis.translate import BACKENDS, BackendInfo, Option, coerce_options, signature

DELAY_ENV = "PRECIS_FAKE_DELAY"  # seconds per sentence of "fake-slow" (a string, as in env)
DEFAULT_SLOW_DELAY = 0.2
LOG_ENV = "PRECIS_FAKE_LOG"  # a file where "fake-slow" appends each sentence it receives

OPTIONS: dict[str, Option] = {
    "max_tokens": Option(int, 0, "input limit in words + 1 (0 = none)"),
    "batch_tokens": Option(int, 64, "token budget per batch"),
    "delay": Option(float, 0.0, "seconds to sleep per sentence"),
    "fail_on": Option(str, "ÉCHEC", "a sentence containing this raises"),
    "interrupt_after": Option(int, 0, "raise KeyboardInterrupt at this call (0 = never)"),
    "beams": Option(int, 1, "accepted and recorded (CLI tests)"),
    "int8": Option(bool, False, "accepted and recorded (CLI tests)"),
    "device": Option(str, "cpu", "accepted and recorded (CLI tests)"),
}


def fake_translation(sentence: str) -> str:
    return f"EN({sentence})"


class FakeBackend:
    """Deterministic: each sentence becomes EN(sentence). Records every batch it gets."""

    name: ClassVar[str] = "fake"
    default_model: ClassVar[str | None] = None
    instances: ClassVar[list[FakeBackend]] = []

    def __init__(self, model: str | None = None, **options: Any) -> None:
        self.model = model or "fake-model"
        self.options = coerce_options(self.name, OPTIONS, options)
        self.max_input_tokens: int | None = self.options["max_tokens"] or None
        self.batch_tokens: int | None = self.options["batch_tokens"] or None
        self.batches: list[list[str]] = []
        self.closed = False
        type(self).instances.append(self)

    @classmethod
    def available(cls) -> tuple[bool, str]:
        return True, "test backend"

    def count_tokens(self, sentences: list[str]) -> list[int]:
        return [len(s.split()) + 1 for s in sentences]  # words + an end-of-sentence token

    def translate_batch(self, sentences: list[str]) -> list[str]:
        self.batches.append(list(sentences))
        if self.options["delay"]:
            time.sleep(self.options["delay"] * len(sentences))
        return [fake_translation(s) for s in sentences]

    @property
    def calls(self) -> int:
        return len(self.batches)

    @property
    def sentences_seen(self) -> list[str]:
        return [s for batch in self.batches for s in batch]

    def describe(self) -> BackendInfo:
        options = {k: self.options[k] for k in ("beams", "int8", "max_tokens")}
        parts = {"model": self.model, **options}
        return BackendInfo(self.name, self.model, "1", options, signature(self.name, parts))

    def close(self) -> None:
        self.closed = True


class SlowFakeBackend(FakeBackend):
    """Sleeps per sentence (0.2 s by default, or $PRECIS_FAKE_DELAY seconds: the way a test sets
    the delay of a `precis` subprocess): a job on it can be killed mid-way. With $PRECIS_FAKE_LOG
    set, each sentence is appended to that file (one line, flushed) before the sleep, so a test
    can tell which file a subprocess is working on and signal it mid-file."""

    name: ClassVar[str] = "fake-slow"

    def __init__(self, model: str | None = None, **options: Any) -> None:
        options.setdefault("delay", os.environ.get(DELAY_ENV, DEFAULT_SLOW_DELAY))
        options.setdefault("batch_tokens", 4)  # one sentence per call: progress is visible
        super().__init__(model, **options)
        self.log = os.environ.get(LOG_ENV)

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if self.log:
            with open(self.log, "a", encoding="utf-8") as fh:
                fh.write("".join(f"{s}\n" for s in sentences))
        return super().translate_batch(sentences)


class FailingFakeBackend(FakeBackend):
    """Raises RuntimeError on a sentence containing `fail_on`; KeyboardInterrupt on request."""

    name: ClassVar[str] = "fake-failing"

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if self.options["interrupt_after"] and self.calls + 1 >= self.options["interrupt_after"]:
            self.batches.append(list(sentences))
            raise KeyboardInterrupt
        marker = self.options["fail_on"]
        for sentence in sentences:
            if marker and marker in sentence:
                self.batches.append(list(sentences))
                raise RuntimeError(f"fake failure on {sentence!r}")
        return super().translate_batch(sentences)


FAKES: tuple[type[FakeBackend], ...] = (FakeBackend, SlowFakeBackend, FailingFakeBackend)


def register() -> None:
    for cls in FAKES:
        BACKENDS.add(cls.name, cls, replace=True)


def unregister() -> None:
    for cls in FAKES:
        BACKENDS.remove(cls.name)
    FakeBackend.instances.clear()


register()
