"""The labeled dedup cases of bench/dedup_quality.py, checked without the shared data (issue 12).

The hand-written cases (corpora/dedup/*.toml) run as they are; the generated kinds run on the
sample articles of corpora/sample instead of OrangeSum (the benchmark runs them on OrangeSum).
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from precis.corpora import SAMPLE_DIR

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dedup_quality.py"


@pytest.fixture(scope="module")
def quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dedup_quality", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["dedup_quality"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_hand_written_cases_lose_no_fact_and_find_the_restatements(quality: ModuleType) -> None:
    cases = quality.load_handwritten()
    assert len(cases) >= 40
    assert all(len(c.paragraphs) == len(c.expect) for c in cases)
    tallies, failures = quality.evaluate(cases)
    assert sum(t.lost for t in tallies.values()) == 0, failures
    restatements = [
        k for k in tallies if any(c.kind == k and c.group == "restatement" for c in cases)
    ]
    found = sum(tallies[k].removed for k in restatements)
    must_go = sum(tallies[k].must_go for k in restatements)
    assert must_go >= 20 and found >= 0.8 * must_go, failures
    duplicates = [k for k in tallies if any(c.kind == k and c.group == "duplicate" for c in cases)]
    assert all(tallies[k].removed == tallies[k].must_go for k in duplicates), failures


def test_a_case_needs_one_label_per_paragraph(quality: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[case]]\nid = "x"\nkind = "k"\nparagraphs = ["a", "b"]\nexpect = ["keep"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="one keep/remove per paragraph"):
        quality.load_handwritten(tmp_path)


def test_generated_cases_on_the_sample_articles(quality: ModuleType) -> None:
    docs = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*/article.fr.txt"))]
    cases = quality.generate(docs, 5, random.Random(12))
    kinds = {c.kind for c in cases}
    assert {"exact", "variant", "contained", "weekday", "negation", "antonym"} <= kinds
    tallies, failures = quality.evaluate(cases)
    assert sum(t.lost for t in tallies.values()) == 0, failures
    assert all(t.removed == t.must_go for t in tallies.values()), failures
