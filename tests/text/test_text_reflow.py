"""Reflow of hard-wrapped text (issue 14): a line break inside a sentence is a space."""

from __future__ import annotations

from pathlib import Path

from precis.cli import app
from precis.text.reflow import reflow

# Wire copy wrapped at 70 columns, as an agency or an e-mail sends it.
WIRE = """\
TRANSPORTS : LYON REND LES BUS GRATUITS

LYON, 12 mars (AFP) - Le conseil municipal de Lyon a voté lundi la
gratuité des transports publics pour les moins de 18 ans, une mesure
qui entrera en vigueur le 1er septembre et qui sera étendue en
septembre aux communes rurales.

La métropole financera la mesure, dont le coût est estimé à 12
millions d'euros par an. Les arrêts de bus seront rénovés, et les
écoles primaires recevront des abonnements gratuits.
"""
FIRST = (
    "LYON, 12 mars (AFP) - Le conseil municipal de Lyon a voté lundi la gratuité des transports "
    "publics pour les moins de 18 ans, une mesure qui entrera en vigueur le 1er septembre et qui "
    "sera étendue en septembre aux communes rurales."
)


def test_wrapped_paragraphs_become_one_line_each() -> None:
    out = reflow(WIRE)
    assert out.split("\n\n")[0] == "TRANSPORTS : LYON REND LES BUS GRATUITS"  # title kept
    assert out.split("\n\n")[1] == FIRST
    assert out.split("\n\n")[2].rstrip("\n") == (
        "La métropole financera la mesure, dont le coût est estimé à 12 millions d'euros par "
        "an. Les arrêts de bus seront rénovés, et les écoles primaires recevront des "
        "abonnements gratuits."
    )
    assert out.count("\n\n") == WIRE.count("\n\n")  # paragraph layout kept


def test_titles_lists_and_short_lines_are_not_merged() -> None:
    assert reflow("Titre sans point\nCorps du texte.") == "Titre sans point\nCorps du texte."
    address = "Mairie de Lyon\n1 place de la Comédie\n69001 Lyon"
    assert reflow(address) == address
    items = (
        "Au programme de la réunion du conseil municipal de lundi soir :\n- les bus\n- les écoles"
    )
    assert reflow(items) == items
    dialogue = "— Vous partez déjà ? demande le journaliste de la radio locale\n— Oui."
    assert reflow(dialogue) == dialogue
    heading = "# Les transports gratuits à Lyon pour tous les jeunes de moins de 18 ans\nLe texte."
    assert reflow(heading) == heading


def test_lowercase_continuation_joined_and_hyphen_kept() -> None:
    assert reflow("Il a vu\nla mer.") == "Il a vu la mer."
    assert reflow("Le maire, Jean-\nPierre Martin, a parlé.") == (
        "Le maire, Jean-Pierre Martin, a parlé."
    )


def test_keep_predicate_leaves_a_line_alone() -> None:
    text = (
        "Le conseil municipal de Lyon a voté lundi la gratuité des bus\nLire aussi : Nantes\nsuite."
    )
    out = reflow(text, keep=lambda line: line.startswith("Lire aussi"))
    assert out == text


def test_reflow_is_idempotent() -> None:
    once = reflow(WIRE)
    assert reflow(once) == once


def test_summarize_wrapped_file_prints_a_whole_sentence(runner, tmp_path: Path) -> None:
    # issue 14: `precis summarize wrapped.txt --sentences 1` printed "septembre aux communes
    # rurales." (the last line of a wrapped sentence).
    src = tmp_path / "wrapped.txt"
    src.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(src), "--sentences", "1", "--method", "lead"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == FIRST


def test_translation_does_not_break_mid_sentence(runner, fake_backends, tmp_path: Path) -> None:
    src = tmp_path / "wrapped.txt"
    src.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(src), "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    paragraphs = result.stdout.strip().split("\n\n")
    assert paragraphs[1] == f"EN({FIRST})"
    assert paragraphs[2].count("EN(") == 2 and "\n" not in paragraphs[2]
