"""dedup: the seed article, the four sample articles against their NOTES, hand-made cases."""

from __future__ import annotations

import time

import pytest

from precis.corpora import SAMPLE_DIR
from precis.summarize import DedupResult, dedup, split_paragraphs

# From corpora/sample/NOTES.md (paragraphs numbered from 1 there, indices from 0 here):
# restated paragraph -> the paragraphs it restates; boilerplate paragraphs; partial removals.
SAMPLES = {
    "nato-rutte": {
        "paragraphs": 7,
        "restatement": (5, (1, 4)),
        "boilerplate": {6: "lire-aussi"},
        "partial": {0: ("date-prefix", "date 2024-10")},
        "different_facts": None,
    },
    "greve-ter-occitanie": {
        "paragraphs": 9,
        "restatement": (7, (2,)),
        "boilerplate": {1: "byline", 5: "publicite", 8: "lire-aussi"},
        "partial": {},
        "different_facts": (3, 4),
    },
    "plan-canicule-montfleury": {
        "paragraphs": 9,
        "restatement": (6, (3,)),
        "boilerplate": {1: "photo-credit", 7: "share", 8: "subscribe"},
        "partial": {},
        "different_facts": None,
    },
    "bacterie-plastique-montpellier": {
        "paragraphs": 9,
        "restatement": (7, (2,)),
        "boilerplate": {1: "byline", 4: "lire-aussi", 8: "photo-credit"},
        "partial": {},
        "different_facts": None,
    },
}


def test_seed_article(seed_text: str) -> None:
    result = dedup(seed_text)
    paragraphs = split_paragraphs(seed_text)
    assert len(paragraphs) == 7
    by_rule = {r.rule: r for r in result.removed}
    assert set(by_rule) == {"boilerplate:date-prefix", "restatement", "boilerplate:lire-aussi"}
    restated = by_rule["restatement"]
    assert restated.index == 5 and restated.duplicate_of == (1, 4)
    assert restated.text.startswith("Le Néerlandais de 57 ans, Mark Rutte")
    assert restated.score is not None and 0 < restated.score <= 1
    prefix = by_rule["boilerplate:date-prefix"]
    assert (prefix.index, prefix.text, prefix.partial) == (0, "date 2024-10", True)
    assert by_rule["boilerplate:lire-aussi"].text == "Lire aussi:"
    # The headline (without its prefix) and paragraphs 2-5 are kept, word for word.
    headline = "Après une période de dix ans, Stoltenberg démissionne de son poste de secrétaire"
    assert result.paragraphs[0].startswith(headline)
    assert list(result.paragraphs[1:]) == paragraphs[1:5]
    assert [k.index for k in result.kept] == [0, 1, 2, 3, 4]
    assert result.text == "\n\n".join(result.paragraphs)
    assert "date 2024-10" not in result.text and "Lire aussi" not in result.text


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_articles_match_their_notes(name: str) -> None:
    notes = SAMPLES[name]
    text = (SAMPLE_DIR / name / "article.fr.txt").read_text(encoding="utf-8")
    result = dedup(text)
    assert result.source_paragraphs == notes["paragraphs"]
    whole = {r.index: r for r in result.removed if not r.partial}
    restated, sources = notes["restatement"]
    assert whole[restated].rule == "restatement"
    assert whole[restated].duplicate_of == sources
    boiler = {i: r.rule.removeprefix("boilerplate:") for i, r in whole.items() if i != restated}
    assert boiler == notes["boilerplate"]
    partial = {
        r.index: (r.rule.removeprefix("boilerplate:"), r.text) for r in result.removed if r.partial
    }
    assert partial == notes["partial"]
    expected_kept = set(range(notes["paragraphs"])) - set(whole)
    assert {k.index for k in result.kept} == expected_kept
    if notes["different_facts"]:
        first, second = notes["different_facts"]
        kept = {k.index: k for k in result.kept}
        assert first in kept and second in kept  # share words, carry different facts
        assert kept[second].similar_to == (first,)
        assert "25" in kept[second].note  # the new fact is named


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_english_side_has_the_same_removals(name: str) -> None:
    fr = dedup((SAMPLE_DIR / name / "article.fr.txt").read_text(encoding="utf-8"))
    en = dedup((SAMPLE_DIR / name / "article.en.txt").read_text(encoding="utf-8"))
    assert [k.index for k in en.kept] == [k.index for k in fr.kept]


def test_exact_duplicate_after_normalization() -> None:
    text = (
        "Le Conseil d'État a rejeté mardi le recours des riverains de l'aéroport.\n\n"
        "Les travaux de la nouvelle piste commenceront en septembre à Nantes.\n\n"
        "LE CONSEIL D'ETAT a rejeté, mardi, le recours des riverains de l'aéroport !"
    )
    result = dedup(text)
    assert [(r.index, r.rule, r.duplicate_of, r.score) for r in result.removed] == [
        (2, "exact", (0,), 1.0)
    ]


def test_near_duplicate_keeps_the_first() -> None:
    a = (
        "La mairie de Lyon a annoncé jeudi la fermeture de trois piscines municipales pour "
        "travaux pendant tout l'été, faute de personnel qualifié."
    )
    b = (
        "La mairie de Lyon a annoncé jeudi la fermeture de trois piscines municipales pour "
        "travaux pendant l'été, faute de personnel qualifié, a-t-on appris."
    )
    middle = "Les habitants pourront se rendre dans les bassins de Villeurbanne et de Bron."
    result = dedup(f"{a}\n\n{middle}\n\n{b}")
    (removal,) = result.removed
    assert (removal.index, removal.rule, removal.duplicate_of) == (2, "near-duplicate", (0,))
    assert removal.score is not None and removal.score >= 0.6
    assert result.paragraphs == (a, middle)


def test_near_duplicate_keeps_the_more_informative_copy() -> None:
    short = "Le préfet du Gard a interdit les feux de forêt jusqu'à la fin du mois d'août."
    long = (
        "Le préfet du Gard a interdit les feux de forêt jusqu'à la fin du mois d'août, "
        "sous peine d'une amende de 135 euros."
    )
    result = dedup(f"{short}\n\n{long}")
    (removal,) = result.removed
    assert (removal.index, removal.rule, removal.duplicate_of) == (0, "near-duplicate", (1,))
    assert result.paragraphs == (long,)


def test_shared_words_different_facts_are_both_kept() -> None:
    # Hand-made, like greve-ter-occitanie paragraphs 4 and 5: same frame, other numbers.
    tuesday = (
        "Mardi, seuls 40 % des TER ont circulé entre Toulouse et Narbonne, selon la "
        "direction régionale. Des cars ont remplacé les trains de 6 heures à 20 heures."
    )
    wednesday = (
        "Mercredi, seuls 25 % des TER circuleront entre Toulouse et Narbonne, selon la "
        "direction régionale. Des cars remplaceront les trains de 6 heures à 13 heures."
    )
    result = dedup(f"{tuesday}\n\n{wednesday}")
    assert result.removed == ()
    assert result.paragraphs == (tuesday, wednesday)


def test_restatement_in_other_words_is_removed() -> None:
    lede = (
        "Une équipe de chercheurs de Grenoble a mis au point une batterie au sodium qui se "
        "recharge en dix minutes. Selon leurs travaux, publiés lundi, elle conserve 90 % "
        "de sa capacité après 5 000 cycles de charge."
    )
    other = (
        "Le projet a reçu 2 millions d'euros de la région. Deux industriels de "
        "l'automobile ont déjà visité le laboratoire."
    )
    again = (
        "Autrement dit, la batterie des chercheurs de Grenoble se recharge en dix minutes "
        "et garde 90 % de sa capacité après 5 000 cycles, d'après les travaux publiés lundi."
    )
    result = dedup(f"{lede}\n\n{other}\n\n{again}")
    (removal,) = result.removed
    assert (removal.index, removal.rule, removal.duplicate_of) == (2, "restatement", (0,))


def test_a_restatement_with_a_new_fact_is_kept() -> None:
    lede = (
        "Une équipe de chercheurs de Grenoble a mis au point une batterie au sodium qui se "
        "recharge en dix minutes. Selon leurs travaux, publiés lundi, elle conserve 90 % "
        "de sa capacité après 5 000 cycles de charge."
    )
    again = (
        "Autrement dit, la batterie des chercheurs de Grenoble se recharge en dix minutes "
        "et garde 90 % de sa capacité après 5 000 cycles, et coûte 40 euros."
    )
    result = dedup(f"{lede}\n\n{again}")
    assert result.removed == ()
    assert "40" in result.kept[1].note


def test_thresholds_are_tunable() -> None:
    text = (SAMPLE_DIR / "nato-rutte" / "article.fr.txt").read_text(encoding="utf-8")
    assert "restatement" in dedup(text).counts()
    assert "restatement" not in dedup(text, restatement=0.99).counts()
    with pytest.raises(TypeError, match="unknown dedup threshold"):
        dedup(text, restatment=0.5)


def test_to_dict_is_json_ready(seed_text: str) -> None:
    import json

    data = dedup(seed_text).to_dict()
    json.dumps(data)
    assert {"index", "text", "rule", "duplicate_of", "score"} <= set(data["removed"][0])
    assert data["kept"][0]["index"] == 0
    assert data["counts"]["restatement"] == 1


def test_empty_and_single_paragraph() -> None:
    empty = dedup("")
    assert isinstance(empty, DedupResult)
    assert (empty.text, empty.paragraphs, empty.removed) == ("", (), ())
    one = dedup("Un seul paragraphe, sans doublon possible.")
    assert one.paragraphs == ("Un seul paragraphe, sans doublon possible.",)
    assert one.removed == ()


def test_paragraph_of_5000_words_is_fast() -> None:
    sentence = "Le conseil municipal de Rennes a voté mardi un budget de 12 millions d'euros. "
    huge = sentence * 370  # about 5,000 words in one paragraph
    text = f"Titre du jour\n\n{huge}\n\nUn dernier paragraphe sur autre chose, à Brest."
    start = time.perf_counter()
    result = dedup(text)
    assert time.perf_counter() - start < 5
    assert len(result.paragraphs) == 3


def test_html_input_goes_through_justext() -> None:
    body = (
        "<p>Le mouvement de grève lancé lundi par les contrôleurs des trains régionaux "
        "d'Occitanie s'est poursuivi mardi. Les agents réclament une hausse de 3,5 % de leurs "
        "salaires ainsi que le recrutement de 120 contrôleurs supplémentaires.</p>"
        "<p>Mardi 8 octobre, seuls 40 % des TER ont circulé sur la ligne Toulouse-Narbonne, "
        "selon la direction régionale. Des cars de substitution ont été mis en place entre "
        "6 heures et 20 heures pour les voyageurs.</p>"
    )
    html = (
        "<html><body><nav><a href='/'>Accueil</a> <a href='/sport'>Sport</a></nav>"
        "<h1>Grève des contrôleurs : le trafic des TER perturbé</h1>"
        f"{body}<footer><a href='/m'>Mentions légales</a></footer></body></html>"
    )
    result = dedup(html)
    assert result.html
    assert result.paragraphs[0] == "Grève des contrôleurs : le trafic des TER perturbé"
    assert len(result.paragraphs) == 3
    assert all(r.rule.startswith("boilerplate:html") for r in result.removed)
    assert "Mentions légales" in {r.text for r in result.removed}
    assert dedup(html, html=False).html is False
