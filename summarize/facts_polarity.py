"""Polarity facts: negations and antonym or reversal poles.

- A negation ("ne ... pas/plus/jamais/rien/guère/aucun/personne", "sans", "aucun", "jamais")
  is the fact ``neg:<term>``, the term being the first content word it bears on ("n'a pas
  signé" -> "neg:sign"; "neg:pas" when none is found: "n'est pas sur le point de"). A text
  that repeats the sentence without the negation says the opposite: removing "Le maire a
  signé" next to "Le maire n'a pas signé" is a conflict.
- A pole word is the fact ``pole:<group>:<pole>``: "hausse", "augmenté" are
  "pole:direction:up", "baisse", "recul" "pole:direction:down". A text states a pole when it
  has a word of the same pole (paraphrases meet: "augmentation" states "hausse").
"""

from __future__ import annotations

import functools
import re

from precis.summarize.facts_base import Fact, FamilyDefaults, fold_same_length
from precis.summarize.terms import term
from precis.text.sentences import sentence_spans, split_sentences

# group -> pole -> regex alternatives on folded lowercase text (word-bounded).
POLES: dict[str, dict[str, str]] = {
    "direction": {
        "up": r"hausses?|augment\w*|progress\w*|croissance|accroissement|grimp\w*|bondi\w*",
        "down": r"baiss\w*|diminu\w*|recul\w*|chutes?|chut(?:e|ent|ait|er|era)|repli\w*"
        r"|decroissance|reduction|redui\w*|effondr\w*",
    },
    "comparative": {"more": r"plus|davantage|supplementaires?", "less": r"moins"},
    "admit": {
        "admit": r"reconn(?:u|ue|us|ues|ait|aissent|aissait|aitre|aissant)|avou\w*",
        "deny": r"nie(?:s|nt|r|ra|rait|ait|aient)?|niee?s?|contest\w*",
    },
    "confirm": {"confirm": r"confirm\w*", "deny": r"dement(?:i|ie|is|ies|ent|ait|ir)?"},
    "vote": {"adopt": r"adopt\w*|approuv\w*", "reject": r"rejet\w*|rejett\w*"},
    "verdict": {
        "guilty": r"condamn\w*|coupables?",
        "acquit": r"acquitt\w*|relax(?:e|ee|es|ees|er)|innocente?s?|blanchie?s?",
    },
    "custody": {
        "held": r"garde a vue|ecroue\w*|incarcer\w*|interpell\w*|detenue?s?",
        "freed": r"remise?s? en liberte|liber(?:e|ee|es|ees|er|era|ation)|relach\w*",
    },
    "win": {
        "win": r"gagn\w*|victoires?|remport\w*|vainqueurs?",
        "lose": r"perd\w*|defaites?",  # not "battu": a record is beaten too
    },
    "open": {
        "open": r"ouvert\w*|ouvr(?:e|ent|ir|ira|iront|ait|ant)",
        "close": r"ferm(?:e|ee|es|ees|er|era|eront|ait|ent|eture|etures)",
    },
    "allow": {"allow": r"autoris\w*|permise?s?", "forbid": r"interdi\w*"},
    "accept": {"accept": r"accept\w*", "refuse": r"refus\w*"},
    "favor": {"favorable": r"favorables?", "unfavorable": r"defavorables?"},
    "success": {"success": r"succes|reussi\w*", "failure": r"echecs?|echou\w*"},
    "majority": {"majority": r"majorit\w*", "minority": r"minorit\w*"},
    "possible": {"possible": r"possibles?", "impossible": r"impossibles?"},
    "legal": {"legal": r"legal\w*", "illegal": r"illegal\w*"},
    "extent": {"maximum": r"maxim\w*", "minimum": r"minim\w*"},
}
_POLE_PATTERNS = [
    (f"pole:{group}:{pole}", re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])"))
    for group, poles in POLES.items()
    for pole, alt in poles.items()
]
NEGATION_PARTICLES = frozenset(
    {"pas", "plus", "jamais", "rien", "guere", "point", "aucun", "aucune", "personne", "nullement"}
)
STANDALONE_NEGATIONS = frozenset({"sans", "aucun", "aucune", "jamais", "nul", "nulle"})
# Auxiliaries and modals: a negation bears on the word after them ("ne suis pas ouvert").
_AUXILIARIES_TEXT = """
    suis es est sommes etes sont ai as avons avez ont etais etait etions etiez etaient avais
    avait avions aviez avaient serai seras sera serons serez seront aurai auras aura aurons
    aurez auront serais serait serions seraient aurais aurait aurions auraient fus fut furent
    eut eurent ete etre avoir soit soient ait aient peux peut pouvons pouvez peuvent pourra
    pourront pourrait pourraient dois doit devons devez doivent devra devront devrait vais vas
    va allons allez vont faut fallait faudra
"""
AUXILIARIES = frozenset(_AUXILIARIES_TEXT.split())
NEGATION_REACH = 4  # tokens between "ne" and its particle
ANCHOR_REACH = 4  # tokens after the particle where the negated word is looked for
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BREAK = re.compile(r"[.;:!?()«»\"]")  # a negation's scope ends at a clause break


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(folded):
        word = m.group(0)
        if word == "n" and folded[m.end() : m.end() + 1] == "'":
            word = "ne"
        out.append((word, m.start(), m.end()))
    return out


def _anchor(
    text: str, tokens: list[tuple[str, int, int]], start: int, stop: int
) -> tuple[str | None, int]:
    """The first content term in tokens[start:stop] before a clause break, and its index
    (None, -1 when there is none)."""
    for k in range(start, min(stop, len(tokens))):
        word = tokens[k][0]
        if k > start and _BREAK.search(text, tokens[start][1], tokens[k][1]):
            break
        if word in NEGATION_PARTICLES or word == "ne" or not word.isalpha():
            continue  # a number is not what a negation bears on
        if word in AUXILIARIES or word.endswith("ment"):
            continue  # "je ne suis ouvert à rien", "n'est simplement pas possible"
        if text[tokens[k][1]].isupper():
            continue  # nor a name
        t = term(word)
        if t:
            return t, k
    return None, -1


def _pole_of(word: str) -> tuple[str, str] | None:
    """(group, pole) of a pole word."""
    for value, pattern in _POLE_PATTERNS:
        if pattern.fullmatch(word):
            _, group, pole = value.split(":")
            return group, pole
    return None


def _negated_value(word: str, anchor: str) -> str:
    """'neg:<term>', or the opposite pole for a negated pole word ("n'acceptera pas" is
    "refusera": pole:accept:refuse)."""
    found = _pole_of(word)
    if found:
        group, pole = found
        others = [p for p in POLES[group] if p != pole]
        if len(others) == 1:
            return f"pole:{group}:{others[0]}"
    return f"neg:{anchor}"


CLAUSE_REACH = NEGATION_REACH + 2  # tokens between a particle and a "ne" after it


def _before(text: str, tokens: list[tuple[str, int, int]], i: int) -> list[int]:
    """Indices of the tokens before tokens[i] in its clause, nearest first."""
    out = []
    for j in range(i - 1, max(-1, i - 1 - CLAUSE_REACH), -1):
        if _BREAK.search(text, tokens[j][2], tokens[i][1]):
            break
        out.append(j)
    return out


def _after(text: str, tokens: list[tuple[str, int, int]], i: int) -> list[int]:
    """Indices of the tokens after tokens[i] in its clause, nearest first."""
    out = []
    for j in range(i + 1, min(len(tokens), i + 1 + CLAUSE_REACH)):
        if _BREAK.search(text, tokens[i][2], tokens[j][1]):
            break
        out.append(j)
    return out


def _negation_at(
    text: str, tokens: list[tuple[str, int, int]], i: int
) -> tuple[int, int, str, str] | None:
    """A negation starting at tokens[i]: (last token of its scope, particle's offset or -1,
    its value, its anchor term)."""
    word = tokens[i][0]
    if word == "ne":
        stop = min(i + 1 + NEGATION_REACH, len(tokens))
        particle = next((k for k in range(i + 1, stop) if tokens[k][0] in NEGATION_PARTICLES), None)
        if particle is None:  # "Personne ne sait", "jamais depuis 1976 l'Orb n'avait"
            particle = next(
                (j for j in _before(text, tokens, i) if tokens[j][0] in NEGATION_PARTICLES), None
            )
        if particle is None:
            return None
        # between "ne" and "pas", or between "Aucun" and "ne" ("Aucun blessé n'est...")
        anchor, k = _anchor(text, tokens, *sorted((i + 1, particle + 1)))
        if anchor is None:
            after = max(particle, i)
            anchor, k = _anchor(text, tokens, after, after + 1 + ANCHOR_REACH)
        end = max(k, particle, i, min(particle + ANCHOR_REACH, len(tokens) - 1))
        while end > particle and _BREAK.search(text, tokens[particle][2], tokens[end][1]):
            end -= 1
        last = tokens[particle][0]
    elif word in STANDALONE_NEGATIONS:
        if any(tokens[j][0] == "ne" for j in _after(text, tokens, i)):
            return None  # "jamais ... n'avait": the "ne" that follows reads it
        anchor, k = _anchor(text, tokens, i, i + 1 + ANCHOR_REACH)
        end, particle, last = max(k, i), -1, word
    else:
        return None
    if anchor is None:  # no content word found: the negation bears on the whole clause
        return end, particle if particle < 0 else tokens[particle][1], f"neg:{last}", ""
    offset = particle if particle < 0 else tokens[particle][1]
    return end, offset, _negated_value(tokens[k][0], anchor), anchor


def _negations(text: str) -> tuple[list[tuple[str, str, str]], list[tuple[int, int]]]:
    """(value, surface, anchor) of each negation, and the spans of their scopes (pole words in
    a scope belong to the negation: "n'acceptera pas d'ouvrir" is one fact)."""
    tokens = _tokens(fold_same_length(text))
    found: list[tuple[str, str, str]] = []
    scopes: list[tuple[int, int]] = []
    particles: set[int] = set()
    i = 0
    while i < len(tokens):
        hit = _negation_at(text, tokens, i) if tokens[i][1] not in particles else None
        if hit is None:
            i += 1
            continue
        end, particle, value, anchor = hit
        particles.add(particle)
        start = min(tokens[i][1], particle) if particle >= 0 else tokens[i][1]
        found.append((value, text[start : tokens[end][2]], anchor))
        scopes.append((start, tokens[end][2]))
        i = max(end, i) + 1  # a scope may end before "ne" ("Personne ne"): always move on
    return found, scopes


def _particles(text: str) -> set[int]:
    """Offsets of the words "plus", "jamais", ... that close a "ne": negation, not poles."""
    tokens = _tokens(fold_same_length(text))
    return {
        tokens[k][1]
        for i, (word, _, _) in enumerate(tokens)
        if word == "ne"
        for k in range(i + 1, min(i + 1 + NEGATION_REACH, len(tokens)))
        if tokens[k][0] in NEGATION_PARTICLES
    }


def _poles(text: str, scopes: list[tuple[int, int]]) -> list[tuple[str, str]]:
    folded = fold_same_length(text)
    particles = _particles(text)
    found = [
        (m.start(), value, text[m.start() : m.end()])
        for value, pattern in _POLE_PATTERNS
        for m in pattern.finditer(folded)
        if m.start() not in particles
        and (value.startswith(SCOPE_KEEPS) or not any(a <= m.start() < b for a, b in scopes))
    ]
    return [(value, surface) for _, value, surface in sorted(found)]


def _polarity(text: str) -> list[tuple[str, str, str]]:
    negations, scopes = _negations(text)
    return negations + [(value, surface, "") for value, surface in _poles(text, scopes)]


# Pole words inside a negation's scope belong to it ("n'acceptera pas d'ouvrir"), except
# quantities: "ils ne sont pas en dessous non plus" still says "plus".
SCOPE_KEEPS = ("pole:comparative:",)
CONFLICT_OVERLAP = 0.5  # share of a kept sentence's terms that the repeating sentence has


def _sentence_terms(text: str, offset: int) -> frozenset[str]:
    """The terms of the sentence of `text` that holds `offset`."""
    for span in sentence_spans(text):
        if span.start <= offset < span.end:
            return _terms(text[span.start : span.end])
    return _terms(text)


@functools.lru_cache(maxsize=1 << 14)
def _terms(text: str) -> frozenset[str]:
    return frozenset(t for w, _, _ in _tokens(fold_same_length(text)) if (t := term(w)))


class PolarityFamily(FamilyDefaults):
    name = "polarity"
    counted = False  # a restatement may say "les plus exposés, les plus de 65 ans" once more

    def facts(self, text: str, lexicon: frozenset[str] = frozenset()) -> list[Fact]:
        return [Fact(self.name, v, surface, anchor) for v, surface, anchor in _polarity(text)]

    def statements(self, text: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for value, surface, _ in _polarity(text):
            out.setdefault(value, surface)
        return out

    def conflicts(self, text: str, other: str) -> list[str]:
        """`other` negates, in a sentence that `text` repeats, a word that `text` uses
        without negating it ("Le maire n'a pas signé" against "Le maire a signé")."""
        own = {value for value, _, _ in _negations(text)[0]}
        negations, scopes = _negations(other)
        found = []
        for (value, surface, anchor), (start, _) in zip(negations, scopes, strict=True):
            if value in own or not value.startswith("neg:"):
                continue
            if anchor and anchor not in _terms(text):
                continue
            sentence = _sentence_terms(other, start)
            if any(
                (not anchor or anchor in mine)
                and len(sentence & mine) >= CONFLICT_OVERLAP * len(sentence)
                for mine in (_terms(s) for s in split_sentences(text))
            ):
                found.append(f"« {surface} »")
        return found

    def relevant(self, fact: Fact, other: str) -> bool:
        """A negation is checked where the other text uses the word it bears on (always,
        when no content word tells what it bears on)."""
        return not fact.value.startswith("neg:") or not fact.anchor or fact.anchor in _terms(other)


POLARITY = PolarityFamily()
