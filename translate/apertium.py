"""The `apertium` backend: offline, rule-based French -> English through a chain of pairs.

A chain (translate/apertium_chains.py: `fr-ca-es-en`, `fr-es-en`, ...; the default is the best
installed one) is run step by step, each step one long-lived mode pipeline in null-flush mode
(translate/apertium_stage.py), never one process per sentence. Sentences travel in Apertium
stream format with numbered superblanks (translate/apertium_stream.py), so outputs are matched
to inputs exactly. Around the steps:

1. pre-edits of the French the chain was measured to gain from (translate/preedit.py);
2. the fragile parts of the source shielded (times, identifiers, no-break spaces, "Mme"), a
   few terms and word senses held as their English ("ex-Premier ministre", "son poste");
3. after each step, the words it marked unknown (`*word`): a capitalized one is a name, kept
   and held by a placeholder word from the later steps; a lower-case one is looked up in the
   other installed pairs where the chain gains from it (`Chain.lookup`), else given a cognate
   guess (translate/apertium_fixes.py); no mark reaches the output;
4. the learned post-edit rules shipped for the chain (translate/postedit.py), then its fixed
   post-edits (simple past, English typography: translate/tense.py, translate/typography.py).

Measured on newstest2013, newsdiscusstest2015 and tico19: translate/README.md.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from typing import Any, ClassVar

from precis.errors import BackendUnavailableError, InputError
from precis.registry import Registry
from precis.translate.apertium_chains import (
    CHAIN_ENV,
    CHAINS,
    ENGINE_PACKAGE,
    Chain,
    Step,
    default_chain,
    fallback_routes,
    install_hint,
    missing_modes,
    mode_file,
)
from precis.translate.apertium_fixes import (
    SENSES_VERSION,
    hold_terms,
    lower_after_initial_name,
    resolve_marks,
    restore_placeholders,
    unknown_words,
)
from precis.translate.apertium_stage import ModeProcess
from precis.translate.apertium_stream import (
    AlignmentError,
    decode,
    encode,
    join,
    last_marker,
    split,
    unwrap,
)
from precis.translate.base import (
    FALSE_WORDS,
    TRUE_WORDS,
    BackendInfo,
    Option,
    coerce_options,
    signature,
)
from precis.translate.postedit import POSTEDITS, RuleSet, apply_postedits, load_rules
from precis.translate.preedit import PREEDITS, apply_preedits

__all__ = ["AlignmentError", "ApertiumBackend", "decode", "encode"]

DEFAULT_CHAIN = "fr-ca-es-en"  # when installed; else the best installed (apertium_chains order)
INSTALL_HINT = install_hint(CHAINS.get(DEFAULT_CHAIN))
APERTIUM_BATCH_WORDS = 100_000  # per round trip through the pipelines: progress shows
LOOKUP_ROUTES = 2  # other routes tried for a word a step does not know

OPTIONS: dict[str, Option] = {
    "chain": Option(str, "", f"the chain of pairs ({', '.join(CHAINS)}); default: best installed"),
    "fix_unknown": Option(bool, True, "guess English cognates of words left untranslated"),
    "lookup": Option(
        str, "", "yes/no: look words a pair lacks up in the other pairs (default: the chain's)"
    ),
    "preedits": Option(
        str, "", "pre-edits, comma-separated, or 'none' (default: those measured to help the chain)"
    ),
    "postedit": Option(bool, True, "apply the learned post-edit rules shipped for the chain"),
    "postedits": Option(
        str, "", "fixed post-edits, comma-separated, or 'none' (default: the chain's measured ones)"
    ),
    "terms": Option(bool, True, "hold a few badly translated terms as their English"),
    "senses": Option(bool, True, "hold a few news word senses as English ('son poste': post)"),
    "marks": Option(bool, False, "keep Apertium's unknown-word marks (* # @) for inspection"),
}


def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """Debian versions of the engine and the pairs (for signatures); empty if unknown."""
    if shutil.which("dpkg-query") is None:
        return {}
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", *packages],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    versions = {}
    for line in out.splitlines():
        name, _, version = line.partition(" ")
        if version:
            versions[name] = version.split("-")[0] if name == ENGINE_PACKAGE else version
    return versions


def _engine_missing() -> bool:
    return shutil.which("apertium") is None or shutil.which("apertium-wblank-mode") is None


def resolve_chain(name: str) -> Chain:
    """The named chain (must be installed); for '': $PRECIS_APERTIUM_CHAIN, else the best."""
    name = name or os.environ.get(CHAIN_ENV, "")
    if not name:
        chain = default_chain()
        if chain is None:
            raise BackendUnavailableError(
                f"apertium backend: no chain is installed ({INSTALL_HINT})"
            )
        return chain
    chain = CHAINS.get(name)  # UnknownNameError lists the chains
    missing = missing_modes(chain)
    if missing:
        raise BackendUnavailableError(
            f"apertium chain {name}: mode(s) {', '.join(missing)} not installed "
            f"({install_hint(chain)})"
        )
    return chain


def resolve_switch(name: str, value: Any, measured: bool) -> bool:
    """A yes/no option whose default ('') is the chain's measured choice."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return measured
    if text in TRUE_WORDS or text in FALSE_WORDS:
        return text in TRUE_WORDS
    raise InputError(f"backend 'apertium': option {name}={value!r} is not yes/no")


def resolve_names(
    names: str, measured: tuple[str, ...], registry: Registry[Any]
) -> tuple[str, ...]:
    """'' -> the chain's measured edits; 'none' -> none; else the named ones (checked)."""
    if not names.strip():
        return measured
    if names.strip() == "none":
        return ()
    chosen = tuple(n.strip() for n in names.split(",") if n.strip())
    for name in chosen:
        registry.get(name)  # UnknownNameError lists the valid names
    return chosen


class ApertiumBackend:
    default_model: ClassVar[str | None] = None
    name: ClassVar[str] = "apertium"
    max_input_tokens: int | None = None  # rule-based: no input limit
    batch_tokens: int | None = APERTIUM_BATCH_WORDS  # words per round trip

    def __init__(self, model: str | None = None, **options: Any) -> None:
        ok, why = self.available()
        if not ok:
            raise BackendUnavailableError(f"apertium backend: {why}")
        if model:
            raise BackendUnavailableError(
                "the apertium backend has no models to choose (pick a chain with "
                f"-O chain=NAME: {', '.join(CHAINS)}); drop --model or pick --backend transformers"
            )
        self.options = coerce_options(self.name, OPTIONS, options)
        self.chain = resolve_chain(self.options["chain"])
        self.lookup = resolve_switch("lookup", self.options["lookup"], self.chain.lookup)
        self.preedits = resolve_names(self.options["preedits"], self.chain.preedits, PREEDITS)
        self.postedits = resolve_names(self.options["postedits"], self.chain.postedits, POSTEDITS)
        self.versions = package_versions(self.chain.packages)
        self.rules: RuleSet | None = load_rules() if self._postediting() else None
        self._stages: dict[str, ModeProcess] = {}
        self._lock = threading.Lock()

    def _postediting(self) -> bool:
        return bool(self.options["postedit"] and self.chain.rules and not self.options["marks"])

    @classmethod
    def available(cls) -> tuple[bool, str]:
        if _engine_missing():
            return False, f"apertium is not installed ({INSTALL_HINT})"
        chain = default_chain()
        if chain is None:
            return False, f"no French->English chain of pairs is installed ({INSTALL_HINT})"
        return True, f"apertium with the {chain.name} chain is installed"

    @property
    def processes_started(self) -> int:
        return sum(stage.processes_started for stage in self._stages.values())

    def count_tokens(self, sentences: list[str]) -> list[int] | None:
        return None

    def _stage(self, step: Step) -> ModeProcess:
        if step.mode not in self._stages:
            path = mode_file(step.mode)
            assert path is not None  # checked by resolve_chain / fallback_routes
            self._stages[step.mode] = ModeProcess(path)
        return self._stages[step.mode]

    def _run_step(self, step: Step, pieces: list[str]) -> list[str]:
        answer = self._stage(step).roundtrip(join(pieces), last_marker(len(pieces)))
        return split(answer, len(pieces))

    def _lookup(self, position: int, words: list[str]) -> dict[str, str]:
        """English for words step `position` does not know, from the other installed routes."""
        found: dict[str, str] = {}
        for route in fallback_routes(self.chain, position)[:LOOKUP_ROUTES]:
            todo = [w for w in dict.fromkeys(words) if w not in found]
            if not todo:
                break
            pieces = split(encode(todo), len(todo))
            for step in route:
                pieces = self._run_step(step, pieces)
            for word, piece in zip(todo, pieces, strict=True):
                english = unwrap(piece).rstrip(".").strip()
                if english and not any(c in english for c in "*#@"):
                    # alone, the word is a sentence: the last step capitalized it
                    found[word] = english[:1].lower() + english[1:] if word.islower() else english
        return found

    def _resolve(
        self, position: int, pieces: list[str], sources: list[str], held: list[dict[str, str]]
    ) -> list[str]:
        step = self.chain.steps[position]
        fix = self.options["fix_unknown"]
        found: dict[str, str] = {}
        if self.lookup:
            words = [w for p, s in zip(pieces, sources, strict=True) for w in unknown_words(p, s)]
            if words:
                found = self._lookup(position, words)
        return [
            resolve_marks(p, s, lang=step.source, found=found, fix=fix, held=h)
            for p, s, h in zip(pieces, sources, held, strict=True)
        ]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        sources = list(sentences)
        if self.preedits and not self.options["marks"]:
            sources = [apply_preedits(s, self.preedits) for s in sources]
        held: list[dict[str, str]] = [{} for _ in sentences]  # placeholder -> word, per sentence
        if self.options["terms"] and not self.options["marks"]:
            senses = self.options["senses"]
            sources = [hold_terms(s, h, senses=senses) for s, h in zip(sources, held, strict=True)]
        with self._lock:
            pieces = split(encode(sources), len(sources))
            for position, step in enumerate(self.chain.steps):
                pieces = self._run_step(step, pieces)
                if not self.options["marks"]:
                    pieces = self._resolve(position, pieces, sentences, held)
        outputs = [
            restore_placeholders(lower_after_initial_name(unwrap(piece), source), table)
            for piece, source, table in zip(pieces, sentences, held, strict=True)
        ]
        if self.rules is not None:
            outputs = [self.rules.apply(out) for out in outputs]
        if self.postedits and not self.options["marks"]:
            outputs = [apply_postedits(out, self.postedits) for out in outputs]
        return outputs

    def describe(self) -> BackendInfo:
        keys = ("fix_unknown", "lookup", "terms", "postedit", "marks")
        options = {"chain": self.chain.name, **{k: self.options[k] for k in keys}}
        options["lookup"] = self.lookup
        options["preedits"] = "+".join(self.preedits) or "none"
        options["postedits"] = "+".join(self.postedits) or "none"
        parts: dict[str, Any] = {"pivot": self.chain.name}
        parts[ENGINE_PACKAGE] = self.versions.get(ENGINE_PACKAGE, "unknown")
        for step in self.chain.steps:
            parts[step.mode] = self.versions.get(step.package)
        parts.update(options)
        if self.rules is not None:
            parts["rules"] = self.rules.version
        if self.options["senses"] and self.options["terms"]:
            parts["senses"] = SENSES_VERSION
        return BackendInfo(
            name=self.name,
            model="+".join(self.chain.modes),
            revision=parts[ENGINE_PACKAGE],
            options=options,
            signature=signature(self.name, parts),
        )

    def close(self) -> None:
        for stage in self._stages.values():
            stage.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
