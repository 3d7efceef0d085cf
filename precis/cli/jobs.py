"""What every folder command prints: the backend line, a progress bar, the job's report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from precis.cli.common import ExitCode, error_line, info, listed, print_json, warn
from precis.cli.progress import progress_bar

MAX_LISTED = 5  # file names listed in one report line, at most


@contextmanager
def folder_progress(
    unit: str = "sentences", announce: Callable[[Any], str | None] | None = None
) -> Iterator[Callable[[Any], None]]:
    """A JobProgress callback: `announce(event)` printed once (e.g. the backend), then a bar
    of files, units and rate when stderr is a terminal."""
    announced: list[bool] = []

    def first(event: Any) -> None:
        if announce is not None and not announced and event.fingerprint:
            line = announce(event)
            if line:
                info(line)
            announced.append(True)

    with progress_bar("files", unit=unit, files=True) as bar:

        def update(event: Any) -> None:
            first(event)
            if bar is not None:
                bar.job(event)

        yield update


def _listed(names: list[str] | tuple[str, ...]) -> str:
    return listed(names, MAX_LISTED)


def render_folder_report(
    report: Any, *, as_json: bool, verb: str = "done", unit: str = "sentences"
) -> None:
    """The summary lines of a folder job; exit 130 when interrupted, 1 when files failed."""
    rate = report.units / report.seconds if report.seconds else 0.0
    formats = ", ".join(f"{n} {ext}" for ext, n in report.formats.items())
    info(
        f"{report.done} {verb}, {report.skipped} skipped (unchanged), {report.failed} failed, "
        f"of {report.total} files ({formats or 'none'}) in {report.seconds:.1f}s "
        f"({report.units} {unit}, {rate:.1f}/s); manifest: {report.manifest}"
    )
    if report.left_out:
        info(
            f"{len(report.left_out)} file(s) not taken by the globs ({', '.join(report.globs)}): "
            f"{_listed(report.left_out)}; --glob takes others"
        )
    if report.kept:
        warn(
            f"{report.kept} output(s) changed since precis wrote them, left alone: "
            f"{_listed(report.kept_files)}; --force overwrites them"
        )
    if report.orphans:
        warn(
            f"{len(report.orphans)} output(s) whose source is gone (kept): "
            f"{_listed(report.orphans)}"
        )
    if as_json:
        print_json(report)
    if report.interrupted:
        error_line(f"interrupted; finished files are kept, re-run to resume ({report.manifest})")
        raise typer.Exit(ExitCode.INTERRUPTED)
    if report.failed:
        failures = [r for r in report.records if r.status == "failed"]
        for record in failures[:MAX_LISTED]:
            warn(f"failed: {record.input}: {record.error}")
        error_line(
            f"{report.failed} file(s) failed ({_listed(report.failed_files)}); details in "
            f"{report.manifest}"
        )
        raise typer.Exit(ExitCode.ERROR)
