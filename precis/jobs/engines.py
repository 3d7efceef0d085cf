"""Where a folder job runs: `local` (this process) or `ray` (a Ray cluster), by name.

Both take the same arguments and keep the same promises (manifest, skip/resume, atomic writes,
per-file failures) by the same bookkeeping: `precis.jobs.ledger`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from precis.registry import Registry

DEFAULT_ENGINE = "local"


class Engine(Protocol):
    def __call__(
        self,
        src: str | Path,
        out: str | Path,
        process: Any,
        *,
        fingerprint: Mapping[str, Any],
        globs: Sequence[str],
        force: bool,
        encoding: str,
        progress: Callable[[Any], None] | None,
        address: str | None,
        fatal: tuple[type[BaseException], ...] = (),
    ) -> Any: ...


def _local(
    src: str | Path,
    out: str | Path,
    process: Any,
    *,
    address: str | None = None,
    **options: Any,
) -> Any:
    from precis.jobs.local import run_folder_job

    if address is not None:
        from precis.errors import InputError

        raise InputError("--address only applies to --engine ray")
    return run_folder_job(src, out, process, **options)


def _ray(src: str | Path, out: str | Path, process: Any, **options: Any) -> Any:
    from precis.jobs.ray import run_folder_job_ray

    return run_folder_job_ray(src, out, process, **options)


ENGINES: Registry[Engine] = Registry("engine")
ENGINES.add("local", _local)
ENGINES.add("ray", _ray)


def run_job(engine: str, src: str | Path, out: str | Path, process: Any, **options: Any) -> Any:
    """Run a folder job on the named engine (UnknownNameError lists the engines)."""
    return ENGINES.get(engine)(src, out, process, **options)
