"""The apertium backend: stream format, exact alignment, one pipeline per job, marks, cognates."""

from __future__ import annotations

import pytest

from precis.errors import BackendUnavailableError
from precis.translate import BACKENDS, get_translator
from precis.translate.apertium import AlignmentError, decode, encode
from precis.translate.apertium_fixes import clean_marks, guess_french, guess_spanish

AVAILABLE, WHY = BACKENDS.get("apertium").available()
_skip = pytest.mark.skipif(not AVAILABLE, reason=f"apertium not usable here: {WHY}")


def needs_apertium(test):
    return pytest.mark.apertium(_skip(test))


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
    # marks as apertium 3.8.3 prints them with -g: ** French unknown, * Spanish unknown
    out = "The **constitutionnalité of the *migrantes is **foudre, #give @sida **Brennan."
    source = "La constitutionnalité des migrants est foudre, donner sida Brennan."
    assert clean_marks(out, source, fix=False) == (
        "The constitutionnalité of the migrantes is foudre, give sida Brennan."
    )
    assert clean_marks(out, source) == (
        "The constitutionality of the migrants is foudre, give sida Brennan."
    )
    # a mark character that was in the source is not a mark
    assert clean_marks("#**MeToo and @user", "#MeToo et @user") == "#MeToo and @user"


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
@needs_apertium
def test_translates_french_to_english() -> None:
    with get_translator("apertium") as tr:
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
        tr.translate_document("Deuxième appel.\n\nTroisième appel.")
        tr.translate_lines(["Quatrième appel."])
        assert tr.backend.processes_started == 1  # one pipeline for the whole job


@needs_apertium
def test_unknown_word_marks_never_reach_the_output() -> None:
    text = "Il a contré la foudre et les migrants recensés."
    with get_translator("apertium") as tr:
        out = tr.translate_document(text)
    assert not any(c in out for c in "*#@")
    with get_translator("apertium", marks=True) as raw:
        assert "*" in raw.translate_document(text)


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
