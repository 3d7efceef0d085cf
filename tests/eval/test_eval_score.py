"""The library API: score(), compare(), documents, bootstrap, reports, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sacrebleu

from precis.errors import InputError, MismatchError, UnknownNameError
from precis.eval import (
    DEFAULT_SEED,
    METRICS,
    Document,
    compare,
    read_documents,
    report,
    score,
    score_documents,
)
from precis.eval import bootstrap as bootstrap_module

REFS = [
    "Le chat dort sur le canapé du salon.",
    "Les élèves de Montpellier ont manifesté mardi.",
    "L'été sera chaud dans le sud de la France.",
    "Le gouvernement présente un plan canicule.",
    "La grève des TER perturbe la région Occitanie.",
    "Une bactérie mange le plastique.",
    "Le secrétaire général de l'OTAN s'est exprimé.",
    "Les trains reprendront demain matin.",
]
GOOD = [
    "Le chat dort sur le canapé.",
    "Les élèves de Montpellier manifestent mardi.",
    "L'été sera très chaud dans le sud.",
    "Le gouvernement présente son plan canicule.",
    "La grève des TER perturbe l'Occitanie.",
    "Une bactérie qui mange le plastique.",
    "Le secrétaire général de l'OTAN a parlé.",
    "Les trains reprendront demain.",
]
BAD = [
    "Un chien court.",
    "Il pleut à Lille.",
    "Rien de nouveau.",
    "Le match est reporté.",
    "Les prix augmentent.",
    "Un livre paraît.",
    "La séance est levée.",
    "Fin du communiqué.",
]


def test_score_returns_every_requested_family_in_order() -> None:
    result = score(GOOD, REFS, lang="fr")
    assert result.names == ("BLEU", "chrF2", "TER", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum")
    assert result.n_segments == len(REFS)
    assert all(0.0 <= s.value <= 100.0 for s in result.scores)
    assert all(s.signature.endswith("|precis:0.1.0") for s in result.scores)
    assert result.get("rouge-l") is result.get("ROUGE-L")
    assert set(METRICS.names()) >= {"bleu", "chrf", "chrf++", "ter", "rouge"}


def test_to_dict_is_json_ready() -> None:
    result = score(GOOD, REFS, metrics=["bleu", "rouge"], confidence=True, segments=True)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["n_segments"] == len(REFS)
    assert len(data["segments"]["BLEU"]) == len(REFS)
    assert data["confidence"]["seed"] == DEFAULT_SEED
    assert data["scores"][0]["name"] == "BLEU" and len(data["scores"][0]["ci"]) == 2


def test_unknown_metric_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownNameError) as info:
        score(GOOD, REFS, metrics="bleu,meteor")
    message = str(info.value)
    assert "'meteor'" in message
    for name in ("bleu", "chrf", "chrf++", "ter", "rouge"):
        assert name in message


def test_unknown_score_name_and_language() -> None:
    with pytest.raises(UnknownNameError, match="BLEU"):
        score(GOOD, REFS, metrics="bleu").get("METEOR")
    with pytest.raises(UnknownNameError, match="en, fr"):
        score(GOOD, REFS, lang="de")
    with pytest.raises(UnknownNameError, match="precis-unicode"):
        score(GOOD, REFS, metrics="rouge", rouge_tokenizer="nltk")


def test_mismatched_counts_are_an_error_never_a_truncation() -> None:
    with pytest.raises(MismatchError, match=r"hypotheses: 7 lines, reference 1: 8 lines"):
        score(GOOD[:7], REFS)
    with pytest.raises(MismatchError, match=r"reference 2: 3 lines"):
        score(GOOD, [REFS, REFS[:3]])
    with pytest.raises(InputError, match="0 segments"):
        score([], [])


def test_bootstrap_is_reproducible_with_a_seed_and_changes_with_another() -> None:
    first = score(GOOD, REFS, metrics="bleu,rouge", confidence=True, seed=7, n_samples=300)
    again = score(GOOD, REFS, metrics="bleu,rouge", confidence=True, seed=7, n_samples=300)
    other = score(GOOD, REFS, metrics="bleu,rouge", confidence=True, seed=8, n_samples=300)
    assert [s.ci for s in first.scores] == [s.ci for s in again.scores]
    assert [s.ci for s in first.scores] != [s.ci for s in other.scores]
    for s in first.scores:
        assert s.ci is not None and s.ci[0] <= s.value <= s.ci[1]
        assert "|bs:300|rs:7|" in s.signature


def test_chunked_resampling_draws_the_same_resamples(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = score(GOOD, REFS, metrics="rouge", confidence=True, n_samples=200)
    monkeypatch.setattr(bootstrap_module, "CHUNK_CELLS", 3 * len(REFS))  # 3 resamples a chunk
    chunked = score(GOOD, REFS, metrics="rouge", confidence=True, n_samples=200)
    assert [s.ci for s in whole.scores] == [s.ci for s in chunked.scores]


def test_compare_finds_the_better_system_and_its_significance() -> None:
    result = compare({"bad": BAD, "good": GOOD}, REFS, lang="fr", n_samples=300, ar_trials=300)
    assert result.baseline == "bad" and result.systems == ("bad", "good")
    for row in result.results:
        assert row.system == "good"
        assert row.better == "good", row
    ter = result.result("good", "TER")
    assert ter.delta < 0 and not ter.higher_is_better  # lower TER is better
    rouge1 = result.result("good", "ROUGE-1")
    assert rouge1.significant and rouge1.p_value < 0.05
    assert result.result("good", "BLEU").p_value_ar is not None
    assert rouge1.p_value_ar is None
    assert "good is better, significant" in rouge1.verdict()
    data = json.loads(json.dumps(result.to_dict()))
    assert {r["system"] for r in data["results"]} == {"good"}


def test_compare_a_system_with_itself_is_a_tie_and_not_significant() -> None:
    result = compare({"a": GOOD, "b": list(GOOD)}, REFS, metrics="bleu,rouge", n_samples=200)
    for row in result.results:
        assert row.delta == 0.0 and row.better is None and not row.significant
        assert row.p_value == 1.0
    with pytest.raises(InputError, match="at least two systems"):
        compare({"a": GOOD}, REFS)


def test_documents_per_document_and_overall() -> None:
    docs = [
        Document("a.txt", "\n".join(GOOD[:4]), ("\n".join(REFS[:4]),)),
        Document("b.txt", "\n".join(BAD[4:]), ("\n".join(REFS[4:]),)),
    ]
    result = score_documents(docs, metrics="bleu,rouge", lang="fr")
    assert [name for name, _ in result.documents] == ["a.txt", "b.txt"]
    per_doc = [s.get("ROUGE-1").value for _, s in result.documents]
    assert per_doc[0] > per_doc[1]
    # overall ROUGE: the mean over documents (each document one segment)
    assert result.overall.get("ROUGE-1").value == pytest.approx(sum(per_doc) / 2)
    # overall BLEU: sacrebleu's corpus BLEU over every line of every document
    expected = sacrebleu.corpus_bleu(GOOD[:4] + BAD[4:], [REFS], tokenize="intl").score
    assert result.overall.get("BLEU").value == expected
    assert result.documents[0][1].get("BLEU").value == (
        sacrebleu.corpus_bleu(GOOD[:4], [REFS[:4]], tokenize="intl").score
    )


def test_documents_with_different_line_counts_name_the_document() -> None:
    docs = [Document("a.txt", "one line", ("two\nlines",))]
    with pytest.raises(MismatchError, match=r"a.txt \(hypothesis\): 1 lines"):
        score_documents(docs, metrics="bleu")
    only_rouge = score_documents(docs, metrics="rouge")  # whole documents: no alignment needed
    assert only_rouge.n_documents == 1


def test_read_documents_names_missing_counterparts(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp", tmp_path / "ref"
    (hyp / "sub").mkdir(parents=True)
    (ref / "sub").mkdir(parents=True)
    (hyp / "sub" / "one.txt").write_text("Le chat dort.\n", encoding="utf-8")
    (ref / "sub" / "one.txt").write_text("Le chat dort.\n", encoding="utf-8")
    (hyp / "two.txt").write_text("été\n", encoding="utf-8")
    (ref / "three.txt").write_text("hiver\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_documents(hyp, [ref])
    assert str(ref / "two.txt") in str(info.value)
    assert str(hyp / "three.txt") in str(info.value)
    (ref / "three.txt").unlink()
    (ref / "two.txt").write_text("été\n", encoding="utf-8")
    docs = read_documents(hyp, [ref])
    assert [d.name for d in docs] == ["sub/one.txt", "two.txt"]


def test_csv_and_markdown_reports() -> None:
    result = score(GOOD, REFS, metrics="bleu,rouge", segments=True, confidence=True)
    rows = list(csv.DictReader(io.StringIO(report.scores_csv(result))))
    overall = [r for r in rows if r["segment"] == "all"]
    assert [r["metric"] for r in overall] == list(result.names)
    assert float(overall[0]["value"]) == result.get("BLEU").value
    assert float(overall[0]["ci_low"]) == result.get("BLEU").ci[0]  # type: ignore[index]
    assert len(rows) == len(result.names) * (1 + len(REFS))
    md = report.scores_markdown(result)
    assert md.startswith("| Metric | Score | 95% CI |")
    assert "rouge|tok:precis-unicode-fr" in md
    comparison = compare({"bad": BAD, "good": GOOD}, REFS, metrics="rouge", n_samples=100)
    assert "good is better" in report.comparison_markdown(comparison)
    crow = next(csv.DictReader(io.StringIO(report.comparison_csv(comparison))))
    assert crow["system"] == "good" and crow["better"] == "good"
