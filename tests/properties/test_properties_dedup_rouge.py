"""Property-based tests (hypothesis) on dedup and on ROUGE (issues 8 and 12)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.eval import score
from precis.summarize import dedup, split_paragraphs

SENTENCES = [
    "Le conseil municipal a voté le budget mardi soir.",
    "Le budget prévoit 3,5 millions d'euros pour les écoles.",
    "M. Dupont, maire depuis 2014, a salué un « vote historique ».",
    "L'opposition dénonce une hausse des impôts locaux.",
    "Les travaux commenceront à l'été 2025.",
    "Mme Lefort a rappelé que la ville compte 12 000 habitants.",
    "La préfecture doit encore valider le projet.",
    "Les élèves déménageront dans des locaux provisoires.",
]
BOILERPLATE = ["Lire aussi : le budget 2023", "Publicité", "Partager sur Facebook", "Photo : AFP"]
PARAGRAPH = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
BLOCK = PARAGRAPH | st.sampled_from(BOILERPLATE)
ARTICLES = st.lists(BLOCK, min_size=1, max_size=8).map("\n\n".join)


@given(ARTICLES)
@settings(max_examples=80, deadline=None)
def test_dedup_output_is_a_subsequence_of_the_input(article: str) -> None:
    source = split_paragraphs(article)
    result = dedup(article)
    kept_indices = [k.index for k in result.kept]
    assert kept_indices == sorted(set(kept_indices))
    for kept in result.kept:
        # a kept paragraph is its source paragraph, minus boilerplate lines at most
        assert kept.text in source[kept.index] or all(
            line in source[kept.index] for line in kept.text.split("\n")
        )
    removed = {r.index for r in result.removed if not getattr(r, "partial", False)}
    assert not removed & set(kept_indices)


@given(ARTICLES)
@settings(max_examples=80, deadline=None)
def test_dedup_is_idempotent(article: str) -> None:
    once = dedup(article)
    if not once.text.strip():
        return
    assert dedup(once.text).text == once.text


# Issue 12: copies of the sentences above with one fact changed, mixed with the originals.
MUTATED = [
    "Le conseil municipal a voté le budget jeudi soir.",
    "Le budget prévoit 4,5 millions d'euros pour les écoles.",
    "M. Durand, maire depuis 2014, a salué un « vote historique ».",
    "L'opposition dénonce une baisse des impôts locaux.",
    "Les travaux ne commenceront pas à l'été 2025.",
    "Mme Lefort a rappelé que la ville compte douze mille habitants.",
    "La préfecture doit encore rejeter le projet.",
    "Les élèves ne déménageront jamais dans des locaux provisoires.",
]
FACT_PARAGRAPH = st.lists(st.sampled_from(SENTENCES + MUTATED), min_size=1, max_size=3).map(
    " ".join
)
FACT_ARTICLES = st.lists(FACT_PARAGRAPH, min_size=2, max_size=6).map("\n\n".join)


@given(FACT_ARTICLES)
@settings(max_examples=80, deadline=None)
def test_dedup_never_loses_a_fact(article: str) -> None:
    from precis.summarize.facts import check, lexicon

    result = dedup(article)
    kept = [(k.index, k.text) for k in result.kept]
    lex = lexicon(split_paragraphs(article))
    for removal in result.removed:
        if removal.rule.startswith("boilerplate"):
            continue
        # every fact of a removed paragraph is stated by the text that is left
        report = check(removal.text, kept, lex)
        assert not report.missing, (removal.text, report.why_kept())
        assert all(f.stated for f in removal.facts)


WORDS = st.sampled_from(
    ["le", "chat", "dort", "été", "élève", "lève", "l'école", "à", "Paris", "3,5", "ÉTÉ", "où"]
)
SHORT_TEXTS = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
ROUGE_NAMES = ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum")


@given(SHORT_TEXTS, SHORT_TEXTS)
@settings(max_examples=60, deadline=None)
def test_rouge_is_bounded_and_rouge1_f_is_symmetric(a: str, b: str) -> None:
    ab = score([a], [b], metrics=("rouge",), lang="fr")
    ba = score([b], [a], metrics=("rouge",), lang="fr")
    for name in ROUGE_NAMES:
        assert 0.0 <= ab.get(name).value <= 100.0
    assert abs(ab.get("ROUGE-1").value - ba.get("ROUGE-1").value) < 1e-9


@given(st.lists(WORDS, min_size=2, max_size=12).map(" ".join))
@settings(max_examples=40, deadline=None)
def test_identical_texts_score_one(a: str) -> None:
    # two words at least: a one-word text has no bigram, and rouge-score gives ROUGE-2 = 0
    result = score([a], [a], metrics=("rouge",), lang="fr")
    for name in ROUGE_NAMES:
        assert abs(result.get(name).value - 100.0) < 1e-9
