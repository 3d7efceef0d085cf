"""The apertium backend: stream format, exact alignment, one pipeline per job, marks, cognates."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.errors import BackendUnavailableError
from precis.translate import BACKENDS, get_translator
from precis.translate.apertium import AlignmentError, decode, encode
from precis.translate.apertium_chains import CHAINS, missing_modes
from precis.translate.apertium_fixes import (
    guess_french,
    guess_spanish,
    hold_terms,
    lower_after_initial_name,
    placeholder,
    resolve_marks,
    restore_placeholders,
    unknown_words,
)

AVAILABLE, WHY = BACKENDS.get("apertium").available()
_skip = pytest.mark.skipif(not AVAILABLE, reason=f"apertium not usable here: {WHY}")


def needs_apertium(test):
    return pytest.mark.apertium(_skip(test))


def needs_chain(name: str):
    """Marks a test `apertium` and skips it, saying why, when the chain is not installed."""
    missing = missing_modes(CHAINS.get(name)) if AVAILABLE else ()
    reason = WHY if not AVAILABLE else f"chain {name} lacks mode(s) {', '.join(missing)}"

    def mark(test):
        return pytest.mark.apertium(
            pytest.mark.skipif(not AVAILABLE or bool(missing), reason=reason)(test)
        )

    return mark


# -- no binary needed -----------------------------------------------------------------------
def test_encode_escapes_and_numbers_each_sentence() -> None:
    stream = encode(["Prix [estimé] : 5 $", "a/b"])
    assert stream == r"Prix \[estimé\] : 5 \$.[][<p:0>]a\/b.[][<p:1>]"


def test_decode_restores_text_and_checks_alignment() -> None:
    assert decode(r"Price \[estimated\] : 5 \$.[][<p:0>]a\/b.[][<p:1>]", 2) == [
        "Price [estimated] : 5 $",
        "a/b",
    ]
    with pytest.raises(AlignmentError, match="cannot be aligned"):
        decode("One.[][<p:0>]Two.[][<p:2>]", 2)  # a separator lost or mangled
    with pytest.raises(AlignmentError, match="cannot be aligned"):
        decode("One.[][<p:0>]", 2)
    # text that looks like a separator is escaped on the way in, so it cannot fake one
    assert "[<p:0>]" not in encode(["[<p:0>]"]).split(".[]")[0]


def test_marks_removed_and_cognates_guessed() -> None:
    # marks as apertium 3.8.3 prints them with -g; `lang` is the input language of the step
    out = "The *constitutionnalité of the *électricité is *foudre, #give @sida *Brennan."
    source = "La constitutionnalité de l'électricité est foudre, donner sida Brennan."
    assert resolve_marks(out, source, lang="fr", fix=False) == (
        "The constitutionnalité of the électricité is foudre, give sida Brennan."
    )
    assert resolve_marks(out, source, lang="fr") == (
        "The constitutionality of the electricity is foudre, give sida Brennan."
    )
    assert resolve_marks("the *migrantes", "", lang="es") == "the migrants"
    # a word another pair translated wins over the guess
    assert resolve_marks("the *foudre", "", lang="fr", found={"foudre": "lightning"}) == (
        "the lightning"
    )
    # a mark character that was in the source is not a mark
    assert resolve_marks("#*MeToo and @user", "#MeToo et @user", lang="fr") == "#MeToo and @user"


def test_marks_inside_tokens_are_dropped() -> None:
    # issue 14: "14*h30", "24*h/24", "report_2025_**v2" (marks glued inside a token)
    source = "à 14h30, 24h/24, report_2025_v2"
    out = "to 14*h30, 24*h/24, postponement_2025_**v2"
    assert resolve_marks(out, source, lang="fr") == "to 14h30, 24h/24, postponement_2025_v2"


def test_unknown_words_held_by_placeholders_between_steps() -> None:
    held: dict[str, str] = {}
    out = resolve_marks(
        "*Rutte ha dit que la *foudre", "", lang="fr", held=held, found={"foudre": "lightning"}
    )
    assert out == "Zqxa ha dit que la zqxb"  # still words: a subject stays a subject
    assert held == {"zqxa": "Rutte", "zqxb": "lightning"}
    # a later step marks the placeholders unknown again: the marks go, the placeholder stays
    assert resolve_marks("*Zqxa has said that the *zqxb", "", lang="es", held=held) == (
        "Zqxa has said that the zqxb"
    )
    assert unknown_words("*zqxb and *foudre and *Rutte", "") == ["foudre"]
    assert restore_placeholders("Zqxa has said that the zqxb", held) == (
        "Rutte has said that the lightning"
    )
    assert restore_placeholders("Zqxb struck", held) == "Lightning struck"
    assert placeholder(26, capital=False) == "zqxba"


def test_capital_after_an_initial_name_lowered() -> None:
    # Apertium prints "**Macron Has said": the first word it knows gets the sentence capital
    assert lower_after_initial_name("Zqxa Has said it.", "Macron a dit.") == "Zqxa has said it."
    assert lower_after_initial_name("Mrs Zqxa And Mr Zqxb", "Mme Dupont et M. Macron") == (
        "Mrs Zqxa and Mr Zqxb"
    )
    # a second name, capitalized in the source too, and "I" are kept
    assert lower_after_initial_name("Zqxa Hollande said", "Rutte Hollande a dit") == (
        "Zqxa Hollande said"
    )
    assert lower_after_initial_name("Zqxa I said", "Rutte, je dis") == "Zqxa I said"


def test_fragile_source_text_is_shielded() -> None:
    stream = encode(["Mme Dupont et M. Macron : 14h30, 24h/24, report_2025_v2, 10\u00a0000 €"])
    assert stream == (
        "[Mrs] Dupont et [Mr] Macron : [14h30], [24h\\/24], [report_2025_v2], 10[\u00a0]000 €"
        ".[][<p:0>]"
    )
    assert decode(stream, 1) == [
        "Mrs Dupont et Mr Macron : 14h30, 24h/24, report_2025_v2, 10\u00a0000 €"
    ]
    # ordinals, plain numbers and words are left to Apertium; "M." before a lower-case word too
    assert encode(["le 1er mai, 2025 et m. x"]) == "le 1er mai, 2025 et m. x.[][<p:0>]"


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("électricité", "electricity"),
        ("astronautique", "astronautic"),
        ("palliatifs", "palliatives"),
        ("diamètre", "diameter"),
        ("constitutionnelle", "constitutional"),
        ("Brennan", "Brennan"),  # a name: left alone
    ],
)
def test_french_cognates(word: str, english: str) -> None:
    assert guess_french(word) == english


def test_spanish_cognates() -> None:
    assert guess_spanish("migrantes") == "migrants"
    assert guess_spanish("millardos") == "billion"
    assert guess_spanish("obligación") == "obligation"


# -- the real pipeline ------------------------------------------------------------------------
@needs_chain("fr-es-en")
def test_translates_french_to_english() -> None:
    with get_translator("apertium", chain="fr-es-en") as tr:
        # apertium 3.8.3, apertium-fr-es 0.9.4, apertium-eng-spa 0.8.1 (Debian): checked by hand
        assert tr.translate_lines(["Le chat noir dort.", "La maison est bleue."]) == [
            "The black cat sleeps.",
            "The house is blue.",
        ]
        assert tr.info.signature.startswith("apertium|pivot:fr-es-en|apertium:")


@needs_apertium
def test_alignment_exact_with_awkward_lines_and_one_pipeline() -> None:
    lines = [
        "Le prix [estimé] : 3,5 € ; voir www.exemple.fr/page?x=1.",
        "",
        "Balises <b>gras</b> et {accolades} ^ $ / \\ @ * #",
        "« Bonjour ! » a-t-il dit.",
        "HÉLAS",
        "Le chat noir dort.",
    ]
    with get_translator("apertium") as tr:
        out = tr.translate_lines(lines)
        assert len(out) == len(lines) and out[1] == ""
        assert "[estimated]" in out[0] and "www.exemple.fr/page?x=1" in out[0]
        assert "<b>" in out[2] and "{" in out[2]
        assert out[5] == "The black cat sleeps."
        started = tr.backend.processes_started
        assert 1 <= started <= 6  # one pipeline per mode of the chain and its lookup routes
        tr.translate_document("Deuxième appel.\n\nTroisième appel.")
        tr.translate_lines(["Quatrième appel."])
        assert tr.backend.processes_started == started  # the same pipelines for the whole job


@needs_apertium
def test_unknown_word_marks_never_reach_the_output() -> None:
    text = "Il a contré la foudre et les migrants recensés."
    with get_translator("apertium") as tr:
        out = tr.translate_document(text)
    assert not any(c in out for c in "*#@")
    with get_translator("apertium", marks=True) as raw:
        assert "*" in raw.translate_document(text)


@needs_chain("fr-ca-es-en")
def test_issue14_apertium_output_hygiene() -> None:
    # issue 14 item 6: no marks inside tokens, times and identifiers intact, "Mme" -> "Mrs"
    # (not Spanish "Sra"), no-break spaces kept where the source had them
    lines = [
        "Rendez-vous à 14h30, ouvert 24h/24.",
        "Le fichier report_2025_v2 est prêt.",
        "Mme Dupont est arrivée.",
        "Il coûte 10\u00a0000 euros.",
    ]
    with get_translator("apertium", chain="fr-ca-es-en") as tr:
        out = tr.translate_lines(lines)
    assert not any(c in line for line in out for c in "*#@")
    assert "14h30" in out[0] and "24h/24" in out[0]
    assert "report_2025_v2" in out[1]
    assert out[2].startswith("Mrs Dupont") and "Sra" not in out[2]
    assert "10\u00a0000" in out[3]


@needs_chain("fr-ca-es-en")
def test_default_chain_names_and_lookups() -> None:
    with get_translator("apertium", chain="fr-ca-es-en", postedit=False, postedits="none") as tr:
        # apertium 3.8.3, fra-cat 1.10.0, spa-cat 2.2.0, eng-spa 0.8.1: checked by hand.
        # "Macron" unknown to cat-spa: kept as a name, no stray capital on the next word
        assert tr.translate_lines(["Macron a parlé."]) == ["Macron has spoken."]
        assert tr.info.signature.startswith("apertium|pivot:fr-ca-es-en|apertium:")
        assert "preedits:subject-pronouns" in tr.info.signature
    with get_translator("apertium", chain="fr-ca-es-en", preedits="none") as tr:
        assert "preedits:none" in tr.info.signature
    with get_translator("apertium") as tr:  # the default: learned rules, simple past, typography
        assert tr.translate_lines(["Macron a parlé : « Oui » !"]) == ['Macron spoke: "Yes"!']
        assert "|rules:1-" in tr.info.signature and "postedits:simple-past+typography" in (
            tr.info.signature
        )


def test_terms_held_as_english() -> None:
    held: dict[str, str] = {}
    assert hold_terms("L'ex-Premier ministre et l'ancienne première ministre", held) == (
        "L'zqxa et l'zqxb"
    )
    assert held == {"zqxa": "former Prime Minister", "zqxb": "former Prime Minister"}
    assert hold_terms("Le Premier ministre britannique", held) == "Le Premier ministre britannique"


def test_news_senses_held_only_in_their_context() -> None:
    held: dict[str, str] = {}
    out = hold_terms(
        "Il quitte son poste et le poste de police, près de la poste.", held, senses=True
    )
    assert out == "Il quitte son zqxa et le poste de police, près de la poste."
    assert held == {"zqxa": "post"}
    assert hold_terms("son poste", {}, senses=False) == "son poste"


@needs_chain("fr-ca-es-en")
def test_former_prime_minister_not_exprimer() -> None:
    # fra-cat 1.10.0 joins "ex" and "primer": "The exprimer Dutch minister"
    line = "L'ex-Premier ministre néerlandais a parlé."
    with get_translator("apertium", chain="fr-ca-es-en", terms=False) as tr:
        assert "exprimer" in tr.translate_lines([line])[0]
    with get_translator("apertium", chain="fr-ca-es-en") as tr:
        assert tr.translate_lines([line])[0].startswith("The former Prime Minister")
        # issue 16's example: "resigns of his square of Nato general secretary"
        assert "his post" in tr.translate_lines(["Il démissionne de son poste."])[0]


@needs_chain("fr-es-en")
def test_word_unknown_to_a_step_is_looked_up_in_other_pairs() -> None:
    # "chimiothérapie" is unknown to fr-es (apertium-fr-es 0.9.4); fra-cat, cat-spa, spa-eng know it
    with get_translator("apertium", chain="fr-es-en") as tr:
        looked_up = tr.translate_lines(["La chimiothérapie est utile."])[0]
    with get_translator("apertium", chain="fr-es-en", lookup=False) as tr:
        guessed = tr.translate_lines(["La chimiothérapie est utile."])[0]
    assert "chimiotherapy" in guessed  # the cognate guess
    if missing_modes(CHAINS.get("fr-ca-es-en")):
        pytest.skip("no other pair installed to look the word up in")
    assert "chemotherapy" in looked_up


@needs_apertium
def test_document_structure_kept() -> None:
    text = "Titre\n\nLe chat dort. Le chien aboie.\nFin.\n"
    with get_translator("apertium") as tr:
        out = tr.translate_document(text)
    assert out.count("\n") == text.count("\n") and out.split("\n")[1] == ""


def test_unavailable_apertium_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import precis.translate.apertium as mod

    monkeypatch.setattr(mod.shutil, "which", lambda name: None)
    with pytest.raises(BackendUnavailableError, match="apt-get install apertium"):
        get_translator("apertium")


def test_chain_registry_default_is_best_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import precis.translate.apertium_chains as chains

    installed = {"fr-es", "spa-eng"}
    monkeypatch.setattr(chains, "mode_file", lambda mode: Path(mode) if mode in installed else None)
    assert chains.default_chain().name == "fr-es-en"
    rows = {row.name: row for row in chains.chain_statuses()}
    assert rows["fr-es-en"].installed and rows["fr-es-en"].default
    assert not rows["fr-ca-es-en"].installed and rows["fr-ca-es-en"].missing_modes == (
        "fra-cat",
        "cat-spa",
    )
    assert "apertium-fra-cat" in rows["fr-ca-es-en"].packages
    assert chains.fallback_routes(chains.CHAINS.get("fr-es-en"), 0) == []
    installed |= {"fra-cat", "cat-spa"}
    assert chains.default_chain().name == "fr-ca-es-en"
    routes = chains.fallback_routes(chains.CHAINS.get("fr-ca-es-en"), 0)
    assert [tuple(s.mode for s in r) for r in routes] == [("fr-es", "spa-eng")]
    installed.clear()
    assert chains.default_chain() is None


def test_unknown_chain_lists_the_valid_ones() -> None:
    from precis.errors import UnknownNameError
    from precis.translate.apertium import resolve_chain

    with pytest.raises(UnknownNameError, match="fr-ca-es-en"):
        resolve_chain("fr-xx-en")


def test_models_lists_the_chains(runner) -> None:
    import json

    from precis.cli import app

    data = json.loads(runner.invoke(app, ["models", "--json"]).stdout)
    chains = {row["name"]: row for row in data["apertium_chains"]}
    assert set(chains) == set(CHAINS)
    assert sum(row["default"] for row in chains.values()) <= 1
    for row in chains.values():
        assert row["installed"] is not bool(row["missing_modes"])
        assert row["default"] <= row["installed"]
    text = runner.invoke(app, ["models"]).stdout
    assert "apertium chains" in text and "fr-ca-es-en" in text and "fr-es-en" in text


@needs_chain("fr-es-en")
def test_translate_chain_option_picks_the_chain(runner) -> None:  # type: ignore[no-untyped-def]
    import json

    from precis.cli import app

    args = ["translate", "Le président a démissionné.", "--backend", "apertium", "--json"]
    result = runner.invoke(app, [*args, "--chain", "fr-es-en"])
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)["info"]
    assert info["options"]["chain"] == "fr-es-en" and "chain:fr-es-en" in info["signature"]
    bad = runner.invoke(app, [*args, "--chain", "fr-xx-en"])
    assert bad.exit_code != 0 and "fr-ca-es-en" in bad.stderr  # the valid chains are listed


def test_chain_option_is_refused_by_other_backends(runner, fake_backends) -> None:  # type: ignore[no-untyped-def]
    from precis.cli import app

    result = runner.invoke(app, ["translate", "Bonjour.", "-b", "fake", "--chain", "fr-es-en"])
    assert result.exit_code != 0 and "--chain does not apply" in result.stderr


def test_lookup_default_is_the_chains_measured_choice() -> None:
    from precis.errors import InputError
    from precis.translate.apertium import resolve_switch

    assert resolve_switch("lookup", "", CHAINS.get("fr-es-en").lookup) is True
    assert resolve_switch("lookup", "", CHAINS.get("fr-ca-es-en").lookup) is False
    assert resolve_switch("lookup", "yes", False) is True
    assert resolve_switch("lookup", False, True) is False
    with pytest.raises(InputError, match="yes/no"):
        resolve_switch("lookup", "maybe", True)
