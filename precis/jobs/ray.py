"""The Ray engine: the folder job on a Ray cluster, with Ray Data: read -> map_batches -> write.

Same promises as the local engine, by the same code: `JobLedger` (precis.jobs.ledger) decides
per file what needs work (skips, refusals, edited outputs) before anything is submitted, and
records every result as it streams back (atomic writes by the driver, manifest, progress).
Only the remaining files are read by Ray Data (`read_binary_files`, with their path as the file
id column); each actor of `map_batches` builds the per-document function once (a model loads
once per actor, not per file). A file that fails is recorded as failed and the job goes on.

Cost: one actor per worker CPU (`num_workers`, default: the cluster's CPUs); each file is one
task of `FILES_PER_BATCH` files, so wall time grows with files / workers plus a start-up of a
few seconds per actor (the model load). On an existing cluster (`address="ray://HOST:10001"`
or `"auto"`), every node needs precis installed and the inputs readable at the same paths
(shared storage); outputs and the manifest are written by the driver only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from precis.errors import BackendUnavailableError, OutputError, PrecisError
from precis.jobs.ledger import JobLedger, Pending, decode_input, error_message
from precis.jobs.manifest import MANIFEST_NAME
from precis.jobs.types import DocResult, FolderReport, JobProgress
from precis.jobs.walk import DEFAULT_GLOBS

FILES_PER_BATCH = 1  # a file is the unit of work and of failure
READ_CPUS = 0  # read tasks need no reserved CPU
RAY_INSTALL_HINT = "pip install 'precis[ray]'"


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise BackendUnavailableError(
            f"--engine ray needs Ray Data, which is not installed ({RAY_INSTALL_HINT})"
        ) from exc
    return ray


def _key(path: str) -> str:
    """Ray may report local paths with or without the leading slash."""
    return "/" + str(path).lstrip("/")


class DocumentActor:
    """One per Ray worker: holds the per-document function (and so its model) for its life."""

    def __init__(
        self,
        process: Any,
        rels: dict[str, str],
        encoding: str,
        fatal: tuple[type[BaseException], ...] = (),
    ) -> None:
        self.process = process
        self.rels = rels
        self.encoding = encoding
        self.fatal = fatal

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        columns = ("file_id", "outputs", "units", "meta", "error")
        out: dict[str, list[Any]] = {name: [] for name in columns}
        for path, data in zip(batch["path"], batch["bytes"], strict=True):
            rel = self.rels[_key(path)]
            outputs, units, meta, error = "{}", 0, "{}", ""
            try:
                result = self.process(decode_input(bytes(data), rel, self.encoding), rel)
                if not isinstance(result, DocResult):
                    result = DocResult(outputs=result)
                outputs = json.dumps(dict(result.outputs), ensure_ascii=False)
                units = int(result.units)
                meta = json.dumps(dict(result.meta), ensure_ascii=False, default=str)
            except self.fatal:
                raise  # e.g. a model that cannot load: the whole job stops
            except Exception as exc:  # recorded per file, the job goes on
                error = error_message(exc)
            for name, value in zip(columns, (rel, outputs, units, meta, error), strict=True):
                out[name].append(value)
        return out


def run_folder_job_ray(
    src: str | Path,
    out: str | Path,
    process: Any,
    *,
    fingerprint: Mapping[str, Any],
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    encoding: str = "utf-8",
    progress: Callable[[JobProgress], None] | None = None,
    address: str | None = None,
    num_workers: int | None = None,
    fatal: tuple[type[BaseException], ...] = (),
    manifest_name: str = MANIFEST_NAME,
) -> FolderReport:
    """The folder job of `precis.jobs.run_folder_job`, run by Ray Data actors."""
    ray = _import_ray()
    ledger = JobLedger.open(
        src, out, process, fingerprint, globs, force=force, manifest_name=manifest_name,
        progress=progress,
    )
    try:
        todo: dict[str, Pending] = {}  # path key -> pending file
        for item in ledger.files:
            decided = ledger.decide(item)
            if isinstance(decided, Pending):
                todo[_key(str(item.path.resolve()))] = decided
            else:
                ledger.add(decided)
        if todo:
            _run_on_ray(ray, ledger, process, todo, encoding, fatal, address, num_workers)
        return ledger.report_of(interrupted=False)
    finally:
        ledger.close()


def _run_on_ray(
    ray: Any,
    ledger: JobLedger,
    process: Any,
    todo: dict[str, Pending],
    encoding: str,
    fatal: tuple[type[BaseException], ...],
    address: str | None,
    num_workers: int | None,
) -> None:
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
    try:
        workers = num_workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        # Reading is light: it must not wait for CPUs the actors hold (a deadlock otherwise).
        dataset = ray.data.read_binary_files(list(todo), include_paths=True, num_cpus=READ_CPUS)
        rels = {key: p.item.rel for key, p in todo.items()}
        results = dataset.map_batches(
            DocumentActor,
            fn_constructor_kwargs={
                "process": process, "rels": rels, "encoding": encoding, "fatal": fatal,
            },
            batch_size=FILES_PER_BATCH,
            concurrency=min(workers, len(todo)),
            num_cpus=1,
        )
        by_rel = {p.item.rel: p for p in todo.values()}
        try:
            for row in results.iter_rows():
                _finish(ledger, by_rel[str(row["file_id"])], row)
        except Exception as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, PrecisError):  # a fatal error raised inside an actor
                raise cause from exc
            raise
    finally:
        if started_here:
            ray.shutdown()


def _finish(ledger: JobLedger, pending: Pending, row: Mapping[str, Any]) -> None:
    """Record one streamed result: written atomically by the driver, through the ledger."""
    if row["error"]:
        ledger.fail(pending, str(row["error"]))
        return
    result = DocResult(
        outputs=json.loads(row["outputs"]), units=int(row["units"]), meta=json.loads(row["meta"])
    )
    try:
        ledger.finish(pending, result)
    except OutputError as exc:  # disk full, read-only: stop, keep what is done
        raise ledger.stopped(exc, pending.item.rel) from exc

