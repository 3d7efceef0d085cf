"""Segmentation: documents -> pieces -> documents, structure kept, long sentences split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.translate.segment import segment, split_long


def words(texts: list[str]) -> list[int]:
    """Token counter of the tests: words + 1 end-of-sentence token (like a real tokenizer)."""
    return [len(t.split()) + 1 for t in texts]


def identity(seg) -> str:
    return seg.reassemble(list(seg.pieces))


def test_sentences_and_gaps_of_a_small_article() -> None:
    text = "Titre de l'article\n\nM. Dupont est arrivé. Il a dit : « Bonjour ! »\nFin.\n"
    seg = segment(text)
    assert seg.pieces == (
        "Titre de l'article",
        "M. Dupont est arrivé.",
        "Il a dit : « Bonjour ! »",
        "Fin.",
    )
    assert seg.literals == ("", "\n\n", " ", "\n", "\n")
    assert identity(seg) == text


def test_structure_preserved_paragraphs_and_line_breaks() -> None:
    text = "  Un. Deux.\n\n\nTrois\nQuatre ?\n\n"
    seg = segment(text)
    out = seg.reassemble([f"<{p}>" for p in seg.pieces])
    assert out == "  <Un.> <Deux.>\n\n\n<Trois>\n<Quatre ?>\n\n"
    assert out.count("\n") == text.count("\n")
    assert out.split("\n\n") != [] and len(out.split("\n\n")) == len(text.split("\n\n"))


def test_translation_with_line_break_cannot_change_structure() -> None:
    seg = segment("Un.\nDeux.")
    assert seg.reassemble(["One\nline", "Two"]) == "One line\nTwo"


def test_empty_and_blank_documents() -> None:
    assert segment("").pieces == ()
    assert identity(segment("")) == ""
    assert identity(segment("\n \n")) == "\n \n"


def test_long_sentence_split_on_clause_boundaries_first() -> None:
    sentence = "Le gouvernement a annoncé des mesures ; les syndicats, eux, refusent tout accord."
    pieces = split_long(sentence, 8, words)
    assert [p for p, _ in pieces] == [
        "Le gouvernement a annoncé des mesures ;",
        "les syndicats, eux, refusent tout accord.",
    ]
    assert "".join(p + g for p, g in pieces) == sentence  # nothing lost, nothing added


def test_long_sentence_falls_back_to_commas_then_spaces() -> None:
    sentence = "un deux trois quatre, cinq six sept huit neuf dix onze douze treize"
    pieces = split_long(sentence, 5, words)
    assert all(words([p])[0] <= 5 for p, _ in pieces)
    assert pieces[0] == ("un deux trois quatre,", " ")
    assert "".join(p + g for p, g in pieces) == sentence


def test_single_overlong_word_is_cut_not_dropped() -> None:
    def chars(texts: list[str]) -> list[int]:
        return [len(t) + 1 for t in texts]

    word = "anticonstitutionnellement" * 3
    pieces = split_long(word, 10, chars)
    assert "".join(p + g for p, g in pieces) == word
    assert all(len(p) + 1 <= 10 for p, _ in pieces)


def test_segment_never_truncates_a_long_sentence() -> None:
    long = " ".join(f"mot{i}," for i in range(40)) + " fin."
    text = f"Court.\n\n{long}\nAutre."
    seg = segment(text, max_tokens=10, count_tokens=words)
    assert len(seg.pieces) > 3
    assert all(words([p])[0] <= 10 for p in seg.pieces)
    assert identity(seg) == text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([*"abcé ÉA.,;:!?«»\n\t", "M. ", "3,5 ", "mot "]), max_size=80).map(
        "".join
    ),
    st.integers(min_value=2, max_value=12),
)
def test_reassembly_is_exact_for_any_text(text: str, limit: int) -> None:
    seg = segment(text, max_tokens=limit, count_tokens=words)
    assert identity(seg) == text
    assert len(seg.literals) == len(seg.pieces) + 1
    assert all(p.strip() == p and p for p in seg.pieces)
