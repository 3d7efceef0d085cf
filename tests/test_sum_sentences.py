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
