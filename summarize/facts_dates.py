"""Date facts: weekdays, months, relative days and parts of the day.

Years and day numbers are numbers (facts_numbers.py). Values are folded lowercase:
"Mardi" -> "weekday:mardi", "août" -> "month:aout", "hier" -> "day:hier", "la veille" ->
"day:veille", "mardi prochain" -> also "when:prochain", "ce soir" -> "part:soir".
"""

from __future__ import annotations

import re

from precis.summarize.facts_base import Fact, FamilyDefaults
from precis.text.paragraphs import fold_accents

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "janv": "janvier", "fevr": "fevrier", "fev": "fevrier", "avr": "avril", "juil": "juillet",
    "sept": "septembre", "oct": "octobre", "nov": "novembre", "dec": "decembre",
}  # fmt: skip
# Relative days, folded; multiword ones first.
RELATIVE_DAYS = (
    "avant-hier", "apres-demain", "aujourd'hui", "hier", "demain", "veille", "lendemain",
    "surlendemain", "avant-veille",
)  # fmt: skip
PARTS_OF_DAY = ("matin", "matinee", "midi", "apres-midi", "soir", "soiree", "nuit")
# "mardi prochain", "la semaine dernière": which way in time.
WHEN = ("prochain", "prochaine", "dernier", "derniere", "passe", "passee")
_TIME_NOUN = "|".join((*WEEKDAYS, "semaine", "mois", "annee", "an", "week-end", "ete", "hiver"))

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weekday", re.compile(rf"\b({'|'.join(WEEKDAYS)})s?\b")),
    ("month", re.compile(rf"\b({'|'.join(MONTHS)})\b")),
    ("month", re.compile(rf"\b({'|'.join(MONTH_ABBREVIATIONS)})\.(?=\s*\d)")),
    ("day", re.compile(rf"(?<![\w-])({'|'.join(re.escape(d) for d in RELATIVE_DAYS)})(?![\w-])")),
    ("part", re.compile(rf"(?<![\w-])({'|'.join(PARTS_OF_DAY)})s?(?![\w-])")),
    ("when", re.compile(rf"\b(?:{_TIME_NOUN})\s+({'|'.join(WHEN)})\b")),
)


def _canonical(kind: str, word: str) -> str:
    if kind == "month":
        return MONTH_ABBREVIATIONS.get(word, word)
    if kind == "when":
        return {"prochaine": "prochain", "derniere": "dernier", "passee": "dernier",
                "passe": "dernier"}.get(word, word)  # fmt: skip
    if kind == "part":
        return {"matinee": "matin", "soiree": "soir"}.get(word, word)
    return word


def _dates(text: str) -> list[tuple[str, str]]:
    # Folding keeps offsets: NFKD of French letters adds combining marks that are dropped,
    # so surfaces are read from the folded text itself.
    folded = fold_accents(text.replace("’", "'")).lower()
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            found.append((m.start(), f"{kind}:{_canonical(kind, m.group(1))}", m.group(0)))
    return [(value, surface) for _, value, surface in sorted(found)]


class DateFamily(FamilyDefaults):
    name = "date"
    counted = True

    def facts(self, text: str, lexicon: frozenset[str] = frozenset()) -> list[Fact]:
        return [Fact(self.name, value, surface) for value, surface in _dates(text)]

    def statements(self, text: str) -> dict[str, str]:
        return dict(_dates(text))


DATES = DateFamily()
