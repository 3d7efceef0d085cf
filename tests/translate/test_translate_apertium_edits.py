"""Pre-edits of the French, learned post-edit rules of the English, and the rule learner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precis.translate.apertium_chains import CHAINS
from precis.translate.postedit import (
    POSTEDITS,
    Rule,
    RuleSet,
    apply_postedits,
    apply_rules,
    index_rules,
    load_rules,
)
from precis.translate.postedit_learn import (
    HeldOut,
    Pair,
    candidate_edits,
    rank_candidates,
    select_rules,
)
from precis.translate.preedit import PREEDITS, apply_preedits, double_subject_pronouns
from precis.translate.tense import simple_past
from precis.translate.typography import english_typography

ROOT = Path(__file__).resolve().parents[2]


# -- subject-pronoun pre-edit ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("french", "edited"),
    [
        ("J'essaie de comprendre.", "Moi j'essaie de comprendre."),
        ("Je pense, donc je suis.", "Moi je pense, donc moi je suis."),
        ("Il pense que c'est vrai.", "Lui il pense que c'est vrai."),
        ("Il a dit qu'il viendrait.", "Lui il a dit qu'il viendrait."),
        # impersonal "il": left alone
        ("Il y a trois élèves.", "Il y a trois élèves."),
        ("Il faut partir.", "Il faut partir."),
        ("Il est difficile de dire non.", "Il est difficile de dire non."),
        ("Il est très important que tu viennes.", "Il est très important que tu viennes."),
        ("Il s'agit d'un accident.", "Il s'agit d'un accident."),
        ("Il n'y a rien.", "Il n'y a rien."),
        ("Il est 14 heures.", "Il est 14 heures."),
        # not a subject pronoun: "jeune", "île", inverted "a-t-il", "puis-je"
        ("Le jeune élève vit sur une île.", "Le jeune élève vit sur une île."),
        ("Que dit-il ? Puis-je entrer ?", "Que dit-il ? Puis-je entrer ?"),
    ],
)
def test_subject_pronoun_preedit(french: str, edited: str) -> None:
    assert double_subject_pronouns(french) == edited


def test_preedits_are_registered_and_chained() -> None:
    assert "subject-pronouns" in PREEDITS
    assert apply_preedits("Je viens.", ()) == "Je viens."
    assert apply_preedits("Je viens.", ("subject-pronouns",)) == "Moi je viens."
    for name in CHAINS:  # every chain's pre-edits exist
        for preedit in CHAINS.get(name).preedits:
            assert preedit in PREEDITS


# -- post-edit rules -------------------------------------------------------------------------
def _rules(*specs: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]):
    return index_rules(Rule(*spec) for spec in specs)


def test_rule_replaces_in_context_and_keeps_the_capital() -> None:
    index = _rules((("resigns",), ("of",), ("his",), ("from",)))
    assert apply_rules("Rutte resigns of his post.", index) == "Rutte resigns from his post."
    assert apply_rules("He thinks of his son.", index) == "He thinks of his son."  # no context
    index = _rules(((), ("the", "lady"), (), ("mrs",)))
    assert apply_rules("The lady Dupont spoke.", index) == "Mrs Dupont spoke."


def test_rule_deletes_and_inserts() -> None:
    index = _rules(((), ("to", "the"), ("14h30",), ("at",)), (("has",), ("said",), (), ()))
    assert apply_rules("He has spoken to the 14h30.", index) == "He has spoken at 14h30."
    assert apply_rules("It has said that.", index) == "It has that."
    insert = _rules((("in",), (), ("morning",), ("the",)))
    assert apply_rules("We left in morning.", insert) == "We left in the morning."


def test_rule_punctuation_and_no_break_spaces() -> None:
    index = _rules(((), ("3", ",", "5"), (), ("3", ".", "5")), (("yes",), (), (), (",",)))
    out = apply_rules("It costs 3,5 euros, yes sir.", index)
    assert out == "It costs 3.5 euros, yes, sir."
    # a no-break space of the source survives a rule applied elsewhere in the sentence
    assert apply_rules("10\u00a0000 euros, yes sir", index) == "10\u00a0000 euros, yes, sir"


def test_shipped_rules_have_version_and_provenance() -> None:
    rules = load_rules()
    assert isinstance(rules, RuleSet) and rules.version
    if rules.rules:  # trained only on data whose licence allows shipping, never on test sets
        trained = rules.provenance["trained_on"]
        assert set(trained) <= {"tatoeba", "europarl", "ntrex"}
        files = [name for item in trained.values() for name in item["files"]]
        for forbidden in ("newstest2013", "newsdiscuss", "tico19"):
            assert not any(forbidden in name for name in files)
        assert all(len(r.old) <= 3 and len(r.new) <= 3 for r in rules.rules)


# -- the learner -----------------------------------------------------------------------------
def test_candidate_edits_from_an_alignment() -> None:
    hyp = ["he", "resigns", "of", "his", "post"]
    ref = ["he", "resigns", "from", "his", "post"]
    rules = candidate_edits(hyp, ref)
    assert Rule(("resigns",), ("of",), ("his",), ("from",)) in rules
    assert Rule((), ("of",), (), ("from",)) in rules


def test_learner_keeps_a_helpful_rule_and_drops_a_harmful_one() -> None:
    # "of the" -> "the" is right in the training data but a bad idea on held-out "news";
    # "resigns of" -> "resigns from" is right everywhere
    train = [Pair("he resigns of his job", "he resigns from his job", "a")] * 4
    train += [Pair("the end of the war", "the end the war", "a")] * 4
    held = [
        Pair(f"she resigns of her seat {i}", f"she resigns from her seat {i}", "news")
        for i in range(6)
    ]
    held += [Pair(f"the end of the year {i}", f"the end of the year {i}", "news") for i in range(6)]
    candidates = rank_candidates(train, min_support=3)
    assert any(r.old == ("of",) and r.new == ("from",) for r, _, _ in candidates)
    kept = select_rules(candidates, HeldOut(held))
    rules = [item.rule for item in kept]
    assert any(r.old == ("of",) and r.new == ("from",) for r in rules)
    assert not any(r.old == ("of",) and r.new == () for r in rules)
    assert all(item.heldout_gain > 0 for item in kept)


def test_setup_script_installs_the_default_chain() -> None:
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    packages = re.search(r"APERTIUM_PACKAGES=\(([^)]*)\)", text).group(1).split()
    modes = re.search(r"APERTIUM_MODES=\(([^)]*)\)", text).group(1).split()
    default = CHAINS.get(CHAINS.names()[0])
    assert set(default.packages) <= set(packages)
    assert set(default.modes) <= set(modes)


# -- fixed post-edit families ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("english", "edited"),
    [
        ("A shark has attacked a boy.", "A shark attacked a boy."),
        ("The boy has been evacuated.", "The boy was evacuated."),
        ("They have been there.", "They were there."),
        ("Has said that it is true.", "Said that it is true."),
        ("He has taken the post.", "He took the post."),
        # left alone: negation, an unknown participle, "has to", a noun after "have"
        ("He has not said it.", "He has not said it."),
        ("She has spoken.", "She spoke."),
        ("She has woven it.", "She has woven it."),
        ("He has to leave.", "He has to leave."),
        ("They have friends.", "They have friends."),
    ],
)
def test_simple_past(english: str, edited: str) -> None:
    assert simple_past(english) == edited


@pytest.mark.parametrize(
    ("english", "edited"),
    [
        ("He said « yes » to them.", 'He said "yes" to them.'),
        ("California : a shark ! Why ?", "California: a shark! Why?"),
        ("It rose 3,5 % in 2020, 2021.", "It rose 3.5 % in 2020, 2021."),
        ("Lists 1,2,3 stay.", "Lists 1,2,3 stay."),
        ("It costs 10\u00a0000 euros.", "It costs 10\u00a0000 euros."),  # a content no-break space
    ],
)
def test_english_typography(english: str, edited: str) -> None:
    assert english_typography(english) == edited


def test_postedit_families_registered() -> None:
    assert {"simple-past", "typography"} <= set(POSTEDITS)
    assert apply_postedits("It has rained « here » !", ("simple-past", "typography")) == (
        'It rained "here"!'
    )
    for name in CHAINS:
        for family in CHAINS.get(name).postedits:
            assert family in POSTEDITS
