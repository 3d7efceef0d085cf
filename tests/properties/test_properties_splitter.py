"""Property-based tests (hypothesis) on the French sentence splitter.

Properties on dedup and ROUGE live beside them in test_properties_dedup_rouge.py.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.text.sentences import sentence_spans, split_sentences

FRENCH_PIECES = st.sampled_from(
    [
        "M.", "Mme", "Dupont", "l'été", "aujourd'hui", "«", "»", "3,5", "3.5", "%", ".", "!",
        "?", "…", "...", ",", ";", ":", "Il", "pleut", "J.-C.", "av.", "Le", "chat", "Été",
        "\n", "\n\n", "(", ")", "é", "Ça", "va", "—", "etc.", "p.", "12", "N°",
    ]
)
TEXTS = st.lists(FRENCH_PIECES, max_size=60).map(" ".join) | st.text(max_size=200)


def _squash(text: str) -> str:
    return "".join(text.split())


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_rejoined_sentences_give_back_the_text(text: str) -> None:
    assert _squash("".join(split_sentences(text))) == _squash(text)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_spans_are_ordered_disjoint_and_trimmed(text: str) -> None:
    previous_end = 0
    for span in sentence_spans(text):
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
        previous_end = span.end
