"""Apertium chains as data: which language pairs lead from French to English, best first.

A chain is a list of steps (Apertium modes) from French to English through pivot languages,
with the Debian packages that provide them, the pre-edits and fixed post-edits measured to
help it, and whether the learned post-edit rules (trained on its output) apply. `CHAINS` is
ordered best first (`bench/apertium_chains.py` measures them; translate/README.md has the
table); the default is the first installed one. `fallback_routes` gives, for a step's input
language, the other installed routes to English: a word unknown to one step is looked up
there first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from precis.registry import Registry

MODES_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")
MODES_ENV = "PRECIS_APERTIUM_MODES"
CHAIN_ENV = "PRECIS_APERTIUM_CHAIN"  # the chain used when none is given (else the best installed)
ENGINE_PACKAGE = "apertium"


@dataclass(frozen=True)
class Step:
    """One Apertium mode: `mode` translates `source` into `target` (package provides it)."""

    mode: str
    source: str
    target: str
    package: str


@dataclass(frozen=True)
class Chain:
    name: str
    steps: tuple[Step, ...]
    preedits: tuple[str, ...] = ()  # names in precis.translate.preedit.PREEDITS
    rules: bool = False  # apply the shipped learned rules (they were trained on this chain)
    lookup: bool = True  # look words a step lacks up in the other pairs (measured per chain)
    postedits: tuple[str, ...] = ("typography",)  # names in precis.translate.postedit.POSTEDITS
    note: str = ""

    @property
    def packages(self) -> tuple[str, ...]:
        return (ENGINE_PACKAGE, *dict.fromkeys(step.package for step in self.steps))

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(step.mode for step in self.steps)


@dataclass(frozen=True)
class ChainStatus:
    """A chain and whether it can run here (for `precis models`)."""

    name: str
    installed: bool
    default: bool
    packages: tuple[str, ...]
    missing_modes: tuple[str, ...]
    note: str

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "installed": self.installed,
            "default": self.default,
            "packages": list(self.packages),
            "missing_modes": list(self.missing_modes),
            "note": self.note,
        }


FRA_CAT = Step("fra-cat", "fr", "ca", "apertium-fra-cat")
CAT_SPA = Step("cat-spa", "ca", "es", "apertium-spa-cat")
CAT_ENG = Step("cat-eng", "ca", "en", "apertium-eng-cat")
FR_ES = Step("fr-es", "fr", "es", "apertium-fr-es")
SPA_ENG = Step("spa-eng", "es", "en", "apertium-eng-spa")

CHAINS: Registry[Chain] = Registry("apertium chain")
CHAINS.add(
    "fr-ca-es-en",
    Chain(
        "fr-ca-es-en",
        (FRA_CAT, CAT_SPA, SPA_ENG),
        preedits=("subject-pronouns",),
        rules=True,
        postedits=("simple-past", "typography"),
        lookup=False,  # measured +0.00 BLEU on all three test sets, at 20-25% of the speed
        note="best measured: fra-cat leaves ~5x fewer French words untranslated than fr-es",
    ),
)
CHAINS.add(
    "fr-es-en",
    Chain("fr-es-en", (FR_ES, SPA_ENG), note="the original chain: fastest, fewer packages"),
)
CHAINS.add(
    "fr-ca-en",
    Chain("fr-ca-en", (FRA_CAT, CAT_ENG), note="short but cat-eng is the weakest last step"),
)


def modes_dirs() -> list[Path]:
    if os.environ.get(MODES_ENV):
        return [Path(os.environ[MODES_ENV])]
    return [Path(folder) for folder in MODES_DIRS]


def mode_file(mode: str) -> Path | None:
    for folder in modes_dirs():
        path = folder / f"{mode}.mode"
        if path.is_file():
            return path
    return None


def missing_modes(chain: Chain) -> tuple[str, ...]:
    return tuple(mode for mode in chain.modes if mode_file(mode) is None)


def installed_chains() -> list[Chain]:
    return [CHAINS.get(name) for name in CHAINS if not missing_modes(CHAINS.get(name))]


def default_chain() -> Chain | None:
    """The best installed chain (registry order), or None when no chain is installed."""
    chains = installed_chains()
    return chains[0] if chains else None


def chain_statuses() -> list[ChainStatus]:
    best = default_chain()
    rows = []
    for name in CHAINS:
        chain = CHAINS.get(name)
        missing = missing_modes(chain)
        rows.append(
            ChainStatus(
                name=name,
                installed=not missing,
                default=best is not None and best.name == name,
                packages=chain.packages,
                missing_modes=missing,
                note=chain.note,
            )
        )
    return rows


def format_chains(rows: list[ChainStatus]) -> list[str]:
    """Text lines for `precis models`: each chain, installed or not, the default marked."""
    width = max((len(r.name) for r in rows), default=5)
    lines = [
        f"apertium chains (the default is the best installed; choose with precis translate "
        f"--chain NAME, ${CHAIN_ENV}=NAME, or precis bench -s apertium:chain=NAME):"
    ]
    for r in rows:
        state = "installed" if r.installed else "missing " + ",".join(r.missing_modes)
        default = " (default)" if r.default else ""
        lines.append(f"  {r.name:<{width}}  {state}{default}  [{' '.join(r.packages)}]")
    return lines


def install_hint(chain: Chain) -> str:
    return "sudo apt-get install " + " ".join(chain.packages)


def fallback_routes(chain: Chain, position: int) -> list[tuple[Step, ...]]:
    """Installed routes to English from step `position`'s input language, avoiding that step.

    Taken from the other registered chains' tails (e.g. fr-es + spa-eng for a word fra-cat does
    not know), in registry order, without repeats.
    """
    step = chain.steps[position]
    routes: list[tuple[Step, ...]] = []
    for name in CHAINS:
        other = CHAINS.get(name)
        for i, candidate in enumerate(other.steps):
            tail = other.steps[i:]
            if candidate.source != step.source or candidate == step or tail in routes:
                continue
            if all(mode_file(s.mode) is not None for s in tail):
                routes.append(tail)
    return routes
