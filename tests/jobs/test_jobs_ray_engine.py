"""The folder job on a real local Ray cluster (Ray Data read -> map_batches -> driver writes)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'precis[ray]')")

from precis.errors import UnknownNameError  # noqa: E402
from precis.jobs import run_job  # noqa: E402


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[None]:
    # workers import the per-document functions defined in this module, and tests/fake_backends
    here = Path(__file__).resolve().parent
    tests_dir = os.pathsep.join([str(here), str(here.parent)])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        runtime_env={"env_vars": {"PYTHONPATH": tests_dir}},
    )
    yield
    ray.shutdown()


class Shout:
    """A picklable per-document function; fails on files that contain BOOM."""

    def __call__(self, text: str, rel: str) -> dict[str, str]:
        if "BOOM" in text:
            raise ValueError(f"cannot handle {rel}")
        return {rel: text.upper()}


def _tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("l'été à Paris\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("élève\n", encoding="utf-8")
    (root / "c.txt").write_text("BOOM\n", encoding="utf-8")
    (root / "skip.bin").write_bytes(b"\x00")
    return root


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def test_ray_engine_mirrors_records_failures_and_resumes(ray_cluster: None, tmp_path: Path) -> None:
    src, out = _tree(tmp_path / "src"), tmp_path / "out"
    options = dict(
        fingerprint={"job": "shout"},
        globs=("*.txt",),
        force=False,
        encoding="utf-8",
        progress=None,
        address=None,
    )
    report = run_job("ray", src, out, Shout(), **options)
    assert (report.total, report.done, report.failed, report.skipped) == (3, 2, 1, 0)
    assert (out / "a.txt").read_text(encoding="utf-8") == "L'ÉTÉ À PARIS\n"
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "ÉLÈVE\n"
    assert not (out / "c.txt").exists()
    failed = [r for r in _manifest(out) if r["status"] == "failed"]
    assert [r["input"] for r in failed] == ["c.txt"] and "cannot handle c.txt" in failed[0]["error"]

    # re-run: done files skipped before submission, the failed one is redone (and fails again)
    (src / "a.txt").write_text("changé\n", encoding="utf-8")
    again = run_job("ray", src, out, Shout(), **options)
    assert (again.done, again.skipped, again.failed) == (1, 1, 1)
    assert (out / "a.txt").read_text(encoding="utf-8") == "CHANGÉ\n"

    # the local engine agrees with the manifest the Ray engine wrote
    local = run_job("local", src, out, Shout(), **options)
    assert (local.done, local.skipped, local.failed) == (0, 2, 1)


def test_unknown_engine_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError, match="local, ray"):
        run_job(
            "spark",
            tmp_path,
            tmp_path / "o",
            Shout(),
            fingerprint={},
            globs=("*",),
            force=False,
            encoding="utf-8",
            progress=None,
            address=None,
        )


def test_translate_folder_on_ray_with_the_tiny_model(
    ray_cluster: None, tiny_marian: Path, tmp_path: Path
) -> None:
    from precis.translate import translate_folder

    src = tmp_path / "src"
    (src / "news").mkdir(parents=True)
    (src / "a.txt").write_text("Le chat dort.\n\nIl pleut à Paris.\n", encoding="utf-8")
    (src / "news" / "b.txt").write_text("L'été est chaud.\nLa ville agit.\n", encoding="utf-8")
    out = tmp_path / "out"
    report = translate_folder(
        src, out, backend="transformers", model=str(tiny_marian), engine="ray"
    )
    assert (report.done, report.failed) == (2, 0)
    a = (out / "a.txt").read_text(encoding="utf-8")
    b = (out / "news" / "b.txt").read_text(encoding="utf-8")
    assert a.count("\n\n") == 1 and b.count("\n") == 2  # structure kept by the actors
    records = _manifest(out)
    assert {r["fingerprint"]["name"] for r in records} == {"transformers"}
    again = translate_folder(src, out, backend="transformers", model=str(tiny_marian), engine="ray")
    assert (again.done, again.skipped) == (0, 2)
