"""Paragraph splitting and boilerplate rules: hand-made French cases, one per rule."""

from __future__ import annotations

import pytest

from precis.summarize.boilerplate import RULES, Rule, clean_paragraphs, is_boilerplate_sentence
from precis.text.paragraphs import normalize_for_comparison, split_paragraphs


def test_split_on_blank_lines() -> None:
    text = "Titre\n\nPremier paragraphe.\nSuite du premier.\n\n \n\nSecond paragraphe."
    assert split_paragraphs(text) == [
        "Titre",
        "Premier paragraphe.\nSuite du premier.",
        "Second paragraphe.",
    ]


def test_split_on_single_newlines_when_no_blank_line() -> None:
    assert split_paragraphs("Un.\nDeux.\nTrois.") == ["Un.", "Deux.", "Trois."]


def test_one_line_document_is_split_at_glued_sentences() -> None:
    # OrangeSum-style line: the paragraph break was lost between "américains." and "Au".
    line = "Des émeutes ont éclaté dans des supermarchés américains.Au lendemain de Noël, rien."
    assert split_paragraphs(line) == [
        "Des émeutes ont éclaté dans des supermarchés américains.",
        "Au lendemain de Noël, rien.",
    ]


# Glued boundaries seen in OrangeSum articles (valid split), each a lost paragraph break.
@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "Il l'a dit à l'AFP.Et ce huis clos a duré.",  # an acronym before the period
            ["Il l'a dit à l'AFP.", "Et ce huis clos a duré."],
        ),
        (
            "Un record dans l'histoire du pays.M. Loukachenko, 66 ans, fait face.",  # a title
            ["Un record dans l'histoire du pays.", "M. Loukachenko, 66 ans, fait face."],
        ),
        (
            'Elles ont été excisées.- "Besoin de sensibilisation" -Au Soudan, rien n\'a changé.',
            [
                "Elles ont été excisées.",
                '- "Besoin de sensibilisation" -',
                "Au Soudan, rien n'a changé.",
            ],
        ),
        (
            "Il pleut en Corse.140.000 foyers sont privés.",
            ["Il pleut en Corse.", "140.000 foyers sont privés."],
        ),
        (
            "Une région de Brescia.« Nous avons eu peur.",
            ["Une région de Brescia.", "« Nous avons eu peur."],
        ),
        (
            "Sur les lieux de la tuerie.• Un forcené s'est rendu.",
            ["Sur les lieux de la tuerie.", "• Un forcené s'est rendu."],
        ),
        ("La France (-13,8%).Londres a réagi.", ["La France (-13,8%).", "Londres a réagi."]),
    ],
)
def test_glued_boundaries_are_split(line: str, parts: list[str]) -> None:
    assert split_paragraphs(line) == parts


@pytest.mark.parametrize(
    "line",
    [
        "Le site LeMonde.fr a écrit.",
        "Le 49.3 a été utilisé.",
        "Il a compté 140.000 foyers privés.",
        "Il mesure 1,80 m.Il dort.",
        "Né en 50 av.J.-C. ici.",
    ],
)
def test_no_split_inside_abbreviations_or_domains(line: str) -> None:
    assert split_paragraphs(line) == [line]


def test_empty_text_has_no_paragraph() -> None:
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n \n") == []


def test_normalize_for_comparison_folds_case_accents_punctuation() -> None:
    assert normalize_for_comparison("  L'Été, à NOËL !") == normalize_for_comparison("l ete a noel")


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Lire aussi:", "lire-aussi"),
        ("Lire aussi : Transports : la région annonce 200 millions d'euros", "lire-aussi"),
        ("À lire aussi : Pollution : des microplastiques", "lire-aussi"),
        ("Publicité", "publicite"),
        ("Partager sur Facebook", "share"),
        ("Abonnez-vous à notre newsletter", "subscribe"),
        ("Par Jeanne Martin", "byline"),
        ("Par Antoine Moreau, publié le 14 mars 2024 à 10 h 15", "byline"),
        ("Publié le 14 mars 2024 à 10 h 15", "date"),
        ("mardi 8 octobre 2024", "date"),
        ("Photo : Nicolas Roux / AFP", "photo-credit"),
        ("© AFP", "photo-credit"),
        ("Photo : Jean Dupont / Hans Lucas via AFP", "photo-credit"),
        ("Mis à jour le 13 mars 2025 à 9 h 10", "date"),
    ],
)
def test_each_rule_removes_its_line(line: str, rule: str) -> None:
    kept, removals = clean_paragraphs(["Un vrai paragraphe d'information.", line])[1]
    assert kept == ""
    assert [(r.rule, r.text, r.partial) for r in removals] == [(rule, line, False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Par ailleurs, le ministre a annoncé une hausse de 3,5 % des salaires.",
        "À voir également: le Musée d'art de Tel-Aviv.",
        "Le 14 mars 2024, la bactérie a été présentée aux journalistes de Montpellier.",
        "Partager les richesses est l'objectif affiché de la réforme fiscale du gouvernement.",
        "La photo de famille du sommet a été prise mardi devant le château de Versailles.",
    ],
)
def test_ordinary_sentences_are_not_boilerplate(sentence: str) -> None:
    assert is_boilerplate_sentence(sentence) is None
    assert clean_paragraphs([sentence]) == [(sentence, [])]


# Issue 12: real sentences that a rule used to delete, because it matched a prefix of them.
@pytest.mark.parametrize(
    "sentence",
    [
        "Par SMS, la préfecture a demandé aux habitants de rester chez eux.",  # byline
        "Lire plus de 200 pages de consignes n'est pas possible pour un agent.",  # lire-aussi
        "La newsletter municipale de Lattes a été envoyée à 9 000 foyers.",  # subscribe
        "Image : les rues de Palavas sous 50 centimètres d'eau",  # photo-credit
        "Par Jean-Luc Mélenchon lui-même, la motion a été déposée.",  # byline
        "Inscrivez-vous sur les listes électorales avant le 6 février.",  # subscribe
        "Partager le pouvoir reste difficile.",  # share
        "À découvrir prochainement au musée Fabre, une exposition Soulages.",  # related
        "Lire encore des romans est un plaisir pour 40 % des Français.",  # lire-aussi
    ],
)
def test_a_rule_never_matches_a_prefix_of_a_real_sentence(sentence: str) -> None:
    assert is_boilerplate_sentence(sentence) is None
    assert clean_paragraphs(["Un vrai paragraphe d'information.", sentence])[1] == (sentence, [])


# Issue 12: boilerplate lines the rules used to miss, each with the rule that now removes it.
@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("(Photo AFP)", "photo-credit"),
        ("Photo AFP", "photo-credit"),
        ("AFP/Getty Images", "photo-credit"),
        ("(AFP)", "photo-credit"),
        ("Photo d'illustration : AFP", "photo-credit"),
        ("- Publicité -", "publicite"),
        ("Publicité - Continuez la lecture ci-dessous", "publicite"),
        ("Lire la suite", "lire-aussi"),
        ("Lire la suite de l'article", "lire-aussi"),
        ("En savoir plus", "lire-aussi"),
        ("Cet article est réservé aux abonnés.", "paywall"),
        ("Il vous reste 80 % de cet article à lire.", "paywall"),
        ("Publié le 12/03/2025 à 18:42, mis à jour le 13/03/2025 à 09:10", "date"),
        ("Publié aujourd'hui à 10h", "date"),
    ],
)
def test_missed_boilerplate_is_removed(line: str, rule: str) -> None:
    kept, removals = clean_paragraphs(["Un vrai paragraphe d'information.", line])[1]
    assert kept == ""
    assert [(r.rule, r.text, r.partial) for r in removals] == [(rule, line, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Le maire a signé le document.Il prévoit une hausse de 3 % des tarifs.",
        "Le rapport complet (document.pdf) est en ligne sur le site de la mairie.",
    ],
)
def test_the_script_rule_never_cuts_inside_a_sentence(text: str) -> None:
    assert clean_paragraphs([text]) == [(text, [])]
    assert is_boilerplate_sentence(text) is None


def test_date_prefix_is_cut_and_the_headline_kept() -> None:
    (kept, removals), *_ = clean_paragraphs([" date 2024-10 Après dix ans, Stoltenberg part."])
    assert kept == "Après dix ans, Stoltenberg part."
    assert [(r.rule, r.text, r.partial) for r in removals] == [
        ("date-prefix", "date 2024-10", True)
    ]


def test_boilerplate_line_inside_a_paragraph_keeps_the_rest() -> None:
    (kept, removals), *_ = clean_paragraphs(
        ["Le trafic reprend mardi.\nPublicité\nLes cars aussi."]
    )
    assert kept == "Le trafic reprend mardi.\nLes cars aussi."
    assert [(r.rule, r.partial) for r in removals] == [("publicite", True)]


def test_dangling_heading_only_at_the_end() -> None:
    middle = clean_paragraphs(["Les mesures annoncées :", "Une hausse de 3,5 % des salaires."])
    assert middle[0] == ("Les mesures annoncées :", [])
    end = clean_paragraphs(["Une hausse de 3,5 % des salaires.", "Les mesures annoncées :"])
    assert end[1][0] == ""
    assert end[1][1][0].rule == "dangling-heading"


def test_script_tail_is_cut() -> None:
    text = 'Hanouna est immonde. window.pvp_7cc = new Pvp("dm", {idDM: "x3"});'
    (kept, removals), *_ = clean_paragraphs([text])
    assert kept == "Hanouna est immonde."
    assert removals[0].rule == "script" and removals[0].partial


def test_rules_are_data_and_extensible() -> None:
    custom = (*RULES, Rule("whatsapp-fr", r"rejoignez notre chaîne whatsapp.*", max_words=8))
    (_, removals), *_ = clean_paragraphs(["Rejoignez notre chaîne WhatsApp"], custom)
    assert removals[0].rule == "whatsapp-fr"
    assert len({rule.name for rule in RULES}) == len(RULES)
