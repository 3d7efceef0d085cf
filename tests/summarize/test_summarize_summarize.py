"""summarize(): methods, length options, the seed article, edge cases."""

from __future__ import annotations

import json
import time

import pytest

from precis.corpora import SAMPLE_DIR
from precis.errors import InputError, UnknownNameError
from precis.summarize import (
    DEFAULT_SENTENCES,
    METHODS,
    Summary,
    is_complete,
    split_sentences,
    summarize,
    summarize_lines,
)

CUT = "Avec un mandat d'au moins quatre ans devant lui,"
ARTICLES = sorted(SAMPLE_DIR.glob("*/article.fr.txt"))


def test_registry_lists_the_three_methods() -> None:
    assert set(METHODS.names()) == {"lead", "extractive", "abstractive"}
    with pytest.raises(UnknownNameError, match="valid methods: abstractive, extractive, lead"):
        summarize("Il pleut sur Brest ce matin.", method="textrank")


@pytest.mark.parametrize("method", ["lead", "extractive"])
def test_seed_summary_never_has_the_cut_sentence_nor_boilerplate(
    seed_text: str, method: str
) -> None:
    for length in ({}, {"sentences": 5}, {"words": 60}, {"words": 200}, {"ratio": 0.9}):
        summary = summarize(seed_text, method=method, **length)
        assert CUT not in summary.text
        assert "Lire aussi" not in summary.text and "date 2024-10" not in summary.text
        assert "a maintenant pris la fonction" not in summary.text  # the restatement
        assert all(is_complete(s.text) for s in summary.sentences)


def test_seed_summary_is_plain_data(seed_text: str) -> None:
    summary = summarize(seed_text)
    assert isinstance(summary, Summary)
    assert summary.method == "extractive" and summary.model is None
    assert summary.length.sentences == DEFAULT_SENTENCES
    positions = [s.position for s in summary.sentences]
    assert positions == sorted(positions)  # document order
    assert summary.text == " ".join(s.text for s in summary.sentences)
    assert all(s.score is not None for s in summary.sentences)
    assert summary.dedup.counts()["restatement"] == 1
    data = json.loads(json.dumps(summary.to_dict(), ensure_ascii=False))
    assert data["dedup"]["removed"][0]["rule"].startswith("boilerplate")
    assert data["sentences"][0]["position"] == positions[0]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("method", ["lead", "extractive"])
def test_length_options_are_honoured(path, method: str) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    sentence_text = set(split_sentences(summarize(text, method=method, ratio=1.0).dedup.text))
    for n in (1, 2, 3):
        s = summarize(text, method=method, sentences=n)
        assert len(s.sentences) == n
    for n in (25, 40, 60, 120):
        s = summarize(text, method=method, words=n)
        assert len(s.sentences) >= 1
        assert len(s.text.split()) <= n  # strict budget (issue 15)
        whole = summarize(text, method="extractive", words=n, compress=False)
        if any(len(t.split()) <= n for t in sentence_text):  # whole sentences when one fits
            assert all(c.text in sentence_text for c in whole.sentences)
    small = summarize(text, method=method, ratio=0.1)
    large = summarize(text, method=method, ratio=0.5)
    assert len(small.text.split()) <= len(large.text.split())
    assert len(large.text.split()) <= 0.5 * len(small.dedup.text.split())


def test_a_budget_below_every_sentence_cuts_one(seed_text: str) -> None:
    summary = summarize(seed_text, words=3)
    assert len(summary.sentences) == 1 and len(summary.text.split()) <= 3
    assert any("budget" in note for note in summary.notes)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sentences": 2, "words": 30}, "one length setting"),
        ({"sentences": 0}, "at least 1"),
        ({"words": -5}, "at least 1"),
        ({"ratio": 1.5}, "ratio"),
    ],
)
def test_bad_length_options(seed_text: str, options: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        summarize(seed_text, **options)


def test_model_only_for_model_methods(seed_text: str) -> None:
    with pytest.raises(InputError, match="--model"):
        summarize(seed_text, method="lead", model="x/y")


def test_lead_takes_the_first_whole_sentences(seed_text: str) -> None:
    summary = summarize(seed_text, method="lead", sentences=2)
    assert summary.text.startswith("Après une période de dix ans, Stoltenberg démissionne")
    assert [s.position for s in summary.sentences] == [0, 1]


def test_extractive_options_change_the_choice(seed_text: str) -> None:
    pure_lead = summarize(
        seed_text, sentences=2, scorer="textrank", position_weight=1.0, mmr_lambda=1.0
    )
    assert [s.position for s in pure_lead.sentences] == [0, 1]
    centroid = summarize(seed_text, sentences=2, scorer="centroid")
    assert centroid.details["scorer"] == "centroid"
    with pytest.raises(UnknownNameError):
        summarize(seed_text, scorer="lexrank")


def test_redundancy_control_avoids_repeating_a_sentence() -> None:
    fact = "Le barrage de Serre-Ponçon a atteint mardi son niveau le plus bas depuis 1960."
    copy = "Mardi, le barrage de Serre-Ponçon a atteint son niveau le plus bas depuis 1960 !"
    text = (
        f"{fact} {copy} Les agriculteurs de la Durance craignent pour l'irrigation du barrage "
        "cet été. La préfecture limite l'irrigation des agriculteurs de la Durance dès lundi."
    )
    for length in ({"sentences": 2}, {"words": 40}):
        summary = summarize(text, position_weight=0.0, **length)
        assert len(summary.sentences) >= 2
        assert not (fact in summary.text and copy in summary.text)


def test_empty_article_gives_an_empty_summary_with_a_note() -> None:
    for text in ("", "   \n\n  "):
        summary = summarize(text)
        assert summary.text == "" and summary.sentences == ()
        assert summary.notes == ("empty article: nothing to summarize",)
    only_boilerplate = summarize("Publicité\n\nLire aussi : la météo de demain")
    assert only_boilerplate.text == ""
    assert "boilerplate" in only_boilerplate.notes[0]


def test_single_paragraph_and_no_final_punctuation() -> None:
    one = summarize("Le TGV Paris-Lyon a été retardé de deux heures mardi soir.", sentences=3)
    assert one.text == "Le TGV Paris-Lyon a été retardé de deux heures mardi soir."
    bare = summarize("grève des contrôleurs en occitanie")
    assert bare.text == "grève des contrôleurs en occitanie"
    assert any("incomplete" in note for note in bare.notes)


def test_paragraph_of_5000_words_is_summarized_quickly() -> None:
    base = [
        "Le conseil municipal de Rennes a voté mardi un budget de {n} millions d'euros.",
        "Les élus de l'opposition dénoncent une hausse de {n} % des impôts locaux.",
        "La maire promet {n} nouvelles places en crèche d'ici à la fin du mandat.",
    ]
    text = " ".join(base[i % 3].format(n=i) for i in range(380))
    assert len(text.split()) > 5000
    start = time.perf_counter()
    summary = summarize(text, words=60)
    assert time.perf_counter() - start < 10
    assert len(summary.sentences) >= 1 and len(summary.text.split()) <= 60


def test_summarize_lines_one_summary_per_document(seed_text: str) -> None:
    docs = [" ".join(seed_text.split()), "", "Le TGV a été retardé de deux heures mardi soir."]
    out = summarize_lines(docs, words=40)
    assert len(out) == 3
    assert out[1].text == "" and out[2].text == docs[2]
    assert all("\n" not in s.text for s in out)
    seen: list[tuple[int, int]] = []
    summarize_lines(docs, method="lead", sentences=1, progress=lambda i, n: seen.append((i, n)))
    assert seen[-1] == (3, 3)
