"""French passé composé in English news: "has said" -> "said", "has been evacuated" -> "was".

Apertium renders the passé composé word for word as the English present perfect ("A shark
has attacked", "Chad Hammel has indicated"), where English news prose uses the simple past
("A shark attacked"). A present perfect directly followed by a past participle (a regular
"-ed" form, or one in `IRREGULAR`) becomes the simple past; "has/have been" becomes
"was/were". Negations and questions ("has not said", "has he said") are left alone, as are
participles not known to be past participles. Measured on training data only (NTREX news,
Europarl, Tatoeba: bench/apertium_chains.py reports the test sets); a chain opts in through
its `postedits`.
"""

from __future__ import annotations

import re

# Past participle -> simple past, for irregular verbs common in news.
IRREGULAR: dict[str, str] = {
    "said": "said", "made": "made", "taken": "took", "given": "gave", "seen": "saw",
    "done": "did", "gone": "went", "become": "became", "known": "knew", "shown": "showed",
    "written": "wrote", "begun": "began", "chosen": "chose", "spoken": "spoke",
    "held": "held", "brought": "brought", "thought": "thought", "found": "found",
    "told": "told", "left": "left", "lost": "lost", "put": "put", "set": "set", "met": "met",
    "paid": "paid", "sent": "sent", "spent": "spent", "won": "won", "come": "came",
    "fallen": "fell", "driven": "drove", "grown": "grew", "risen": "rose", "broken": "broke",
    "led": "led", "built": "built", "felt": "felt", "kept": "kept", "meant": "meant",
    "sold": "sold", "stood": "stood", "understood": "understood", "heard": "heard",
    "had": "had", "got": "got", "obtained": "obtained", "struck": "struck", "hit": "hit",
    "cut": "cut", "let": "let", "read": "read", "run": "ran", "drawn": "drew",
    "thrown": "threw", "forgotten": "forgot", "hidden": "hid", "worn": "wore",
}  # fmt: skip
_PERFECT = re.compile(r"\b(has|have|Has|Have)\s+(been|[a-z]+)\b(?!\s+(?:to|of)\b)")


def _past(participle: str) -> str | None:
    if participle in IRREGULAR:
        return IRREGULAR[participle]
    if participle.endswith("ed") and len(participle) > 4:
        return participle
    return None


def simple_past(text: str) -> str:
    """Present perfect + past participle -> simple past (see the module docstring)."""

    def replace(match: re.Match[str]) -> str:
        aux, participle = match.group(1), match.group(2)
        past: str | None
        if participle == "been":
            past = "was" if aux.lower() == "has" else "were"
        else:
            past = _past(participle)
            if past is None:
                return match.group(0)
        return past.capitalize() if aux[0].isupper() else past

    return _PERFECT.sub(replace, text)
