"""Corpus-level dedup: MinHash LSH finds what exact all-pairs Jaccard finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from precis.errors import InputError
from precis.summarize import corpus_dedup
from precis.summarize.corpus import exact_pairs, near_duplicate_pairs

_WORDS_TEXT = """
le la les un une des conseil municipal mairie budget école rentrée grève train région préfet
tribunal hôpital médecin élus vote mardi lundi euros millions habitants quartier police enquête
incendie forêt été pluie récolte vignes port pêcheurs université étudiants
"""
WORDS = _WORDS_TEXT.split()


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(30))


def test_lsh_matches_exact_pairs_on_planted_copies() -> None:
    rng = random.Random(3)
    items = [(f"doc{i // 5}", i % 5, _paragraph(rng)) for i in range(200)]
    for source, target in ((3, 120), (50, 151), (77, 199)):
        words = items[source][2].split()
        words[10] = "Montpellier"  # one word changed
        items[target] = (items[target][0], items[target][1], " ".join(words))
    truth = {(j, i) for j, i, _ in exact_pairs(items)}
    assert truth == {(3, 120), (50, 151), (77, 199)}
    found = near_duplicate_pairs(items)
    keys = {(d, i): k for k, (d, i, _) in enumerate(items)}
    got = {
        tuple(sorted((keys[(p.file, p.index)], keys[(p.other_file, p.other_index)]))) for p in found
    }
    assert got == truth
    assert all(p.jaccard >= 0.5 and 0 <= p.estimated <= 1 for p in found)


def test_same_document_pairs_only_on_request() -> None:
    text = "la grève des contrôleurs perturbe le trafic des trains régionaux ce mardi"
    items = [("a", 0, text), ("a", 1, text), ("b", 0, "tout autre chose ici pour le test")]
    assert near_duplicate_pairs(items) == []
    assert len(near_duplicate_pairs(items, same_document=True)) == 1


def test_corpus_dedup_skips_boilerplate_and_short_paragraphs(tmp_path: Path) -> None:
    own = {
        "a.txt": "Le marché de Nantes rouvre samedi après deux ans de travaux.",
        "b.txt": "Les pêcheurs de Sète manifestent contre la hausse du gazole.",
    }
    for name, paragraph in own.items():
        (tmp_path / name).write_text(
            f"Titre\n\nPublicité\n\nLire aussi : la météo du week-end à Lyon et Paris\n\n"
            f"{paragraph}",
            encoding="utf-8",
        )
    result = corpus_dedup(tmp_path)
    assert (result.files, result.paragraphs, result.pairs) == (2, 2, ())


def test_corpus_dedup_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        corpus_dedup(tmp_path / "absent")
    with pytest.raises(InputError, match="no"):
        corpus_dedup(tmp_path)
    with pytest.raises(InputError, match="threshold"):
        corpus_dedup(tmp_path, threshold=1.5)
