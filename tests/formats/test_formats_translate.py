"""Markup-preserving translation (issue 13): HTML and Markdown come back with their markup.

Fake backends: "fake" (EN(sentence), tests/fake_backends.py) shows what was sent as a unit and
never aligns an inline span (EN(Jean Valjean) is not inside EN(... Jean Valjean ...)); the
"lexicon" backend below translates word by word from a small dictionary, so names come back
as they were and spans align. A real check runs Apertium.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, ClassVar

import lxml.html
import pytest
from lxml import etree

from precis.translate import BACKENDS, BackendInfo, signature, translate_markup

PAGES = Path(__file__).resolve().parents[2] / "corpora" / "pages"
GOLD = tomllib.loads((PAGES / "gold.toml").read_text(encoding="utf-8"))
INLINE = {"a", "abbr", "b", "button", "cite", "em", "i", "small", "span", "strong", "time", "u"}
LEXICON = {
    "le": "the", "la": "the", "les": "the", "de": "of", "des": "of", "du": "of", "et": "and",
    "a": "has", "est": "is", "préfet": "prefect", "parlé": "spoken", "roman": "novel",
    "personnages": "characters", "condamné": "convicted", "pour": "for", "un": "a",
    "une": "a", "pain": "loaf", "texte": "text", "sur": "on", "page": "page",
}  # fmt: skip
APERTIUM_OK, APERTIUM_WHY = BACKENDS.get("apertium").available()
needs_apertium = pytest.mark.skipif(not APERTIUM_OK, reason=f"apertium: {APERTIUM_WHY}")


class LexiconBackend:
    name: ClassVar[str] = "lexicon"
    default_model: ClassVar[str | None] = None
    max_input_tokens = None
    batch_tokens = None

    def __init__(self, model: str | None = None, **options: Any) -> None:
        self.model = model or "lexicon"

    @classmethod
    def available(cls) -> tuple[bool, str]:
        return True, "test backend"

    def count_tokens(self, sentences: list[str]) -> list[int]:
        return [len(s.split()) + 1 for s in sentences]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            out = LEXICON.get(w.lower(), w)
            return out.capitalize() if w[0].isupper() and w.lower() in LEXICON else out

        return [re.sub(r"\w+", word, s) for s in sentences]

    def describe(self) -> BackendInfo:
        return BackendInfo(self.name, self.model, "1", {}, signature(self.name, {}))

    def close(self) -> None:
        pass


@pytest.fixture
def lexicon() -> Any:
    BACKENDS.add("lexicon", LexiconBackend, replace=True)
    yield
    BACKENDS.remove("lexicon")


def _blocks(root: Any) -> list[str]:
    """Tags of the block elements, in document order."""
    return [e.tag for e in root.iter() if isinstance(e.tag, str) and e.tag not in INLINE]


def _inline_count(root: Any) -> int:
    from precis.translate.markup_html import INLINE_TAGS

    return sum(1 for e in root.iter() if isinstance(e.tag, str) and e.tag in INLINE_TAGS)


def _frozen(root: Any) -> list[str]:
    """Scripts, styles, code and comments, verbatim."""
    out = [e.text or "" for e in root.iter("script", "style", "pre", "code")]
    return out + [c.text for c in root.iter(etree.Comment)]


def _attributes(root: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (e.tag, sorted((k, v) for k, v in e.attrib.items() if k != "lang"))
        for e in root.iter()
        if isinstance(e.tag, str) and e.tag not in INLINE
    ]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_translated_page_keeps_its_markup(name: str, fake_backends) -> None:
    source = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    result = translate_markup(source, "html", backend="fake")
    before, after = (
        lxml.html.document_fromstring(source),
        lxml.html.document_fromstring(result.text),
    )
    assert result.text.startswith("<!DOCTYPE html>")
    assert _blocks(after) == _blocks(before)  # same sequence of block tags
    assert _frozen(after) == _frozen(before)  # scripts, styles, comments untouched
    assert _attributes(after) == _attributes(before)  # attribute names and values untouched
    assert after.get("lang") == "en" and before.get("lang").startswith("fr")
    assert {e.tag for e in after.iter() if isinstance(e.tag, str)} <= {
        e.tag for e in before.iter() if isinstance(e.tag, str)
    }  # no tag invented (a translated tag name would be one)
    title = after.find(".//title").text
    assert title.startswith("EN(") and "EN(" not in after.find(".//head/meta").get("content", "")
    # every article paragraph came back translated, as a unit of whole sentences
    body = " ".join(after.find(".//body").itertext())
    for phrase in GOLD[name]["article"]:
        assert re.search(r"EN\([^)]*" + re.escape(phrase), body), phrase
    stats = result.markup
    assert stats.blocks > 10 and stats.inline_kept > 0
    # every inline element is still there, except those dropped, which are counted
    assert _inline_count(after) == _inline_count(before) - stats.inline_dropped


def test_inline_markup_kept_where_it_aligns_dropped_and_counted_where_not(
    fake_backends, lexicon
) -> None:
    html = '<p lang="fr">Le préfet, <strong>Pierre Lambert</strong>, a parlé.</p>\n'
    kept = translate_markup(html, "html", backend="lexicon")
    assert (
        kept.text == '<p lang="en">The prefect, <strong>Pierre Lambert</strong>, has spoken.</p>\n'
    )
    assert (kept.markup.inline_kept, kept.markup.inline_dropped) == (1, 0)
    dropped = translate_markup(html, "html", backend="fake")  # EN(Pierre Lambert) not in EN(...)
    assert dropped.text == '<p lang="en">EN(Le préfet, Pierre Lambert, a parlé.)</p>\n'
    assert (dropped.markup.inline_kept, dropped.markup.inline_dropped) == (0, 1)
    assert dropped.markup.dropped_examples == ("Pierre Lambert",)
    assert "1 dropped" in dropped.markup.line()


def test_menus_keep_every_link_and_opaque_content_stays_in_place(fake_backends) -> None:
    html = (
        '<ul><li><a href="/a">Accueil</a> | <a href="/s">Sport</a></li></ul>'
        "<p>Tapez <code>ls -l</code> puis Entrée.<br>Ensuite <!-- note --> attendez.</p>"
        '<p translate="no">Le Courrier du Midi</p><pre>  garde  ceci </pre>'
    )
    out = translate_markup(html, "html", backend="fake").text
    assert '<a href="/a">EN(Accueil)</a> | <a href="/s">EN(Sport)</a>' in out
    linked = translate_markup(
        '<p><a href="/x"><img src="a.jpg"> Voir la photo</a></p>', "html", backend="fake"
    )
    assert linked.text == '<p><a href="/x"><img src="a.jpg"> EN(Voir la photo)</a></p>'
    code = "<p>EN(Tapez) <code>ls -l</code> EN(puis Entrée.)<br>"
    assert code + "EN(Ensuite) <!-- note --> EN(attendez.)</p>" in out
    assert '<p translate="no">Le Courrier du Midi</p><pre>  garde  ceci </pre>' in out


def test_empty_and_broken_documents(fake_backends) -> None:
    assert translate_markup("  \n", "html", backend="fake").text == "  \n"
    assert translate_markup("", "markdown", backend="fake").markup.blocks == 0
    broken = translate_markup("<div><p>Un texte <b>non fermé</div>", "html", backend="fake")
    assert broken.text.startswith("<div><p>EN(Un texte non fermé)")  # lxml repairs, text kept


def test_cli_translate_page_html(runner, fake_backends, tmp_path: Path) -> None:
    from precis.cli import app

    page = tmp_path / "page.html"
    page.write_text((PAGES / "fouilles-carnac.html").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "page.en.html"
    result = runner.invoke(app, ["translate", str(page), "-o", str(out), "--backend", "fake"])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "<Dip" not in text and "<Hand>" not in text and "EN(<" not in text
    assert 'window.__INITIAL_STATE__ = {"page":"article"' in text
    assert "html:" in result.stderr and "inline tags kept" in result.stderr


@needs_apertium
@pytest.mark.apertium
def test_apertium_page_is_english_html() -> None:
    source = (PAGES / "incendie-herault.html").read_text(encoding="utf-8")
    result = translate_markup(source, "html", backend="apertium")
    before, after = (
        lxml.html.document_fromstring(source),
        lxml.html.document_fromstring(result.text),
    )
    assert _blocks(after) == _blocks(before) and _frozen(after) == _frozen(before)
    paragraphs = [" ".join(p.itertext()) for p in after.find_class("article-body")[0].iter("p")]
    assert len(paragraphs) == 6
    words = " ".join(paragraphs).lower().split()
    english = sum(w in {"the", "of", "and", "has", "have", "to", "in"} for w in words)
    french = sum(w in {"le", "la", "les", "des", "et", "du", "est"} for w in words)
    assert english > 40 and french <= 2
    assert "<strong>Pierre Lambert</strong>" in result.text
    assert '<a href="https://www.sdis34.fr">' in result.text


# -- Markdown ---------------------------------------------------------------------------------
def _structure(md: str) -> dict[str, Any]:
    from precis.formats.markdown import parser

    tokens = parser().parse(md)
    inline = [c for t in tokens if t.type == "inline" for c in (t.children or [])]
    return {
        "blocks": [(t.type, t.tag, t.markup) for t in tokens if t.type != "inline"],
        "links": [c.attrGet("href") for c in inline if c.type == "link_open"],
        "code": [t.content for t in tokens if t.type in {"fence", "code_block"}],
        "inline_code": [c.content for c in inline if c.type == "code_inline"],
    }


@pytest.mark.parametrize("name", ["notes-miserables.md", "compte-rendu-conseil.md"])
def test_markdown_structure_survives_translation(name: str, fake_backends, lexicon) -> None:
    source = (PAGES / name).read_text(encoding="utf-8")
    result = translate_markup(source, "markdown", backend="lexicon")
    assert _structure(result.text) == _structure(source)  # headings, items, links, code
    for block in _structure(source)["code"]:
        assert block in result.text  # byte-identical
    assert result.markup.untranslated == 0 and result.markup.inline_dropped == 0
    assert "the" in result.text.split()  # translated
    # The fake backend shows the units: whole blocks, the markup outside them.
    fake = translate_markup(source, "markdown", backend="fake")
    units = re.findall(r"EN\(", fake.text)
    assert len(units) >= 8 and "EN(#" not in fake.text and "EN(|" not in fake.text
    assert _structure(fake.text)["code"] == _structure(source)["code"]
    # spans the fake backend cannot align lose their markup: counted, their text kept
    assert fake.markup.inline_kept == 0 and fake.markup.inline_dropped >= 3


def test_markdown_emphasis_and_links_kept_around_aligned_spans(lexicon) -> None:
    md = "- **Jean Valjean** : condamné pour un pain.\n\nLe texte sur [la page](https://fr.wikipedia.org/wiki/Les_Misérables).\n"
    out = translate_markup(md, "markdown", backend="lexicon")
    assert out.text == (
        "- **Jean Valjean** : convicted for a loaf.\n\n"
        "The text on [the page](https://fr.wikipedia.org/wiki/Les_Misérables).\n"
    )
    assert out.markup.inline_kept == 2


def test_markdown_it_cannot_rebuild_is_left_untranslated_and_counted(fake_backends) -> None:
    md = "Un texte avec \\*une étoile\\* échappée.\n\nUn autre paragraphe.\n"
    out = translate_markup(md, "markdown", backend="fake")
    assert out.text == "Un texte avec \\*une étoile\\* échappée.\n\nEN(Un autre paragraphe.)\n"
    assert out.markup.untranslated == 1


@needs_apertium
@pytest.mark.apertium
def test_apertium_keeps_jean_valjean_bold() -> None:
    # Before issue 13: `**Jean Valjean**` came back as `*Jean Valjean**`.
    source = (PAGES / "notes-miserables.md").read_text(encoding="utf-8")
    result = translate_markup(source, "markdown", backend="apertium")
    assert result.text.count("**Jean Valjean**") == 2
    assert _structure(result.text) == _structure(source)
    assert "## The characters" in result.text
