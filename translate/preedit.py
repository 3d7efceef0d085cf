"""Pre-edits of the French before an Apertium chain: French in, French out, one rule family each.

Spanish (the pivot of the fr-*-es-en chains) drops subject pronouns, so "J'essaie" comes out as
"Attempt" and "Il pense" as "It thinks". Doubling the pronoun with its stressed form ("moi je",
"lui il"), which is ordinary spoken French, makes the pivot keep it ("I attempt", "He thinks").
Impersonal "il" (il y a, il faut, il est difficile de ..., il semble, ...) is left alone: its
English is "it"/"there", which the chains already produce. Each chain lists the pre-edits that
were measured to help it (`Chain.preedits`, bench/apertium_chains.py); one that hurts a chain
is not listed for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from precis.registry import Registry

PreEdit = Callable[[str], str]
PREEDITS: Registry[PreEdit] = Registry("pre-edit")

# "il" followed by these is impersonal (no person behind it): not doubled.
IMPERSONAL_VERBS = (
    "y",
    "faut",
    "fallait",
    "faudra",
    "faudrait",
    "semble",
    "semblait",
    "paraît",
    "parait",
    "paraissait",
    "s'agit",
    "s’agit",
    "s'agissait",
    "s’agissait",
    "suffit",
    "suffirait",
    "reste",
    "restait",
    "vaut",
    "valait",
    "pleut",
    "neige",
    "arrive",
    "existe",
    "manque",
    "importe",
    "convient",
    "advient",
    "se",
)
# "il est/était/sera ... de|que" within a few words is impersonal ("il est difficile de dire").
_COPULA = r"(?:est|était|sera|serait|a été|avait été|devient|n'est|n’est)"
_IMPERSONAL_COPULA = re.compile(
    rf"{_COPULA}(?:\s+(?:pas|plus|très|trop|bien|peu|aussi|si|vraiment|encore|déjà))*"
    r"\s+[\w’'-]+\s+(?:de|d'|d’|que|qu'|qu’)",
    re.IGNORECASE,
)
_IMPERSONAL_TIME = re.compile(rf"{_COPULA}\s+(?:\d|temps|l'heure|l’heure|midi|minuit|tard|tôt)")
_IMPERSONAL = re.compile(
    r"(?:n['’]\s*)?(?:" + "|".join(re.escape(v) for v in IMPERSONAL_VERBS) + r")\b",
    re.IGNORECASE,
)
_IL = re.compile(r"(?<![\w’'-])(Il|il)(?=\s)")
_ELLE = re.compile(r"(?<![\w’'-])(Elle|elle)(?=\s)")
_QU_IL = re.compile(r"(?<![\w’'-])([Qq]u)['’](il|elle)(?=\s)")
_JE = re.compile(r"(?<![\w’'-])(?:(?:Je|je)(?=\s)|(?:J|j)['’](?=\w))")


def _impersonal(rest: str) -> bool:
    rest = rest.lstrip()
    return bool(
        _IMPERSONAL.match(rest) or _IMPERSONAL_COPULA.match(rest) or _IMPERSONAL_TIME.match(rest)
    )


@PREEDITS.register("subject-pronouns")
def double_subject_pronouns(text: str) -> str:
    """'je' -> 'moi je', "j'" -> "moi j'", 'il' -> 'lui il' (personal 'il' only)."""

    def je(match: re.Match[str]) -> str:
        word = match.group(0)
        return ("Moi " + word.lower()) if word[0].isupper() else ("moi " + word)

    edited = _JE.sub(je, text)

    def il(match: re.Match[str]) -> str:
        if _impersonal(edited[match.end() :]):
            return match.group(1)
        return "Lui il" if match.group(1) == "Il" else "lui il"

    return _IL.sub(il, edited)


@PREEDITS.register("elle")
def double_elle(text: str) -> str:
    """'elle' -> 'elle elle' ("Elle pense" came out "It thinks"; impersonal uses kept)."""

    def elle(match: re.Match[str]) -> str:
        if _impersonal(text[match.end() :]):
            return match.group(1)
        return match.group(1) + " elle"

    return _ELLE.sub(elle, text)


@PREEDITS.register("qu-pronouns")
def expand_qu_pronouns(text: str) -> str:
    """ "qu'il" -> "que lui il", "qu'elle" -> "qu'elle elle" ("said that will come")."""

    def qu(match: re.Match[str]) -> str:
        if _impersonal(text[match.end() :]):
            return match.group(0)
        que, pronoun = match.group(1), match.group(2)
        return f"{que}e lui il" if pronoun == "il" else f"{que}'elle elle"

    return _QU_IL.sub(qu, text)


def apply_preedits(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = PREEDITS.get(name)(text)
    return text
