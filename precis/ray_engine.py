"""The folder job on a Ray cluster, with Ray Data: read -> map_batches(actor) -> write.

`run_folder_job_ray` keeps the local job's promises (`precis.jobs`): files already done are
skipped before anything is submitted; the remaining files are read by Ray Data
(`read_binary_files`, with their path as the file id column), each actor of `map_batches`
builds the per-document function once (so a model loads once per actor, not per file), and the
driver writes every result atomically and appends it to the manifest as it streams back. A file
that fails is recorded as failed and the job goes on.

Cost: one actor per worker CPU (`num_workers`, default: the cluster's CPUs); each file is one
task of `files_per_batch` files, so wall time grows with files / workers plus a start-up of a
few seconds per actor (the model load). On an existing cluster (`address="ray://HOST:10001"`
or `"auto"`), every node needs precis installed and the inputs readable at the same paths
(shared storage); outputs and the manifest are written by the driver only.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from precis.errors import BackendUnavailableError, OutputError, PathEscapeError, PrecisError
from precis.jobs import (
    DEFAULT_GLOBS,
    MANIFEST_NAME,
    STATUS_FAILED,
    STATUS_OK,
    STATUS_SKIPPED,
    DocResult,
    FileRecord,
    FolderReport,
    JobLedger,
    JobProgress,
    is_done,
    now,
    sha256_bytes,
    write_outputs,
)

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
        self, process: Any, rels: dict[str, str], encoding: str, fatal: tuple[type, ...] = ()
    ) -> None:
        self.process = process
        self.rels = rels
        self.encoding = encoding
        self.fatal = fatal

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from precis.io import decode_bytes

        out: dict[str, list[Any]] = {
            "file_id": [],
            "outputs": [],
            "units": [],
            "meta": [],
            "error": [],
            "seconds": [],
        }
        for path, data in zip(batch["path"], batch["bytes"], strict=True):
            rel = self.rels[_key(path)]
            start = time.perf_counter()
            outputs, units, meta, error = "{}", 0, "{}", ""
            try:
                text = decode_bytes(bytes(data), rel, encoding=self.encoding)
                result = self.process(text, rel)
                if not isinstance(result, DocResult):
                    result = DocResult(outputs=result)
                outputs = json.dumps(dict(result.outputs), ensure_ascii=False)
                units = int(result.units)
                meta = json.dumps(dict(result.meta), ensure_ascii=False, default=str)
            except self.fatal:
                raise  # e.g. a model that cannot load: the whole job stops
            except Exception as exc:  # recorded per file, the job goes on
                error = str(exc) if isinstance(exc, PrecisError) else f"{type(exc).__name__}: {exc}"
            out["file_id"].append(rel)
            out["outputs"].append(outputs)
            out["units"].append(units)
            out["meta"].append(meta)
            out["error"].append(error)
            out["seconds"].append(round(time.perf_counter() - start, 4))
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
    ledger = JobLedger.open(src, out, fingerprint, globs, manifest_name, progress)
    fp = ledger.fingerprint
    todo: dict[str, tuple[str, str]] = {}  # path key -> (rel, sha)
    for item in ledger.files:
        if item.problem:
            ledger.add(
                FileRecord(item.rel, None, fp, {}, STATUS_FAILED, 0.0, item.problem, time=now())
            )
            continue
        sha = sha256_bytes(item.path.read_bytes())
        last = ledger.previous.get(item.rel)
        if not force and last is not None and is_done(last, sha, fp, ledger.out):
            ledger.add(dataclasses.replace(last, status=STATUS_SKIPPED, seconds=0.0))
            continue
        todo[_key(str(item.path.resolve()))] = (item.rel, sha)

    if todo:
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(
                address=address,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
            )
        try:
            workers = num_workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
            # Reading is light: it must not wait for CPUs the actors hold (a deadlock otherwise).
            dataset = ray.data.read_binary_files(list(todo), include_paths=True, num_cpus=READ_CPUS)
            results = dataset.map_batches(
                DocumentActor,
                fn_constructor_kwargs={
                    "process": process,
                    "rels": {key: rel for key, (rel, _) in todo.items()},
                    "encoding": encoding,
                    "fatal": fatal,
                },
                batch_size=FILES_PER_BATCH,
                concurrency=min(workers, len(todo)),
                num_cpus=1,
            )
            by_rel = {rel: sha for rel, sha in todo.values()}
            try:
                for row in results.iter_rows():
                    rel = str(row["file_id"])
                    try:
                        ledger.add(_record(row, by_rel[rel], fp, ledger.out, ledger.protect))
                    except OutputError as exc:  # disk full, read-only: stop, keep what is done
                        raise ledger.stopped(exc, rel) from exc
            except Exception as exc:
                cause = getattr(exc, "cause", None)
                if isinstance(cause, PrecisError):  # a fatal error raised inside an actor
                    raise cause from exc
                raise
        finally:
            if started_here:
                ray.shutdown()
    return ledger.report_of(interrupted=False)


def _record(
    row: Mapping[str, Any], sha: str, fp: dict[str, Any], out_dir: Path, protect: Path | None
) -> FileRecord:
    """Write one streamed result atomically (in the driver) and make its manifest record."""
    rel, seconds = str(row["file_id"]), float(row["seconds"])
    if row["error"]:
        return FileRecord(rel, sha, fp, {}, STATUS_FAILED, seconds, str(row["error"]), time=now())
    try:
        digests = write_outputs(out_dir, json.loads(row["outputs"]), protect=protect)
    except PathEscapeError as exc:
        return FileRecord(rel, sha, fp, {}, STATUS_FAILED, seconds, str(exc), time=now())
    return FileRecord(
        rel,
        sha,
        fp,
        digests,
        STATUS_OK,
        seconds,
        None,
        int(row["units"]),
        json.loads(row["meta"]),
        now(),
    )
