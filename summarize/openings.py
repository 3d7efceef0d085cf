"""Sentences that open on a word pointing back: read alone, they lack their antecedent.

"Il a été condamné à cinq ans de prison." or "Mais la mairie refuse." need the sentence before
them: the reader of a summary that drops it does not know who "il" is or what "mais" opposes.
`needs_antecedent` tells such an opening from one that stands alone: "Il y a", "Il faut"
(impersonal), "Ce matin", "Cette année" (time), "En 2019" (a date, not the pronoun "en").

The extractive summarizer (`learned_extractive.py`) prefers, by a small penalty, summaries
whose sentences either stand alone or come with the sentence before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Subject pronouns and demonstratives that refer back; "il"/"elle" ... unless impersonal
PRONOUNS = {"il", "elle", "ils", "elles", "celui-ci", "celle-ci", "ceux-ci", "celles-ci"}
DEMONSTRATIVES = {
    "ce",
    "cet",
    "cette",
    "ces",
    "cela",
    "ça",
    "ceci",
    "celui",
    "celle",
    "ceux",
    "celles",
}
# Connectives that presuppose what was said before (first word, or the first two)
CONNECTIVES = {
    "mais",
    "et",
    "or",
    "pourtant",
    "cependant",
    "toutefois",
    "néanmoins",
    "ainsi",
    "donc",
    "aussi",
    "puis",
    "d'ailleurs",
    "d’ailleurs",
    "enfin",
    "lui",
    "eux",
}
CONNECTIVE_PAIRS = {
    ("en", "effet"),
    ("en", "revanche"),
    ("en", "outre"),
    ("par", "ailleurs"),
    ("de", "plus"),
    ("du", "coup"),
    ("parmi", "eux"),
    ("parmi", "elles"),
    ("parmi", "lesquels"),
    ("parmi", "lesquelles"),
    ("quant", "à"),
    ("c'est", "pourquoi"),
    ("c’est", "pourquoi"),
    ("on", "y"),
}
# "L'un d'eux", "L'une d'entre elles"
ONE_OF = re.compile(r"^l['’]une?\s+d['’](eux|elles|entre)\b", re.IGNORECASE)
# "Il y a", "Il faut", "Il semble": an impersonal "il" has no antecedent
IMPERSONAL = {
    "y",
    "faut",
    "fallait",
    "faudra",
    "faudrait",
    "fallu",
    "semble",
    "semblait",
    "reste",
    "restait",
    "pleut",
    "neige",
    "suffit",
    "suffisait",
    "importe",
}
# "Il est (temps | possible | ...) de / que": impersonal too ("Il est accusé de" is not)
IMPERSONAL_ADJECTIVE = re.compile(
    r"^il (est|était|sera|serait|paraît) (désormais |donc |aussi |encore |bien |très |peu )?"
    r"(temps|question|possible|impossible|probable|improbable|difficile|facile|nécessaire|"
    r"important|essentiel|urgent|interdit|clair|vrai|rare|fréquent|utile|inutile|normal|"
    r"évident|certain|prévu|conseillé|recommandé|déconseillé|exclu|hors)\b",
    re.IGNORECASE,
)
# "Ce matin", "Cette année", "Ces dernières semaines": time, not reference
TIME_NOUNS = {
    "matin",
    "midi",
    "soir",
    "soir-là",
    "week-end",
    "weekend",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mois",
    "jour",
    "jour-là",
    "semaine",
    "année",
    "an",
    "été",
    "hiver",
    "printemps",
    "automne",
    "nuit",
    "après-midi",
}
TIME_AFTER_LAST = {"jours", "semaines", "mois", "années", "ans", "heures", "décennies"}
# "Ceux qui auront 18 ans ...": generic, defined by the relative clause that follows
GENERIC = {"celui", "celle", "ceux", "celles"}
RELATIVES = {"qui", "que", "qu'", "qu’", "dont"}
# "C'est difficile de ...", "C'est très important de ..." (not "C'est le cas de ...")
IMPERSONAL_CEST = re.compile(
    r"^c['’]est (très |si |trop |assez |plus |bien |aussi )?(?!(le|la|les|un|une|des|ce|cette)\b)"
    r"\w+ (de|d['’])",
    re.IGNORECASE,
)
QUOTES = "«»\"“”'‘’ "
ELIDED = re.compile(r"^(c|ç)['’]", re.IGNORECASE)


def needs_antecedent(text: str) -> bool:
    """Does the sentence open on a word that points back to an earlier sentence?"""
    words = [w.strip(",;:").lower() for w in text.lstrip(QUOTES).split()[:4]]
    if not words:
        return False
    first, second = words[0], (words[1] if len(words) > 1 else "")
    head = " ".join(words)
    if first in PRONOUNS:
        impersonal = second in IMPERSONAL or IMPERSONAL_ADJECTIVE.match(head)
        return first != "il" or not impersonal
    if first in DEMONSTRATIVES:
        return not (_time(words) or (first in GENERIC and second in RELATIVES))
    if ELIDED.match(first):  # "C'est ...", "Ç'a été ...", but not "C'est difficile de ..."
        return not IMPERSONAL_CEST.match(head)
    if first in CONNECTIVES or (first, second) in CONNECTIVE_PAIRS:
        return True
    return bool(ONE_OF.match(head))


def dangling(openings: Iterable[tuple[int, bool]]) -> int:
    """How many sentences of a summary, each (its position in the article, whether it
    opens on a word pointing back), point back without the sentence before them (the
    article's first sentence has none to add)."""
    pairs = list(openings)
    positions = {position for position, _ in pairs}
    return sum(back and position > 0 and position - 1 not in positions for position, back in pairs)


def _time(words: list[str]) -> bool:
    """Time, not reference: "Ce matin", "Cette année", "Ces dernières semaines", "Ce 14 juillet"."""
    if len(words) < 2:
        return False
    second = words[1]
    if second in TIME_NOUNS:
        return True
    if second[:1].isdigit():
        return True
    third = words[2] if len(words) > 2 else ""
    return second in {"dernières", "derniers"} and third in TIME_AFTER_LAST


# Openings a summary may drop: the sentence reads alone without them ("Mais la mairie
# refuse." -> "La mairie refuse."). Only before a comma, except "Mais" and "Et", so that an
# inversion ("Ainsi a-t-il ...") never loses its adverb.
DROPPABLE_BEFORE_COMMA = (
    "ainsi",
    "cependant",
    "d'ailleurs",
    "d’ailleurs",
    "de plus",
    "du coup",
    "en effet",
    "en outre",
    "en revanche",
    "enfin",
    "néanmoins",
    "or",
    "par ailleurs",
    "pourtant",
    "toutefois",
)
DROPPABLE_BARE = ("mais", "et")
KEPT_AFTER_BARE = {"pour", "si", "aussi", "encore", "surtout", "puis", "non", "pourtant"}


def drop_connective(text: str) -> str | None:
    """The sentence without its opening connective, or None when it has none to drop."""
    lower = text.lower()
    rest: str | None = None
    for head in DROPPABLE_BEFORE_COMMA:
        if lower.startswith(head + ","):
            rest = text[len(head) + 1 :]
            break
    else:
        for head in DROPPABLE_BARE:
            if lower.startswith(head + " ") or lower.startswith(head + ","):
                after = text[len(head) + 1 :].lstrip(" ,")
                if after.split(" ", 1)[0].lower() not in KEPT_AFTER_BARE:
                    rest = after
                break
    rest = (rest or "").strip()
    if not rest[:1].isalpha():
        return None
    return rest[0].upper() + rest[1:]
