"""Learned post-edit rules for Apertium's English: token rewrites in context, shipped as data.

A rule rewrites up to 3 tokens (`old`, possibly none: an insertion) into up to 3 tokens (`new`,
possibly none: a deletion) where they follow the `left` tokens and precede the `right` tokens
(lower-case match; the first word's capital is kept). Rules are learned by
scripts/learn_postedit.py from (chain output, reference English) pairs of data whose licence
allows shipping the result, each kept only if it raised BLEU on held-out data; the file
`translate/data/postedit_rules.json` carries its provenance and a version that enters the
backend's signature. Rules apply left to right, each position rewritten at most once, in
file order (the learner's order of gain). Then the fixed families a chain lists (`POSTEDITS`:
translate/tense.py, translate/typography.py), each measured like the pre-edits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from precis.errors import InputError
from precis.registry import Registry
from precis.translate.tense import simple_past
from precis.translate.typography import english_typography

RULES_RESOURCE = "postedit_rules.json"
PostEdit = Callable[[str], str]
# Fixed (written, not learned) post-edit families, applied after the learned rules.
POSTEDITS: Registry[PostEdit] = Registry("post-edit")
POSTEDITS.add("simple-past", simple_past)
POSTEDITS.add("typography", english_typography)
MAX_EDIT_TOKENS = 3
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%")
_SPACE_RUN = re.compile(" {2,}")
_NUMBER_GAPS = re.compile(r"(\d) ?([.,:]) ?(\d)")


@dataclass(frozen=True)
class Rule:
    left: tuple[str, ...]
    old: tuple[str, ...]
    right: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def pattern(self) -> tuple[str, ...]:
        return self.left + self.old + self.right

    def to_dict(self) -> dict[str, list[str]]:
        return {k: list(getattr(self, k)) for k in ("left", "old", "right", "new")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rule:
        parts = {k: tuple(str(t) for t in data.get(k, ())) for k in ("left", "old", "right", "new")}
        rule = cls(**parts)
        if not rule.pattern or len(rule.old) > MAX_EDIT_TOKENS or len(rule.new) > MAX_EDIT_TOKENS:
            raise InputError(f"post-edit rule {data!r}: empty pattern or more than 3 tokens")
        return rule

    def __str__(self) -> str:
        left = " ".join(self.left)
        right = " ".join(self.right)
        return f"{left} [{' '.join(self.old)} -> {' '.join(self.new)}] {right}".strip()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(lower-case token, start, end) for each word or punctuation mark."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def render(tokens: Sequence[str], capital: bool) -> str:
    """Tokens as text: no space before closing punctuation, none inside numbers ("3.5")."""
    out = ""
    for token in tokens:
        out += token if not out or token in _NO_SPACE_BEFORE else " " + token
    out = _NUMBER_GAPS.sub(r"\1\2\3", out)
    return out[:1].upper() + out[1:] if capital and out else out


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    version: str
    provenance: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def index(self) -> dict[str, list[Rule]]:
        return index_rules(self.rules)

    def apply(self, text: str) -> str:
        return apply_rules(text, self.index)


def index_rules(rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """First pattern token -> rules starting with it, in order."""
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        index.setdefault(rule.pattern[0], []).append(rule)
    return index


def apply_rules(text: str, index: dict[str, list[Rule]]) -> str:
    """Apply indexed rules (first token -> rules) to one sentence."""
    tokens = tokenize(text)
    words = [t[0] for t in tokens]
    edits: list[tuple[int, int, str]] = []  # (char start, char end, replacement)
    i = 0
    while i < len(words):
        nxt = i + 1
        for rule in index.get(words[i], ()):
            if tuple(words[i : i + len(rule.pattern)]) != rule.pattern:
                continue
            a = i + len(rule.left)  # first token of `old` (or the insertion point)
            b = a + len(rule.old)
            edits.append(_edit(text, tokens, a, b, rule.new))
            nxt = max(b, i + 1)  # the right context may start the next match
            break
        i = nxt
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return _SPACE_RUN.sub(" ", text).strip(" ")


def _edit(
    text: str, tokens: list[tuple[str, int, int]], a: int, b: int, new: tuple[str, ...]
) -> tuple[int, int, str]:
    if b > a:  # replace or delete tokens a..b-1
        start, end = tokens[a][1], tokens[b - 1][2]
        capital = text[start].isupper()
        rendered = render(new, capital)
        if not rendered:  # a deletion takes one neighbouring space with it
            if end < len(text) and text[end] == " ":
                end += 1
            elif start > 0 and text[start - 1] == " ":
                start -= 1
        elif new[0] in _NO_SPACE_BEFORE and start > 0 and text[start - 1] == " ":
            start -= 1
        return start, end, rendered
    rendered = render(new, False)
    if new[0] in _NO_SPACE_BEFORE and a > 0:  # punctuation joins the token before it
        at = tokens[a - 1][2]
        return at, at, rendered
    at = tokens[a][1] if a < len(tokens) else len(text)  # insert before token a
    return at, at, rendered + " "


def apply_postedits(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = POSTEDITS.get(name)(text)
    return text


def load_rules(path: str | Path | None = None) -> RuleSet:
    """The shipped rule file (or `path`): rules, version and provenance."""
    if path is None:
        text = (
            resources.files("precis.translate").joinpath("data", RULES_RESOURCE).read_text("utf-8")
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    rules = tuple(Rule.from_dict(item) for item in data.get("rules", ()))
    return RuleSet(rules, str(data.get("version", "unversioned")), dict(data.get("provenance", {})))


def dump_rules(rules: Sequence[Rule], version: str, provenance: dict[str, Any], path: Path) -> None:
    data = {
        "version": version,
        "provenance": provenance,
        "rules": [rule.to_dict() for rule in rules],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
