"""Folder jobs: one engine for every command that takes a folder (dedup, summarize, translate, run).

A command hands a per-document function to `run_job(engine, src, out, job, ...)`; the engine
alone walks (`walk`), fingerprints, skips, records (`manifest.jsonl`), writes atomically,
refuses collisions and hand-edited outputs, holds the folder's lock and reports
(`FolderReport`). Modules: `walk` (the one folder walker), `paths` (output path safety),
`manifest`, `lock`, `ledger` (the per-file bookkeeping), `local` and `ray` (the engines),
`engines` (the registry by name).
"""

from __future__ import annotations

from precis.jobs.engines import DEFAULT_ENGINE, ENGINES, run_job
from precis.jobs.ledger import JobLedger
from precis.jobs.local import run_folder_job
from precis.jobs.manifest import (
    MANIFEST_NAME,
    STATUS_FAILED,
    STATUS_KEPT,
    STATUS_OK,
    STATUS_SKIPPED,
    FileRecord,
    Manifest,
    sha256_bytes,
    sha256_text,
)
from precis.jobs.paths import check_plan, check_single_output, safe_output_path
from precis.jobs.types import DocResult, DocumentFn, FolderReport, JobProgress, PlannedJob
from precis.jobs.walk import DEFAULT_GLOBS, Discovered, Walk, matches, walk

__all__ = [
    "DEFAULT_ENGINE",
    "DEFAULT_GLOBS",
    "ENGINES",
    "MANIFEST_NAME",
    "STATUS_FAILED",
    "STATUS_KEPT",
    "STATUS_OK",
    "STATUS_SKIPPED",
    "Discovered",
    "DocResult",
    "DocumentFn",
    "FileRecord",
    "FolderReport",
    "JobLedger",
    "JobProgress",
    "Manifest",
    "PlannedJob",
    "Walk",
    "check_plan",
    "check_single_output",
    "matches",
    "run_folder_job",
    "run_job",
    "safe_output_path",
    "sha256_bytes",
    "sha256_text",
    "walk",
]
