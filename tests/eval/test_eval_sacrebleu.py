"""BLEU, chrF, chrF++, TER: equal to sacrebleu's own functions; intervals and tests like its own.

Golden values come from sacrebleu itself, computed in each test on the same lines:
`sacrebleu.corpus_bleu / corpus_chrf / corpus_ter`, `sentence_*`, `corpus_score(n_bootstrap=)`
and `sacrebleu.significance` (paired bootstrap, approximate randomization).
"""

from __future__ import annotations

import random

import pytest
import sacrebleu

from precis.corpora import SAMPLE_DIR
from precis.errors import UnknownNameError
from precis.eval import compare, score
from precis.text.sentences import split_sentences


def sample_pairs(lang: str, n: int, seed: int) -> tuple[list[str], list[str]]:
    """(hypotheses, references): sample-article sentences, hypotheses damaged at random."""
    refs: list[str] = []
    for path in sorted(SAMPLE_DIR.glob(f"*/article.{lang}.txt")):
        refs += split_sentences(path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    refs = refs[:n]
    hyps = []
    for ref in refs:
        words = ref.split()
        for _ in range(rng.randint(0, 3)):
            if len(words) > 2:
                i = rng.randrange(len(words))
                if rng.random() < 0.5:
                    del words[i]
                else:
                    j = rng.randrange(len(words))
                    words[i], words[j] = words[j], words[i]
        hyps.append(" ".join(words))
    return hyps, refs


@pytest.fixture(scope="module")
def en() -> tuple[list[str], list[str]]:
    return sample_pairs("en", 40, seed=1)


@pytest.fixture(scope="module")
def fr() -> tuple[list[str], list[str]]:
    return sample_pairs("fr", 40, seed=2)


def test_bleu_chrf_ter_equal_sacrebleu_corpus_functions(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    result = score(hyps, refs, metrics="bleu,chrf,chrf++,ter")
    # golden: sacrebleu's own corpus functions on the same lines
    assert result.get("BLEU").value == sacrebleu.corpus_bleu(hyps, [refs]).score
    assert result.get("chrF2").value == sacrebleu.corpus_chrf(hyps, [refs]).score
    assert result.get("chrF2++").value == sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score
    assert result.get("TER").value == sacrebleu.corpus_ter(hyps, [refs]).score
    assert not result.get("TER").higher_is_better


def test_french_targets_use_intl_tokenizer(fr: tuple[list[str], list[str]]) -> None:
    hyps, refs = fr
    result = score(hyps, refs, metrics="bleu", lang="fr")
    # golden: sacrebleu.corpus_bleu with tokenize="intl"
    assert result.get("BLEU").value == sacrebleu.corpus_bleu(hyps, [refs], tokenize="intl").score
    assert "tok:intl" in result.get("BLEU").signature
    forced = score(hyps, refs, metrics="bleu", lang="fr", bleu_tokenize="13a")
    assert forced.get("BLEU").value == sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a").score


def test_multiple_references(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    other = sample_pairs("en", 40, seed=9)[0]
    result = score(hyps, [refs, other], metrics="bleu,ter")
    assert result.get("BLEU").value == sacrebleu.corpus_bleu(hyps, [refs, other]).score
    assert result.get("TER").value == sacrebleu.corpus_ter(hyps, [refs, other]).score
    assert "nrefs:2" in result.get("BLEU").signature


def test_signature_is_sacrebleus_with_precis_version(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    bleu = sacrebleu.metrics.BLEU()
    bleu.corpus_score(hyps, [refs])
    got = score(hyps, refs, metrics="bleu").get("BLEU").signature
    assert got == f"bleu|{bleu.get_signature().format()}|precis:{precis_version()}"


def precis_version() -> str:
    from precis import __version__

    return __version__


def test_segment_scores_are_sacrebleu_sentence_scores(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    result = score(hyps, refs, metrics="bleu,chrf,ter", segments=True)
    assert result.segments is not None
    for i in (0, 7, 21):
        # golden: sacrebleu's sentence-level functions (BLEU with effective order)
        expected_bleu = sacrebleu.sentence_bleu(hyps[i], [refs[i]]).score
        assert result.segments["BLEU"][i] == pytest.approx(expected_bleu)
        assert result.segments["chrF2"][i] == pytest.approx(
            sacrebleu.sentence_chrf(hyps[i], [refs[i]]).score
        )
        assert result.segments["TER"][i] == pytest.approx(
            sacrebleu.sentence_ter(hyps[i], [refs[i]]).score
        )


def test_identical_text_is_perfect() -> None:
    lines = ["Le chat dort sur le canapé.", "Il fait très beau à Montpellier."]
    result = score(lines, lines, metrics="bleu,chrf,ter", lang="fr")
    assert result.get("BLEU").value == pytest.approx(100.0)
    assert result.get("chrF2").value == pytest.approx(100.0)
    assert result.get("TER").value == 0.0


def test_empty_hypothesis_lines_are_kept_and_score_zero(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    holed = list(hyps)
    holed[3] = ""
    result = score(holed, refs, metrics="bleu,chrf", segments=True)
    assert result.n_segments == len(refs)
    assert result.segments is not None
    assert result.segments["BLEU"][3] == 0.0
    assert result.segments["chrF2"][3] == 0.0
    assert result.get("BLEU").value == sacrebleu.corpus_bleu(holed, [refs]).score


def test_bootstrap_interval_matches_sacrebleu(
    en: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    hyps, refs = en
    seed = 777
    monkeypatch.setenv("SACREBLEU_SEED", str(seed))
    theirs = sacrebleu.metrics.BLEU().corpus_score(hyps, [refs], n_bootstrap=200)
    ours = score(hyps, refs, metrics="bleu", confidence=True, seed=seed, n_samples=200)
    bleu = ours.get("BLEU")
    assert bleu.ci is not None
    low, high = bleu.ci
    # sacrebleu reports mean and half-width of the same order statistics
    assert (high - low) / 2 == pytest.approx(theirs._ci, abs=1e-4)
    assert bleu.details["bootstrap_mean"] == pytest.approx(theirs._mean, abs=1e-4)
    assert low <= bleu.value <= high
    assert "bs:200|rs:777" in bleu.signature


def test_paired_bootstrap_and_ar_match_sacrebleu(
    en: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sacrebleu.significance import PairedTest

    hyps_a, refs = en
    hyps_b = sample_pairs("en", 40, seed=5)[0]
    seed = 4242
    monkeypatch.setenv("SACREBLEU_SEED", str(seed))
    systems = [("A", hyps_a), ("B", hyps_b)]
    metric = {"BLEU": sacrebleu.metrics.BLEU()}
    _, bs = PairedTest(systems, metric, [refs], test_type="bs", n_samples=300)()
    _, ar = PairedTest(systems, metric, [refs], test_type="ar", n_samples=500)()
    ours = compare(
        {"A": hyps_a, "B": hyps_b}, refs, metrics="bleu", seed=seed, n_samples=300, ar_trials=500
    )
    row = ours.result("B", "BLEU")
    assert row.value == pytest.approx(bs["BLEU"][1].score)
    assert row.p_value == pytest.approx(bs["BLEU"][1].p_value)
    assert row.p_value_ar == pytest.approx(ar["BLEU"][1].p_value)


def test_unknown_bleu_tokenizer_lists_valid_ones(en: tuple[list[str], list[str]]) -> None:
    hyps, refs = en
    with pytest.raises(UnknownNameError) as info:
        score(hyps, refs, metrics="bleu", bleu_tokenize="moses")
    assert "13a" in str(info.value) and "intl" in str(info.value)
