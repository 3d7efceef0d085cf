"""Learn the shipped post-edit rules for the default Apertium chain (translate/data/).

Training data, chosen for their licences (the rules derived from them ship in the package):
Tatoeba (tatoeba-test-v2021-08-07, CC-BY 2.0 FR: attribution in the rule file's provenance)
and the Europarl v7 sample (train/europarl-v7.sample, no copyright restrictions stated by its
authors), both from ../shared/data/mt. Never the sets the rules are scored on (newstest2013,
newsdiscusstest2015, tico19): those are the bench's (bench/apertium_chains.py). Each set is
split by line number: two lines of three train, the third is held out for the selection. The
chain's output (pre-edits on, post-edit off) is cached in /tmp by `translate_cached`.

    nice python bench/learn_postedit.py [--out translate/data/postedit_rules.json]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apertium_chains import data_dir, read, translate_cached

TRAINING = {  # domain -> (French file, English file under ../shared/data/mt, licence)
    "tatoeba": (
        "tatoeba-test-v2021-08-07.fra",
        "tatoeba-test-v2021-08-07.eng",
        "CC-BY 2.0 FR (Tatoeba contributors)",
    ),
    "europarl": (
        "train/europarl-v7.sample.fra",
        "train/europarl-v7.sample.eng",
        "Europarl v7: no copyright restrictions stated by its authors",
    ),
}
OPTIONAL = {  # --with NAME: other shippable data, with the licence the rule file then inherits
    "ntrex": (
        "ntrex128_newstest2019-ref.fra.txt",
        "ntrex128_newstest2019-src.eng.txt",
        "NTREX-128 (Microsoft), CC-BY-SA 4.0: the rule file is then CC-BY-SA 4.0 too",
    ),
}
CHAIN = "fr-ca-es-en"
HELD_OUT_EVERY = 3
RULES_FORMAT = 1
OUT = Path(__file__).resolve().parents[1] / "translate" / "data" / "postedit_rules.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-support", type=int, default=3)
    parser.add_argument("--with", dest="extra", action="append", default=[], choices=OPTIONAL)
    args = parser.parse_args(argv)
    training = {**TRAINING, **{name: OPTIONAL[name] for name in args.extra}}
    from precis.translate.postedit import Rule, dump_rules
    from precis.translate.postedit_learn import HeldOut, Pair, rank_candidates, select_rules

    folder = data_dir()
    options = {"chain": CHAIN, "postedit": False, "postedits": "none"}  # rules come first
    train: list[Pair] = []
    held: list[Pair] = []
    signature = ""
    for domain, (fra, eng, _) in training.items():
        src, ref = read(folder / fra), read(folder / eng)
        run = translate_cached(options, fra.replace("/", "_"), src)
        signature = run.signature
        print(f"{domain}: {len(src)} lines, {run.seconds:.0f} s", file=sys.stderr)
        for i, (hyp, reference) in enumerate(zip(run.out, ref, strict=True)):
            (held if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else train).append(
                Pair(hyp, reference, domain)
            )
    candidates = rank_candidates(train, min_support=args.min_support)
    print(f"{len(candidates)} candidates from {len(train)} training pairs", file=sys.stderr)
    heldout = HeldOut(held)
    before = heldout.bleu(heldout.stats)
    domains_before = {d: _domain_bleu(heldout, d) for d in heldout.domains}

    def progress(n: int, total: int, kept: int) -> None:
        print(f"  {n}/{total} candidates tried, {kept} kept", file=sys.stderr)

    learned = select_rules(candidates, heldout, progress=progress)
    after = heldout.bleu(heldout.stats)
    rules: list[Rule] = [item.rule for item in learned]
    digest = hashlib.sha256(json.dumps([r.to_dict() for r in rules]).encode()).hexdigest()[:8]
    provenance = {
        "chain": signature,
        "trained_on": {
            d: {"files": [fra, eng], "licence": lic} for d, (fra, eng, lic) in training.items()
        },
        "split": f"line i held out when i % {HELD_OUT_EVERY} == {HELD_OUT_EVERY - 1}",
        "train_pairs": len(train),
        "heldout_pairs": len(held),
        "candidates": len(candidates),
        "heldout_bleu": {"before": round(before, 2), "after": round(after, 2)},
        "heldout_bleu_by_domain": {
            d: {"before": round(domains_before[d], 2), "after": round(_domain_bleu(heldout, d), 2)}
            for d in heldout.domains
        },
        "never_trained_on": ["newstest2013", "newsdiscusstest2015", "tico19-test"],
        "learned": datetime.date.today().isoformat(),
        "script": "bench/learn_postedit.py",
    }
    dump_rules(rules, f"{RULES_FORMAT}-{digest}", provenance, args.out)
    print(f"{len(rules)} rules kept; held-out BLEU {before:.2f} -> {after:.2f}; wrote {args.out}")
    for item in learned[:40]:
        print(f"  {item.rule}   (support {item.support}, fires {item.fires}, +{item.heldout_gain})")
    return 0


def _domain_bleu(heldout: object, domain: str) -> float:
    rows = [i for i, p in enumerate(heldout.pairs) if p.domain == domain]  # type: ignore[attr-defined]
    return heldout.bleu(heldout.stats, rows)  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
