"""The French sentence splitter (one splitter for the whole project)."""

from __future__ import annotations

import pytest

from precis.text.sentences import is_complete, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Dupont est arrivé. Il pleut.", ["M. Dupont est arrivé.", "Il pleut."]),
        ("Mme Durand a parlé. Le Dr Martin aussi.", ["Mme Durand a parlé.", "Le Dr Martin aussi."]),
        ("Le taux est de 3,5 %. Il baisse.", ["Le taux est de 3,5 %.", "Il baisse."]),
        ("Il a 3.5 ans. Voilà.", ["Il a 3.5 ans.", "Voilà."]),
        ("Vraiment ? Oui ! Bien.", ["Vraiment ?", "Oui !", "Bien."]),
        ("Né en 50 av. J.-C. à Rome. Fin.", ["Né en 50 av. J.-C. à Rome.", "Fin."]),
        ("« Nous partons. » Il sourit.", ["« Nous partons. »", "Il sourit."]),
        (
            "Aujourd'hui, l'été commence. C'est chaud.",
            ["Aujourd'hui, l'été commence.", "C'est chaud."],
        ),
        ("Titre sans point\nCorps du texte.", ["Titre sans point", "Corps du texte."]),
        ("Il attend... Puis il part.", ["Il attend...", "Puis il part."]),
        ("", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_cut_sentence_is_incomplete() -> None:
    assert not is_complete("Avec un mandat d'au moins quatre ans devant lui,")
    assert is_complete("Il pleut.")
    assert is_complete("« Nous partons. »")
    assert not is_complete("Lire aussi:")


# Issue 14: boundaries missed after abbreviation-like endings, and a citation cut in two.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Né en 44 av. J.-C. Son fils régna.", ["Né en 44 av. J.-C.", "Son fils régna."]),
        (
            "La réunion eut lieu le 15 févr. Le lendemain, tout changea.",
            ["La réunion eut lieu le 15 févr.", "Le lendemain, tout changea."],
        ),
        (
            "La France est dans le groupe A. Elle joue à Munich.",
            ["La France est dans le groupe A.", "Elle joue à Munich."],
        ),
        (
            "Elle mesure 1,80 m. Sa sœur est plus petite.",
            ["Elle mesure 1,80 m.", "Sa sœur est plus petite."],
        ),
        ("Le feu a duré 45 min. Puis il a plu.", ["Le feu a duré 45 min.", "Puis il a plu."]),
        (
            "Il invoque l'art. 49.3 de la Constitution. Le débat est clos.",
            ["Il invoque l'art. 49.3 de la Constitution.", "Le débat est clos."],
        ),
    ],
)
def test_issue14_abbreviation_boundaries(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "J. K. Rowling publie un roman.",
        "George W. Bush peint des portraits.",
        "M. Le Pen a parlé.",
        "Il est né en 63 av. J.-C. à Rome.",
        "La réunion du 17 févr. sur le budget.",
        "Le texte du 13 avr. 2023 est paru.",
        "Selon l'art. L. 1234-5 du Code du travail, il a raison.",
        "Elle a lu la p. 12 du rapport.",
    ],
)
def test_abbreviations_that_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_abbreviation_ends_sentence_before_a_new_one() -> None:
    # "l'art." is also the noun ("de l'art"): a sentence starter after it is a new sentence.
    assert split_sentences("Il parle de l'art. Cette liste est longue.") == [
        "Il parle de l'art.",
        "Cette liste est longue.",
    ]


def test_straight_quote_opening_the_next_sentence() -> None:
    text = 'Il a eu deux ans. " Ils m\'avaient donné cinq ans ", dit-il.'
    assert split_sentences(text) == [
        "Il a eu deux ans.",
        '" Ils m\'avaient donné cinq ans ", dit-il.',
    ]
    closing = 'Il dit : " Je pars. " Elle reste.'
    assert split_sentences(closing) == ['Il dit : " Je pars. "', "Elle reste."]


def test_dash_before_lowercase_is_not_a_new_sentence() -> None:
    text = "Un anneau de 27 km! - pour atteindre de telles énergies."
    assert split_sentences(text) == [text]
    assert split_sentences("— Vous partez ? — Oui.") == ["— Vous partez ?", "— Oui."]
