"""Boilerplate of French news pages: rules are data (a name, a pattern, where it applies).

Each rule is matched case-insensitively against one stripped line of a paragraph:

- kind "line":   the whole line is boilerplate ("Lire aussi : ...", "Publicité", "Photo : DR");
                 lines longer than `max_words` never match (a sentence is not boilerplate).
- kind "prefix": a leading piece of the paragraph's first line ("date 2024-10 " before the
                 headline); the rest of the line is kept.
- kind "tail":   from the match to the end of the line (a script pasted after the text), only
                 where a sentence ends: a tail never cuts inside a sentence.

A "line" rule describes the shape of the whole line (a credit is names and agencies, a byline
is a name with at most a date, a place or an agency after it), never a prefix of a sentence:
"Par SMS, la préfecture a demandé..." and "Lire plus de 200 pages..." are prose.

`at_end` rules (dangling headings ending with ":") apply only when nothing but boilerplate
follows them in the article. Add a rule by appending a `Rule` to `RULES`; every removal is
reported with the rule's name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

RuleKind = Literal["line", "prefix", "tail"]

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|janv|févr|fév|avr|juil|sept|oct|nov|déc"
)
WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_TIME = r"(?:(?:à|a|-|,)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*min)?)"
_DAY_MONTH_YEAR = rf"(?:(?:{WEEKDAYS})\s+)?\d{{1,2}}(?:er)?\s+(?:{MONTHS})\.?\s+\d{{4}}"
_NUMERIC_DATE = (
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)"
)
_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_NUMERIC_DATE})(?:\s*{_TIME})?"
_DATE_LEAD = (
    r"(?:(?:date|publié|publiée|mis à jour|mise à jour|modifié|actualisé)\s*(?:le\s*)?:?\s*)"
)
_DATE_RELATIVE = r"(?:aujourd'hui|hier|il y a \d+\s*(?:min(?:utes?)?|h|heures?|jours?))"
# One or more dated stamps: "Publié le 12/03/2025 à 18:42, mis à jour le 13/03/2025 à 09:10".
_STAMPS = (
    rf"(?:{_DATE_LEAD}?{_DATE}|{_DATE_LEAD}{_DATE_RELATIVE}(?:\s*{_TIME})?)"
    rf"(?:\s*(?:,|-|–|\||et)?\s*{_DATE_LEAD}(?:{_DATE}|{_DATE_RELATIVE}(?:\s*{_TIME})?))*"
)
# Names in a byline must be capitalized, whatever the case-folding of the rest of the rule.
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.-]+)"
_PERSON = rf"{_NAME}(?:\s+(?:(?-i:de|du|des|le|la|van|von|di|da|ben|el)\s+)?{_NAME}){{0,3}}"
AGENCIES = (
    "AFP", "Reuters", "AP", "Associated Press", "MaxPPP", "Getty Images", "Sipa", "Sipa Press",
    "Hans Lucas", "Abaca", "EPA", "Belga", "ANP", "Xinhua", "DR", "Shutterstock", "iStock",
    "Wikimedia Commons", "Hans Lucas via AFP",
)  # fmt: skip
_AGENCY = "(?-i:" + "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True)) + ")"
# A credit: agencies and names, separated by "/", ",", "-", "et", "pour", "via" ("Nicolas Roux /
# AFP", "AFP/Getty Images"); lowercase prose ("les rues de Palavas") is not a credit.
_CREDIT_ITEM = rf"(?:{_AGENCY}|{_PERSON}|(?:tous\s+)?droits réservés|all rights reserved)"
_CREDIT = rf"{_CREDIT_ITEM}(?:\s*(?:/|,|-|–|\||&|\bet\b|\bpour\b|\bvia\b)\s*{_CREDIT_ITEM})*"
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_EN = (
    rf"(?:published|updated)\s+(?:on\s+)?(?:{_MONTHS_EN})\s+\d{{1,2}},?\s+\d{{4}}"
    r"(?:\s+at\s+\d{1,2}[:.]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)?)?"
)
# What may follow a byline's name: a co-author, an agency, a place, a date, a role.
_BYLINE_EXTRA = (
    rf"(?:{_PERSON}|(?:avec\s+(?:l')?)?{_AGENCY}|(?:à|a)\s+{_NAME}|{_DATE_LEAD}?{_DATE}"
    rf"|{_DATE_EN}"
    r"|journaliste|rédact(?:eur|rice)|(?:notre\s+)?correspondante?(?:\s+à\s+\S+)?"
    r"|envoyée?\s+spéciale?(?:\s+à\s+\S+)?)"
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    kind: RuleKind = "line"
    max_words: int = 12
    at_end: bool = False

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use (importing the rules stays cheap)."""
        return re.compile(self.pattern, re.IGNORECASE | re.DOTALL)


RULES: tuple[Rule, ...] = (
    Rule(
        "lire-aussi",
        r"(?:à\s+)?(?:lire|relire)\s+(?:aussi|également)\b.*"
        r"|(?:lire|en savoir)\s+plus\s*(?::.*|\.{0,3}|…|>+)?"
        r"|lire la suite(?:\s+de l'article)?\s*(?:\.{0,3}|…|:|>+)?"
        r"|lire l'article(?:\s+complet)?\s*(?:\.{0,3}|…|:|>+)?"
        r"|(?:à\s+)?voir aussi\s*:?|(?:read|see)\s+(?:also|more)\b.*",
        max_words=30,
    ),
    Rule(
        "related",
        r"(?:sur le même sujet|à découvrir(?:\s+aussi|\s+également)?|découvrez aussi"
        r"|related(?:\s+articles?)?)\s*(?::.*)?",
        max_words=30,
    ),
    Rule(
        "publicite",
        r"[-–—•*|\s]*(?:publicité|pub|contenu sponsorisé|sponsorisé|advertisement)\.?"
        r"(?:\s*[-–—:]?\s*(?:la suite|continuez la lecture|poursuivez la lecture)"
        r"(?:\s+de l'article)?(?:\s+ci-dessous|\s+après (?:la|cette) publicité)?\.?)?[-–—•*|\s]*",
    ),
    Rule(
        "share",
        r"(?:partager|partagez|share)(?:\s+(?:cet article|l'article|la vidéo|this article|on"
        r"|sur|via|par)\b.*)?",
        max_words=8,
    ),
    Rule(
        "subscribe",
        r"(?:abonnez-vous|inscrivez-vous|s'inscrire|s’inscrire|s'abonner|s’abonner|je m'abonne"
        r"|recevez)(?:\s+(?:gratuitement\s+)?(?:à\s+)?(?:notre|nos|la|le|les)\s+(?:newsletters?"
        r"|lettres? d'information|alertes?|chaîne|compte|page|offre|journal|édition)\b.*"
        r"|\s*[!.]?)"
        r"|suivez-nous(?:\s+sur\s+.*)?|(?:subscribe|sign up|follow us)\b.*"
        r"|(?:(?:la|notre|nos)\s+)?newsletters?(?:\s+\S+){0,2}\s*[:.!]?",
        max_words=12,
    ),
    Rule(
        "paywall",
        r"(?:cet\s+|l')?article\s+(?:est\s+)?réservé\s+aux\s+(?:abonnés|membres)\.?"
        r"|(?:la\s+)?suite\s+(?:de\s+(?:cet|l')\s*article\s+)?est\s+réservée\s+aux\s+abonnés\.?"
        r"|il vous reste \d+\s*% de (?:cet|l')\s*article à lire\.?|déjà abonnée?\s*\?.*"
        r"|réservé aux abonnés\.?|abonnez-vous pour lire la suite.*",
        max_words=16,
    ),
    Rule(
        "byline",
        rf"(?:par|by)\s+(?:{_PERSON}|la rédaction(?:\s+\S+)?)"
        rf"(?:\s*(?:,|-|–|\||et|avec|and)\s*{_BYLINE_EXTRA})*\.?",
        max_words=20,
    ),
    Rule("date", rf"{_STAMPS}\.?", max_words=16),
    Rule("date-prefix", rf"{_DATE_LEAD}{_DATE}\s*[-–—|:]?\s+", kind="prefix"),
    Rule(
        "photo-credit",
        r"\(?(?:photos?|crédits?(?:\s+photos?)?|illustration|image|photo d'illustration"
        rf"|vidéo)\s*:?\s*{_CREDIT}\s*\)?\.?"
        rf"|\(?{_AGENCY}(?:\s*/\s*{_CREDIT})?\)?\.?|(?:©|\(c\)\s).*",
        max_words=12,
    ),
    # Code pasted after the text: an identifier of the page's script, then "=" or "(".
    # "document.Il prévoit" or "(document.pdf)" is prose, not code.
    Rule(
        "script",
        r"\b(?:window|document)\.(?-i:[a-z_$][\w$]*)(?:\.[\w$]+)*\s*(?:=|\().*"
        r"|\bfunction\s*\([^)]*\)\s*\{.*",
        kind="tail",
    ),
    Rule("dangling-heading", r"[^.!?]{1,100}:", max_words=10, at_end=True),
)

# A tail rule cuts only where a sentence ends: after this, or at the start of the line.
_SENTENCE_END = re.compile(r"(?:^|[.!?;»\"')\]}])\s*$")


@dataclass(frozen=True)
class LineRemoval:
    """A piece of a paragraph that a rule removed (the whole paragraph when `partial` is False)."""

    text: str
    rule: str
    partial: bool


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def line_rule(line: str, rules: tuple[Rule, ...] = RULES, *, at_end: bool = False) -> Rule | None:
    """The first "line" rule that matches the whole line (at_end rules only when at_end)."""
    text = _nfc(line)
    if not text:
        return None
    words = len(text.split())
    for rule in rules:
        if rule.kind != "line" or (rule.at_end and not at_end) or words > rule.max_words:
            continue
        if rule.regex.fullmatch(text):
            return rule
    return None


def is_boilerplate_sentence(sentence: str, rules: tuple[Rule, ...] = RULES) -> str | None:
    """The rule name if a sentence is boilerplate (a whole-line rule or a script), else None."""
    rule = line_rule(sentence, rules, at_end=True)
    if rule:
        return rule.name
    text = _nfc(sentence)
    for rule in rules:
        if rule.kind == "tail" and _strip_tail(text, (rule,))[1] is not None:
            return rule.name
    return None


def _strip_prefix(line: str, rules: tuple[Rule, ...]) -> tuple[str, LineRemoval | None]:
    for rule in rules:
        if rule.kind != "prefix":
            continue
        match = rule.regex.match(line)
        if match and line[match.end() :].strip():
            return line[match.end() :], LineRemoval(match.group(0).strip(), rule.name, True)
    return line, None


def _strip_tail(line: str, rules: tuple[Rule, ...]) -> tuple[str, LineRemoval | None]:
    for rule in rules:
        if rule.kind != "tail":
            continue
        match = next(
            (m for m in rule.regex.finditer(line) if _SENTENCE_END.search(line[: m.start()])),
            None,
        )
        if match:
            return line[: match.start()].rstrip(), LineRemoval(
                match.group(0).strip(), rule.name, True
            )
    return line, None


def clean_paragraphs(
    paragraphs: list[str], rules: tuple[Rule, ...] = RULES
) -> list[tuple[str, list[LineRemoval]]]:
    """For each paragraph: the text left after boilerplate removal ("" if all of it went),
    and the removals, in order. Lines of a paragraph are separated by single newlines."""
    lines_of = [[_nfc(line) for line in p.split("\n") if line.strip()] for p in paragraphs]
    verdicts: list[list[Rule | None]] = [[line_rule(ln, rules) for ln in ls] for ls in lines_of]
    # Dangling headings: walk back from the end while lines are boilerplate or dangling.
    for p_idx in range(len(lines_of) - 1, -1, -1):
        stop = False
        for l_idx in range(len(lines_of[p_idx]) - 1, -1, -1):
            if verdicts[p_idx][l_idx] is None:
                verdicts[p_idx][l_idx] = line_rule(lines_of[p_idx][l_idx], rules, at_end=True)
            if verdicts[p_idx][l_idx] is None:
                stop = True
                break
        if stop:
            break
    results: list[tuple[str, list[LineRemoval]]] = []
    for lines, rules_hit in zip(lines_of, verdicts, strict=True):
        kept: list[str] = []
        removals: list[LineRemoval] = []
        whole = bool(lines) and all(rule is not None for rule in rules_hit)
        for i, (line, rule) in enumerate(zip(lines, rules_hit, strict=True)):
            if rule is not None:
                removals.append(LineRemoval(line, rule.name, not whole))
                continue
            if not kept and not any(r is None for r in rules_hit[:i]):
                line, removal = _strip_prefix(line, rules)
                if removal:
                    removals.append(removal)
            line, removal = _strip_tail(line, rules)
            if removal:
                removals.append(removal)
            if line.strip():
                kept.append(line.strip())
        if not kept and removals:
            removals = [LineRemoval(r.text, r.rule, False) for r in removals]
        results.append(("\n".join(kept), removals))
    return results
