"""The one progress factory of the CLI: a transient rich bar on stderr, only on a terminal.

    with progress_bar("sentences", unit="sentences") as bar:
        translate_lines(items, progress=bar.count if bar else None)

`bar.count(done, total)` for counters, `bar.stage(name, done, total)` for staged work (scoring,
benchmarks), `bar.job(event)` for a folder job's `JobProgress` (files, units, rate, current
file). When stderr is not a terminal (a pipe, a log, CI) the factory yields None: no bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from precis.cli.common import err, show_progress


class Bar:
    """Callbacks onto one rich task; every rate is `unit` per second since the bar started."""

    def __init__(self, progress: Any, task: Any) -> None:
        self._progress = progress
        self._task = task
        self._start = time.perf_counter()

    def _rate(self, done: int) -> float:
        return done / max(time.perf_counter() - self._start, 1e-9)

    def count(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total, rate=self._rate(done))

    def stage(self, name: str, done: int, total: int) -> None:
        self._progress.update(
            self._task, description=name or "done", completed=done, total=total,
            rate=self._rate(done),
        )

    def job(self, event: Any) -> None:
        """A folder job's JobProgress: files done of total, units (sentences) and their rate."""
        self._progress.update(
            self._task, completed=event.files_done, total=event.files_total, units=event.units,
            rate=event.rate, current=event.current or "",
        )


@contextmanager
def progress_bar(
    label: str, *, unit: str | None = None, files: bool = False
) -> Iterator[Bar | None]:
    """A bar labelled `label`; `unit` adds a rate column; `files` adds units and current file."""
    if not show_progress():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    if files:
        columns.append(TextColumn(f"{{task.fields[units]}} {unit or 'units'}"))
    if unit:
        columns.append(TextColumn(f"{{task.fields[rate]:.1f}} {unit}/s"))
    columns.append(TimeRemainingColumn())
    if files:
        columns.append(TextColumn("{task.fields[current]}"))
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=None, rate=0.0, units=0, current="")
        yield Bar(progress, task)


def counter(bar: Bar | None) -> Callable[[int, int], None] | None:
    return bar.count if bar is not None else None
