"""Dedup quality: does the cleaner lose facts, miss duplicates, find restatements? One run.

    python bench/dedup_quality.py [--quick] [--per-kind 120] [--seed 12]

Cases, each a small article whose paragraphs are labeled keep / remove / any:

- hand-written: corpora/dedup/*.toml (hard cases: restatements with the same facts, which must
  go; one-fact paraphrases, boilerplate look-alikes, which must stay);
- generated from the OrangeSum dev articles (read from the shared data folder, never copied):
  a paragraph P (two sentences of an article) among two other paragraphs of the same article,
  and a copy of P that is exact or a case/punctuation variant (must go), contained in a longer
  paragraph (the shorter goes, the longer stays), or mutated on one fact (must stay, as P):
  a number in digits or in words, an ordinal, a sign, a weekday, a month, a relative day, a
  name opening a sentence or inside it, a negation added or removed, a pole reversed
  (hausse/baisse, condamné/acquitté, ...). At most `--per-kind` cases of each kind.

Prints a table by case kind, then the exact last line
`fact losses N/M; duplicates missed N/M; restatements found N/M`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE.parent / "corpora" / "dedup"
PER_KIND = 120
QUICK_PER_KIND = 25
SEED = 12
NAMES = ("Retailleau", "Darmanin", "Bayrou", "Lecornu", "Attal", "Borne", "Ciotti", "Faure")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")  # fmt: skip
NUMBER_WORDS = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze",
                "quinze", "vingt", "trente", "cent", "mille")  # fmt: skip
ORDINAL_WORDS = {"premier": "1", "première": "1", "deuxième": "2", "troisième": "3",
                 "quatrième": "4", "cinquième": "5", "dixième": "10", "dernier": "last",
                 "dernière": "last"}  # fmt: skip
RELATIVE = {"hier": "demain", "demain": "hier", "aujourd'hui": "hier", "veille": "lendemain",
            "lendemain": "veille", "matin": "soir", "soir": "matin", "nuit": "matinée"}  # fmt: skip
ANTONYMS = {
    "hausse": "baisse", "baisse": "hausse", "augmenté": "diminué", "diminué": "augmenté",
    "augmentation": "diminution", "diminution": "augmentation", "reconnu": "nié",
    "nié": "reconnu", "confirmé": "démenti", "démenti": "confirmé", "adopté": "rejeté",
    "rejeté": "adopté", "adoptée": "rejetée", "condamné": "acquitté", "acquitté": "condamné",
    "gagné": "perdu", "perdu": "gagné", "victoire": "défaite", "défaite": "victoire",
    "ouvert": "fermé", "fermé": "ouvert", "autorisé": "interdit", "interdit": "autorisé",
    "accepté": "refusé", "refusé": "accepté", "favorable": "défavorable", "possible":
    "impossible", "impossible": "possible", "majorité": "minorité", "succès": "échec",
    "plus": "moins", "moins": "plus", "placé en garde à vue": "remis en liberté",
    "remis en liberté": "placé en garde à vue",
}  # fmt: skip
AUXILIARIES = {"est": "n'est pas", "a": "n'a pas", "ont": "n'ont pas", "sont": "ne sont pas",
               "était": "n'était pas", "avait": "n'avait pas", "sera": "ne sera pas",
               "peut": "ne peut pas", "doit": "ne doit pas", "va": "ne va pas"}  # fmt: skip


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    group: str  # duplicate / contained / mutation / restatement / keep
    paragraphs: tuple[str, ...]
    expect: tuple[str, ...]  # keep / remove / any, one per paragraph


def load_handwritten(folder: Path = CASES_DIR) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            paragraphs, expect = tuple(raw["paragraphs"]), tuple(raw["expect"])
            if len(paragraphs) != len(expect) or set(expect) - {"keep", "remove", "any"}:
                raise ValueError(f"{path.name}: case {raw['id']}: one keep/remove per paragraph")
            group = raw.get("group", "restatement" if "remove" in expect else "keep")
            cases.append(Case(raw["id"], f"hand:{raw['kind']}", group, paragraphs, expect))
    return cases


# --- mutations: each returns the mutated paragraph, or None when it does not apply ---------


def _sub_word(
    text: str,
    words: dict[str, str] | tuple[str, ...],
    rng: random.Random,
    value: dict[str, str] | None = None,
) -> str | None:
    """Replace one of `words` found in `text`: by its pair (a dict), or by another word of
    the tuple (`value`: words of equal value are not a change) absent from the text."""
    pattern = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    matches = list(re.finditer(rf"(?<![\w'-])({pattern})(?![\w-])", text, re.IGNORECASE))
    if not matches:
        return None
    m = rng.choice(matches)
    word = m.group(1).lower()
    if value is None and isinstance(words, dict):
        new = words[word]
    else:
        present = {w.lower() for w in re.findall(r"\w+", text)}
        same = (value or {}).get(word, word)
        choices = [w for w in words if (value or {}).get(w, w) != same and w not in present]
        new = rng.choice(choices)
    if m.group(1)[0].isupper():
        new = new[0].upper() + new[1:]
    return text[: m.start(1)] + new + text[m.end(1) :]


def mutate_digits(text: str, rng: random.Random) -> str | None:
    matches = list(re.finditer(r"(?<![\w.,+-])\d+(?![\w]|[.,]\d)", text))
    if not matches:
        return None
    m = rng.choice(matches)
    present = set(re.findall(r"\d+", text))
    value = int(m.group(0)) + 1
    while str(value) in present:
        value += 1
    return text[: m.start()] + str(value) + text[m.end() :]


def mutate_words(text: str, rng: random.Random) -> str | None:
    return _sub_word(text, NUMBER_WORDS, rng)


def mutate_ordinal(text: str, rng: random.Random) -> str | None:
    m = re.search(r"(?<![\w.,])(\d+)(er|re|e|ème)(?!\w)", text)
    if m:
        n = int(m.group(1)) + 1
        return f"{text[: m.start()]}{n}e{text[m.end() :]}"
    return _sub_word(text, tuple(ORDINAL_WORDS), rng, ORDINAL_WORDS)


def mutate_sign(text: str, rng: random.Random) -> str | None:
    percents = list(re.finditer(r"(?<![\w.,+-])([+-])?\d+(?:,\d+)?(?=\s?%)", text))
    numbers = percents or list(re.finditer(r"(?<![\w.,+-])([+-])?\d+(?:,\d+)?(?![\w])", text))
    if not numbers:
        return None
    m = rng.choice(numbers)
    sign = {"+": "-", "-": "+"}.get(m.group(1) or "", "+")
    body = m.group(0).lstrip("+-")
    return text[: m.start()] + sign + body + text[m.end() :]


def mutate_weekday(text: str, rng: random.Random) -> str | None:
    return _sub_word(text, WEEKDAYS, rng)


def mutate_month(text: str, rng: random.Random) -> str | None:
    return _sub_word(text, MONTHS, rng)


def mutate_relative(text: str, rng: random.Random) -> str | None:
    return _sub_word(text, RELATIVE, rng)


def mutate_antonym(text: str, rng: random.Random) -> str | None:
    return _sub_word(text, ANTONYMS, rng)


def mutate_negation(text: str, rng: random.Random) -> str | None:
    """Remove a "ne ... pas" when there is one, else negate an auxiliary."""
    m = re.search(r"\b(?:ne\s+|n')(\w+)\s+pas\b", text)
    if m and rng.random() < 0.5:
        return text[: m.start()] + m.group(1) + text[m.end() :]
    aux = "|".join(AUXILIARIES)
    matches = [
        m
        for m in re.finditer(rf"(?<=\w )({aux})(?= \w)", text)
        if not re.search(r"(?:\bne|n'|\by) $", text[: m.start()])  # already negated, "il y a"
        and not re.match(r" (?:\w+ )?(?:pas|plus|jamais|rien|point)\b", text[m.end() :])
    ]
    if not matches:
        return None
    m2 = rng.choice(matches)
    return text[: m2.start()] + AUXILIARIES[m2.group(1)] + text[m2.end() :]


def _names(doc: str) -> set[str]:
    """Capitalized words written mid-sentence and never lowercase in the article: names."""
    lower = {w for w in re.findall(r"\w+", doc) if w.islower()}
    mid = re.findall(r"(?<=[\w,] )([A-ZÉ][a-zéèêëïîôûç]{2,})\b", doc)
    from precis.summarize.facts_entities import OPENERS
    from precis.summarize.terms import STOPWORDS
    from precis.text.paragraphs import fold_accents

    common = OPENERS | {fold_accents(w) for w in STOPWORDS}
    return {w for w in mid if w.lower() not in lower and fold_accents(w.lower()) not in common}


def mutate_entity_inside(text: str, rng: random.Random, doc: str = "") -> str | None:
    names = _names(doc)
    matches = [m for m in re.finditer(r"(?<=[\w,] )([A-ZÉ]\w+)", text) if m.group(1) in names]
    if not matches:
        return None
    m = rng.choice(matches)
    new = rng.choice([n for n in NAMES if n not in doc])
    return text[: m.start(1)] + new + text[m.end(1) :]


def mutate_entity_initial(text: str, rng: random.Random, doc: str = "") -> str | None:
    """A name opening a sentence replaced by another one (or, when no sentence opens with a
    name, "Il"/"Elle" turned into two different names in P and in its copy: see generate)."""
    names = _names(doc)
    starts = list(re.finditer(r"(?:^|(?<=[.!?] ))([A-ZÉ]\w+)", text))
    matches = [m for m in starts if m.group(1) in names]
    if not matches:
        return None
    m = rng.choice(matches)
    new = rng.choice([n for n in NAMES if n not in doc])
    return text[: m.start(1)] + new + text[m.end(1) :]


MUTATIONS: dict[str, Callable[..., str | None]] = {
    "number-digits": mutate_digits,
    "number-words": mutate_words,
    "ordinal": mutate_ordinal,
    "sign": mutate_sign,
    "weekday": mutate_weekday,
    "month": mutate_month,
    "relative-day": mutate_relative,
    "entity-initial": mutate_entity_initial,
    "entity-inside": mutate_entity_inside,
    "negation": mutate_negation,
    "antonym": mutate_antonym,
}
NEEDS_DOC = {"entity-initial", "entity-inside"}


def variant(text: str, rng: random.Random) -> str:
    """The same paragraph with case and punctuation changed (commas between words dropped,
    final period turned into "!", the first word upper-cased)."""
    out = re.sub(r",(?=\s)", "", text)
    out = re.sub(r"\.$", " !", out)
    first, _, rest = out.partition(" ")
    return f"{first.upper()} {rest}" if rng.random() < 0.5 else out.lower()


def _blocks(doc: str) -> list[str]:
    from precis.summarize import split_sentences

    sentences = [s for s in split_sentences(doc) if len(s.split()) >= 6]
    return [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences) - 1, 2)]


def _pair_case(kind: str, n: int, p: str, q: str, context: list[str], rng: random.Random) -> Case:
    first, second = (p, q) if rng.random() < 0.5 else (q, p)
    paras = (first, *context, second)
    return Case(f"{kind}-{n}", kind, "mutation", paras, ("keep", "any", "any", "keep"))


def _initial_pair(p: str, rng: random.Random, doc: str) -> tuple[str, str] | None:
    m = re.search(r"(?:^|(?<=[.!?] ))(Il|Elle) (?=\w)", p)
    if not m:
        return None
    a, b = rng.sample([n for n in NAMES if n not in doc], 2)
    return p[: m.start(1)] + a + p[m.end(1) :], p[: m.start(1)] + b + p[m.end(1) :]


def generate(docs: list[str], per_kind: int, rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    counts: dict[str, int] = defaultdict(int)
    for d, doc in enumerate(docs):
        blocks = _blocks(doc)
        if len(blocks) < 4:
            continue
        for kind, mutate in MUTATIONS.items():
            if counts[kind] >= per_kind:
                continue
            for b in rng.sample(range(len(blocks)), len(blocks)):
                p = blocks[b]
                context = [blocks[i] for i in range(len(blocks)) if i != b][:2]
                q = mutate(p, rng, doc) if kind in NEEDS_DOC else mutate(p, rng)
                pair = (p, q) if q and q != p else None
                if pair is None and kind == "entity-initial":
                    pair = _initial_pair(p, rng, doc)
                if pair:
                    cases.append(_pair_case(kind, d, *pair, context, rng))
                    counts[kind] += 1
                    break
        if counts["exact"] < per_kind:
            p, c1, c2, extra = blocks[:4]
            dup = p if d % 2 else variant(p, rng)
            kind = "exact" if d % 2 else "variant"
            cases.append(Case(f"{kind}-{d}", kind, "duplicate", (p, c1, c2, dup),
                              ("keep", "any", "any", "remove")))  # fmt: skip
            counts["exact"] += 1
            longer = f"{p} {extra}"
            paras, expect = ((p, c1, longer), ("remove", "any", "keep"))
            if d % 2:
                paras, expect = ((longer, c1, p), ("keep", "any", "remove"))
            cases.append(Case(f"contained-{d}", "contained", "contained", paras, expect))
    return cases


@dataclass
class Tally:
    cases: int = 0
    must_stay: int = 0
    lost: int = 0
    must_go: int = 0
    removed: int = 0
    seconds: float = 0.0


def evaluate(cases: list[Case]) -> tuple[dict[str, Tally], list[str]]:
    from precis.summarize import dedup

    tallies: dict[str, Tally] = defaultdict(Tally)
    failures: list[str] = []
    for case in cases:
        start = time.perf_counter()
        result = dedup("\n\n".join(case.paragraphs))
        tally = tallies[case.kind]
        tally.seconds += time.perf_counter() - start
        tally.cases += 1
        kept = {k.index for k in result.kept}
        for i, expect in enumerate(case.expect):
            if expect == "keep":
                tally.must_stay += 1
                if i not in kept:
                    tally.lost += 1
                    failures.append(f"LOST {case.id} paragraph {i + 1}")
            elif expect == "remove":
                tally.must_go += 1
                if i not in kept:
                    tally.removed += 1
                else:
                    note = next((k.note for k in result.kept if k.index == i), "")
                    failures.append(f"MISSED {case.id} paragraph {i + 1}: {note[:160]}")
    return tallies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PER_KIND} cases per kind")
    parser.add_argument("--per-kind", type=int, default=PER_KIND)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--failures", action="store_true", help="list each failed case")
    args = parser.parse_args()
    per_kind = QUICK_PER_KIND if args.quick else args.per_kind

    from precis.corpora import require

    corpus = require("orangesum-dev")
    docs = corpus.paths["source"].read_text(encoding="utf-8").splitlines()
    rng = random.Random(args.seed)
    hand = load_handwritten()
    cases = hand + generate(docs, per_kind, rng)
    tallies, failures = evaluate(cases)
    print(f"{'kind':<34}{'cases':>6}{'must stay':>10}{'lost':>6}{'must go':>9}"
          f"{'removed':>9}{'ms/case':>9}")  # fmt: skip
    for kind in sorted(tallies, key=lambda k: (not k.startswith("hand:"), k)):
        t = tallies[kind]
        print(f"{kind:<34}{t.cases:>6}{t.must_stay:>10}{t.lost:>6}{t.must_go:>9}{t.removed:>9}"
              f"{1000 * t.seconds / t.cases:>9.1f}")  # fmt: skip
    if args.failures:
        print("\n".join(failures), file=sys.stderr)
    hand_kinds = {c.kind for c in hand}
    stay = sum(t.must_stay for t in tallies.values())
    lost = sum(t.lost for t in tallies.values())
    dup_kinds = {c.kind for c in cases if c.group in ("duplicate", "contained")}
    dup_go = sum(tallies[k].must_go for k in dup_kinds)
    dup_removed = sum(tallies[k].removed for k in dup_kinds)
    rest_kinds = {c.kind for c in hand if c.group == "restatement"} & hand_kinds
    rest_go = sum(tallies[k].must_go for k in rest_kinds)
    rest_found = sum(tallies[k].removed for k in rest_kinds)
    print(
        f"fact losses {lost}/{stay}; duplicates missed {dup_go - dup_removed}/{dup_go}; "
        f"restatements found {rest_found}/{rest_go}"
    )


if __name__ == "__main__":
    main()
