"""Translator: batching, order, dedupe, caches, lines; backend choice and options."""

from __future__ import annotations

import pytest

from precis.errors import BackendUnavailableError, InputError, UnknownNameError
from precis.translate import (
    BACKENDS,
    choose_backend,
    coerce_options,
    get_translator,
    list_backends,
    translate,
    translate_lines,
    translate_text,
)
from precis.translate.base import Option

ARTICLE = (
    "La grève des contrôleurs paralyse le réseau.\n\n"
    "Selon la SNCF, 60 % des trains sont supprimés. Les usagers s'impatientent.\n"
    "La grève des contrôleurs paralyse le réseau.\n"
)


def test_document_structure_kept(fake_backends) -> None:
    tr = get_translator("fake")
    out = tr.translate_document(ARTICLE)
    assert out == (
        "EN(La grève des contrôleurs paralyse le réseau.)\n\n"
        "EN(Selon la SNCF, 60 % des trains sont supprimés.) EN(Les usagers s'impatientent.)\n"
        "EN(La grève des contrôleurs paralyse le réseau.)\n"
    )
    assert out.count("\n") == ARTICLE.count("\n")
    assert len(out.split("\n\n")) == len(ARTICLE.split("\n\n"))


def test_identical_sentences_translated_once(fake_backends) -> None:
    tr = get_translator("fake")
    tr.translate_document(ARTICLE)
    seen = tr.backend.sentences_seen
    assert len(seen) == 3  # the repeated first sentence went to the backend once
    assert len(set(seen)) == 3
    tr.translate_document("Les usagers s'impatientent.")  # in-run cache, across documents
    assert len(tr.backend.sentences_seen) == 3  # nothing new reached the backend
    assert tr.stats.memory_hits == 2


def test_sorted_batches_then_order_restored(fake_backends) -> None:
    sentences = [" ".join(["mot"] * n) + f" {n}." for n in (3, 12, 1, 7, 20, 2, 9)]
    tr = get_translator("fake", batch_tokens=30)
    out = tr.translate_sentences(sentences)
    assert out == [f"EN({s})" for s in sentences]  # input order
    batches = tr.backend.batches
    assert len(batches) > 1
    flat = [s for b in batches for s in b]
    lengths = [len(s.split()) for s in flat]
    assert lengths == sorted(lengths, reverse=True)  # longest first, sorted by length
    for batch in batches:  # padded size within the budget (a lone long sentence may exceed)
        width = max(len(s.split()) + 1 for s in batch)
        assert len(batch) == 1 or width * len(batch) <= 30


def test_long_sentence_split_within_limit_not_truncated(fake_backends) -> None:
    long = "Le conseil municipal, réuni hier soir, a voté le budget ; " * 3 + "fin de séance."
    tr = get_translator("fake", max_tokens=8)
    out = tr.translate_document(long)
    assert all(len(s.split()) + 1 <= 8 for s in tr.backend.sentences_seen)
    # every source word reaches the output, in order
    inner = out.replace("EN(", "").replace(")", "")
    assert inner == long


def test_translate_lines_aligned_and_empty_lines_stay_empty(fake_backends) -> None:
    lines = ["Bonjour.", "", "Il pleut. Il vente.", "   ", "Bonjour."]
    result = translate_lines(lines, backend="fake")
    assert list(result.texts) == [
        "EN(Bonjour.)",
        "",
        "EN(Il pleut.) EN(Il vente.)",
        "   ",
        "EN(Bonjour.)",
    ]
    assert result.info.name == "fake"
    with pytest.raises(InputError, match="line 2"):
        get_translator("fake").translate_lines(["a", "b\nc"])


def test_library_translate_and_metadata(fake_backends) -> None:
    assert translate(["Oui.", "Non.\n\nPeut-être."], backend="fake") == [
        "EN(Oui.)",
        "EN(Non.)\n\nEN(Peut-être.)",
    ]
    result = translate_text("Été.", backend="fake")
    assert result.text == "EN(Été.)"
    assert result.to_dict()["info"]["signature"].startswith("fake|model:fake-model|")
    assert result.stats.translated == 1


def test_disk_cache_makes_rerun_free(fake_backends) -> None:
    first = get_translator("fake", cache=True)
    assert first.translate_document(ARTICLE)
    first.close()
    second = get_translator("fake", cache=True)
    assert second.translate_document(ARTICLE) == get_translator("fake").translate_document(ARTICLE)
    assert second.backend.calls == 0
    assert second.stats.disk_hits == 3
    second.close()
    # another option means another signature: no hit
    third = get_translator("fake", cache=True, beams=4)
    third.translate_document("Les usagers s'impatientent.")
    assert third.backend.calls == 1
    third.close()


def test_progress_callback(fake_backends) -> None:
    events: list[tuple[int, int]] = []
    tr = get_translator("fake", batch_tokens=8)
    tr.translate_document(ARTICLE, progress=lambda done, total: events.append((done, total)))
    assert events[0] == (0, 3) and events[-1] == (3, 3)


def test_unknown_backend_lists_valid_names() -> None:
    with pytest.raises(UnknownNameError) as info:
        get_translator("google")
    assert "apertium" in str(info.value) and "transformers" in str(info.value)


def test_options_coerced_from_strings_and_unknown_refused() -> None:
    spec = {"beams": Option(int, 1, ""), "int8": Option(bool, False, "")}
    assert coerce_options("x", spec, {"beams": "4", "int8": "yes"}) == {"beams": 4, "int8": True}
    lacking = r"--beam does not apply to backend 'x' \(its options: beams, int8\)"
    with pytest.raises(InputError, match=lacking):
        coerce_options("x", spec, {"beam": 4})
    with pytest.raises(InputError, match="not a valid int"):
        coerce_options("x", spec, {"beams": "quatre"})


def test_auto_order_and_model_path(monkeypatch, tmp_path) -> None:
    cls = {name: BACKENDS.get(name) for name in ("transformers", "ctranslate2", "apertium")}
    state = {"transformers": False, "ctranslate2": False, "apertium": True}
    for name, c in cls.items():
        monkeypatch.setattr(c, "available", classmethod(lambda k, n=name: (state[n], n)))
    assert choose_backend().name == "apertium"
    state["transformers"] = True
    assert choose_backend().name == "transformers"
    state["ctranslate2"] = True  # a converted copy (precis models convert): the fast path first
    assert choose_backend().name == "ctranslate2"
    assert choose_backend("apertium").name == "apertium"
    assert choose_backend(model=str(tmp_path)).name == "transformers"
    (tmp_path / "model.bin").write_bytes(b"")
    assert choose_backend(model=str(tmp_path)).name == "ctranslate2"
    for name in state:
        state[name] = False
    with pytest.raises(BackendUnavailableError, match="apt-get install apertium"):
        choose_backend()


def test_list_backends_reports_each(fake_backends) -> None:
    rows = {r.name: r for r in list_backends()}
    assert {"transformers", "ctranslate2", "apertium", "fake"} <= set(rows)
    # offline test environment: the default model is not cached here
    assert rows["transformers"].usable is False
    assert "not in the local cache" in rows["transformers"].reason
    assert rows["fake"].usable is True
