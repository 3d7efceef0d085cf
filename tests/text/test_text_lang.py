"""The language check (issue 14): non-French input is flagged, --strict-lang refuses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.cli import app
from precis.errors import LanguageError
from precis.text.lang import STATUS_DECLARED, STATUS_OK, STATUS_OTHER, STATUS_SHORT, check_language
from precis.translate import translate_folder

FRENCH = (
    "Le conseil municipal de Lyon a voté lundi la gratuité des transports publics pour les "
    "moins de 18 ans. La mesure entrera en vigueur le 1er septembre."
)
# Paragraphs written for these tests: (language code, name in the warning, text)
OTHERS = [
    (
        "en",
        "English",
        "The city council voted on Monday to make public transport free for people under 18. "
        "The measure will come into force on 1 September.",
    ),
    (
        "de",
        "German",
        "Der Stadtrat hat am Montag beschlossen, den Nahverkehr für unter 18-Jährige kostenlos "
        "zu machen. Die Maßnahme tritt am 1. September in Kraft.",
    ),
    (
        "es",
        "Spanish",
        "El ayuntamiento aprobó el lunes la gratuidad del transporte público para los menores "
        "de 18 años. La medida entrará en vigor el 1 de septiembre.",
    ),
]


def test_french_passes() -> None:
    check = check_language(FRENCH)
    assert check.status == STATUS_OK and check.language == "fr" and check.ok
    assert check.confidence > 0.9


@pytest.mark.parametrize(("code", "name", "text"), OTHERS)
def test_other_languages_are_named(code: str, name: str, text: str) -> None:
    check = check_language(text)
    assert (check.status, check.language, check.ok) == (STATUS_OTHER, code, False)
    assert name in check.message("x.txt") and "--lang fr" in check.message("x.txt")
    with pytest.raises(LanguageError, match=name):
        check_language(text, strict=True)


def test_short_or_declared_input_is_not_judged() -> None:
    assert check_language("et/ou").status == STATUS_SHORT
    declared = check_language(OTHERS[0][2], declared="fr", strict=True)
    assert (declared.status, declared.language) == (STATUS_DECLARED, "fr")


@pytest.mark.parametrize(("code", "name", "text"), OTHERS)
def test_translate_warns_on_stderr(runner, fake_backends, code: str, name: str, text: str) -> None:
    result = runner.invoke(app, ["translate", text, "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    assert f"warning: the text: looks like {name} ({code}" in result.stderr
    assert result.stdout.startswith("EN(")  # still translated: a warning, not an error


@pytest.mark.parametrize("command", ["summarize", "dedup"])
def test_summarize_and_dedup_warn_and_strict_refuses(runner, tmp_path: Path, command: str) -> None:
    src = tmp_path / "article.txt"
    src.write_text(OTHERS[1][2] + "\n", encoding="utf-8")
    warned = runner.invoke(app, [command, str(src)])
    assert warned.exit_code == 0, warned.stderr
    assert f"{src}: looks like German (de" in warned.stderr
    strict = runner.invoke(app, [command, str(src), "--strict-lang"])
    assert strict.exit_code == 1 and "looks like German" in strict.stderr
    declared = runner.invoke(app, [command, str(src), "--strict-lang", "--lang", "fr"])
    assert declared.exit_code == 0 and "looks like" not in declared.stderr


def test_french_gets_no_warning(runner, fake_backends) -> None:
    result = runner.invoke(app, ["translate", FRENCH, "--backend", "fake", "--strict-lang"])
    assert result.exit_code == 0, result.stderr
    assert "looks like" not in result.stderr


def test_run_records_and_warns(runner, fake_backends, tmp_path: Path) -> None:
    src = tmp_path / "article.fr.txt"
    src.write_text(OTHERS[2][2] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "--backend", "fake", "--json"])
    assert result.exit_code == 0, result.stderr
    assert "looks like Spanish" in result.stderr
    assert json.loads(result.stdout)["language"]["language"] == "es"
    strict = runner.invoke(app, ["run", str(src), "--backend", "fake", "--strict-lang"])
    assert strict.exit_code == 1 and "looks like Spanish" in strict.stderr


def test_folder_job_records_the_language_per_file(tmp_path: Path, fake_backends) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "fr.txt").write_text(FRENCH + "\n", encoding="utf-8")
    (src / "en.txt").write_text(OTHERS[0][2] + "\n", encoding="utf-8")
    report = translate_folder(src, tmp_path / "out", backend="fake")
    langs = {r.input: r.meta["language"]["language"] for r in report.records}
    assert langs == {"fr.txt": "fr", "en.txt": "en"}
    statuses = {r.input: r.meta["language"]["status"] for r in report.records}
    assert statuses == {"fr.txt": STATUS_OK, "en.txt": STATUS_OTHER}


def test_strict_folder_jobs_fail_the_other_language_files(
    runner, fake_backends, tmp_path: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "fr.txt").write_text(FRENCH + "\n", encoding="utf-8")
    (src / "en.txt").write_text(OTHERS[0][2] + "\n", encoding="utf-8")
    report = translate_folder(src, tmp_path / "out", backend="fake", strict_lang=True)
    status = {r.input: r.status for r in report.records}
    assert status == {"fr.txt": "ok", "en.txt": "failed"}
    [failed] = [r for r in report.records if r.status == "failed"]
    assert "looks like English" in (failed.error or "")
    summed = runner.invoke(
        app, ["summarize", str(src), "-o", str(tmp_path / "sum"), "--strict-lang"]
    )
    assert summed.exit_code == 1 and "looks like English" in summed.stderr
    written = sorted(p.name for p in (tmp_path / "sum").iterdir())
    assert written == ["fr.summary.txt", "manifest.jsonl"]


def test_a_french_page_is_judged_by_its_words_not_its_scripts_and_tags() -> None:
    from precis.text.lang import check_language

    script = "<script>// load the consent manager before the page renders\n" + (
        "window.dataLayer.push({event: 'page view', user: 'anonymous', consent: 'pending'});\n"
        * 80
    ) + "</script>"
    article = (
        "<p>Le conseil municipal de Rennes a voté lundi la gratuité des transports pour les "
        "moins de vingt-six ans. La mesure coûtera quatre millions d'euros par an, selon la "
        "mairie, qui compte sur une hausse de la fréquentation du métro et des bus.</p>"
    )
    page = f"<!DOCTYPE html><html lang='fr'><head>{script}</head><body>{article}</body></html>"
    assert len(script) > 5000  # the whole default sample, before the markup is set aside
    result = check_language(page)
    assert result.ok and result.language == "fr"
