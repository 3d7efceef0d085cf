"""Start-up costs: `precis score` loads NLTK only when rouge-score's Porter stemmer is used
(rouge-score imports NLTK at module load; precis defers it: eval/rouge.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = (
    "import sys; from precis.cli import app\n"
    "try:\n    app(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
    "print('nltk loaded:', 'nltk' in sys.modules)"
)


def _score(tmp_path: Path, *extra: str) -> str:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("Le chat dort sur le canapé.\nIl pleut à Paris.\n", encoding="utf-8")
    ref.write_text("Le chat dort.\nIl pleut beaucoup à Paris.\n", encoding="utf-8")
    args = ["score", "--hyp", str(hyp), "--ref", str(ref), "--metric", "rouge", "--json", *extra]
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return out.stdout


@pytest.mark.parametrize("extra", [(), ("--stem",), ("--rouge-tokenizer", "default")])
def test_score_without_porter_stemming_does_not_import_nltk(
    tmp_path: Path, extra: tuple[str, ...]
) -> None:
    assert _score(tmp_path, *extra).strip().endswith("nltk loaded: False")


def test_porter_stemming_still_loads_nltk_and_scores_as_rouge_score(tmp_path: Path) -> None:
    import json

    from rouge_score import rouge_scorer

    out = _score(tmp_path, "--rouge-tokenizer", "default", "--stem")
    assert out.strip().endswith("nltk loaded: True")
    data = json.loads(out[: out.rindex("nltk loaded")])
    got = {s["name"]: s["value"] for s in data["scores"]}
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    pairs = [
        ("Le chat dort.", "Le chat dort sur le canapé."),
        ("Il pleut beaucoup à Paris.", "Il pleut à Paris."),
    ]
    expected = sum(scorer.score(r, h)["rouge1"].fmeasure for r, h in pairs) / 2 * 100
    assert got["ROUGE-1"] == pytest.approx(expected)
