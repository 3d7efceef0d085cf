"""The learned scorer of the extractive summarizer: features, the shipped weights, predictions.

Two LightGBM models, trained by `scripts/train_extractive.py` on the OrangeSum train split
(never on the test split that `orangesum-dev` samples) and shipped in `summarize/data/`:

- the sentence model predicts a sentence's ROUGE-1 F1 against the reference abstract from its
  position, length and lexical features (`sentence_features`);
- the word model predicts, for each word type of the article, the probability that the
  reference abstract contains it (`word_features`), from its counts and first position in the
  article, a prior learned over the train split (how often the reference keeps that word when
  the article has it), the identity of the 100 most frequent words (`Prior.word_code`) and the
  sentence model's scores of the sentences that hold it.

A summary's expected ROUGE-1 F1 is then `2 * expected matches / (its tokens + the expected
reference tokens)`, where a word type the summary has `n` times matches `min(n, its count in the
reference)` times: `p(t) * (1 + sum over k = 2..n of P(the reference has t k times or more | it
has t))`, the repeat rates learned over the train split's references (`Prior.repeats`: 69% of
the references that have "de" have it twice or more). `learned_extractive.py` picks the
sentence versions that maximize it within the budget. Word types are the ROUGE tokens of
`precis.eval` (NFC, lower case, accents kept, apostrophes split), so the model learns what
ROUGE counts.

`MODEL_CARD` (in the data folder) names the training data, date and script version; they go
into every summary's details (`signature`).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from precis.errors import PrecisError
from precis.eval.tokenizers import NORMAL_FORM, WORD_RE
from precis.summarize.terms import STOPWORDS

DATA_PACKAGE = "precis.summarize.data"
SENTENCE_MODEL = "sentence_model.txt.gz"
WORD_MODEL = "word_model.txt.gz"
PRIOR_TABLE = "word_prior.json.gz"
MODEL_CARD = "model_card.json"
PRIOR_SMOOTHING = 5.0  # pseudo-documents pulling a rare word's keep rate toward the mean
MAX_REPEATS = 4  # repeat rates are learned up to this count (more is rare in a 32-word abstract)
REPEAT_SMOOTHING = 20.0  # pseudo-references pulling a word's repeat rates toward 0
# The word model sees the identity of the most frequent words (a LightGBM categorical
# feature: "de", "la", "a", "été", ...), the others share one code: +0.12 R1 on valid
# 300-1299 (+0.24 with the sm parser), +0.27 on dev
COMMON_WORDS = 100
QUOTES = ("«", "»", '"', "“", "”")


@dataclass(frozen=True)
class Tokens:
    """The ROUGE tokens of a sentence (lower case) and whether each was capitalized."""

    lower: tuple[str, ...]
    capitalized: tuple[bool, ...]

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.lower)


def tokenize(text: str) -> Tokens:
    import unicodedata

    raw = WORD_RE.findall(unicodedata.normalize(NORMAL_FORM, text))
    return Tokens(tuple(t.lower() for t in raw), tuple(t[:1].isupper() for t in raw))


@dataclass(frozen=True)
class Prior:
    """Over the train split: in how many articles each word occurs (`df`), and in how many of
    those the reference abstract has it too (`kept`); `base` is the overall keep rate.
    `repeats[w][k - 1]`: the references that have w at least k times (k = 1..MAX_REPEATS), for
    the words some reference repeats."""

    df: dict[str, int]
    kept: dict[str, int]
    base: float
    articles: int
    repeats: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def rate(self, word: str) -> float:
        df = self.df.get(word, 0)
        return (self.kept.get(word, 0) + PRIOR_SMOOTHING * self.base) / (df + PRIOR_SMOOTHING)

    def log_df(self, word: str) -> float:
        return math.log1p(self.df.get(word, 0))

    @functools.cached_property
    def common(self) -> dict[str, int]:
        """The COMMON_WORDS words in most train articles (ties by spelling), each its code."""
        ranked = sorted(self.df, key=lambda w: (-self.df[w], w))[:COMMON_WORDS]
        return {w: i for i, w in enumerate(ranked)}

    def word_code(self, word: str) -> int:
        """The word's code for the word model: its rank among the common words, or
        COMMON_WORDS for every other word."""
        return self.common.get(word, COMMON_WORDS)

    def repeat_rate(self, word: str, k: int) -> float:
        """P(a reference has `word` at least k times | it has it), smoothed toward 0."""
        counts = self.repeats.get(word)
        if counts is None or k > len(counts):
            return 0.0
        return counts[k - 1] / (counts[0] + REPEAT_SMOOTHING)

    def expected_matches(self, counts: Mapping[str, int], prob: Mapping[str, float]) -> float:
        """The expected ROUGE-1 matches of a text with these token counts, given each word's
        probability `prob` of being in the reference: a word the text has n times matches
        min(n, its count in the reference) times."""
        total = 0.0
        for word, n in counts.items():
            p = prob.get(word, 0.0)
            if p:
                extra = sum(self.repeat_rate(word, k) for k in range(2, min(n, MAX_REPEATS) + 1))
                total += p * (1.0 + extra)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "articles": self.articles,
            "words": {w: [d, self.kept.get(w, 0)] for w, d in self.df.items()},
            "repeats": {w: list(c) for w, c in self.repeats.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Prior:
        words = data["words"]
        return cls(
            df={w: v[0] for w, v in words.items()},
            kept={w: v[1] for w, v in words.items() if v[1]},
            base=float(data["base"]),
            articles=int(data["articles"]),
            repeats={w: tuple(c) for w, c in data.get("repeats", {}).items()},
        )


SENTENCE_FEATURES = (
    "position",
    "relative_position",
    "sentences",
    "words",
    "tokens",
    "paragraph",
    "position_in_paragraph",
    "mean_log_tf_elsewhere",
    "mean_prior",
    "sum_prior",
    "max_prior",
    "overlap_first",
    "has_quote",
    "starts_quote",
    "has_digit",
    "question",
    "capitalized_share",
    "stopword_share",
)


def sentence_features(
    sentences: list[Tokens],
    words: list[int],
    paragraphs: list[int],
    prior: Prior,
    texts: list[str],
) -> list[list[float]]:
    """One row of SENTENCE_FEATURES per sentence of the article (in order)."""
    from collections import Counter

    n = len(sentences)
    tf: Counter[str] = Counter()
    for s in sentences:
        tf.update(s.lower)
    first = sentences[0].types if sentences else frozenset()
    rows: list[list[float]] = []
    start_of: dict[int, int] = {}
    for i, (s, text) in enumerate(zip(sentences, texts, strict=True)):
        para = paragraphs[i]
        start_of.setdefault(para, i)
        own: Counter[str] = Counter(s.lower)
        # first-occurrence order, not a set's: float sums must not depend on hash order, so
        # that scripts/train_extractive.py reproduces the shipped weights exactly
        content = [t for t in dict.fromkeys(s.lower) if t not in STOPWORDS]
        rates = [prior.rate(t) for t in content] or [0.0]
        elsewhere = [math.log1p(tf[t] - own[t]) for t in content] or [0.0]
        union = len(s.types | first) or 1
        caps = sum(s.capitalized[1:])
        stripped = text.strip()
        rows.append(
            [
                i,
                i / max(1, n - 1),
                n,
                words[i],
                len(s.lower),
                para,
                i - start_of[para],
                sum(elsewhere) / len(elsewhere),
                sum(rates) / len(rates),
                sum(rates),
                max(rates),
                len(s.types & first) / union,
                float(any(q in text for q in QUOTES)),
                float(stripped[:1] in QUOTES),
                float(any(c.isdigit() for c in text)),
                float(stripped.endswith("?")),
                caps / max(1, len(s.lower) - 1),
                sum(t in STOPWORDS for t in s.lower) / max(1, len(s.lower)),
            ]
        )
    return rows


WORD_FEATURES = (
    "log_tf",
    "first_sentence",
    "first_relative",
    "first_token",
    "in_first_sentence",
    "in_first_three",
    "stopword",
    "digit",
    "capitalized_share",
    "chars",
    "prior",
    "log_df",
    "max_sentence_score",
    "first_sentence_score",
    "sentence_share",
    "sentences",
    "log_tokens",
    "word",  # categorical: Prior.word_code
)
CATEGORICAL_WORD_FEATURES = ("word",)


def word_features(
    sentences: list[Tokens], scores: list[float], prior: Prior
) -> tuple[list[str], list[list[float]]]:
    """The article's word types (first occurrence order) and one row of WORD_FEATURES each."""
    n = len(sentences)
    info: dict[str, list[float]] = {}  # tf, first sentence, first token, caps, in sentences...
    offset = 0
    for i, s in enumerate(sentences):
        for j, (t, cap) in enumerate(zip(s.lower, s.capitalized, strict=True)):
            row = info.get(t)
            if row is None:
                # tf, first sentence, first token, capitalized, in first, in first 3, max score,
                # first score, sentences holding it, last sentence seen
                row = info[t] = [0, i, offset + j, 0, 0, 0, scores[i], scores[i], 0, -1]
            row[0] += 1
            row[3] += cap and j > 0
            row[4] += i == 0
            row[5] += i < 3
            if row[9] != i:
                row[6] = max(row[6], scores[i])
                row[8] += 1
                row[9] = i
        offset += len(s.lower)
    types = list(info)
    log_tokens = math.log1p(offset)
    rows = [
        [
            math.log(r[0]),
            r[1],
            r[1] / max(1, n - 1),
            math.log1p(r[2]),
            r[4],
            r[5],
            float(t in STOPWORDS),
            float(t.isdigit()),
            r[3] / r[0],
            len(t),
            prior.rate(t),
            prior.log_df(t),
            r[6],
            r[7],
            r[8] / n,
            n,
            log_tokens,
            prior.word_code(t),
        ]
        for t, r in ((t, info[t]) for t in types)
    ]
    return types, rows


@dataclass(frozen=True)
class LearnedModel:
    """The shipped models, the word prior and the model card (data, date, script version)."""

    sentence: Any  # lightgbm.Booster
    word: Any  # lightgbm.Booster
    prior: Prior
    card: dict[str, Any]

    @property
    def signature(self) -> str:
        c = self.card
        return (
            f"extractive-learned|data:{c['data']}|articles:{c['articles']}|"
            f"trained:{c['trained']}|script:{c['script']}|lightgbm:{c['lightgbm']}"
        )

    def sentence_scores(self, rows: list[list[float]]) -> list[float]:
        import numpy as np

        return [
            float(x) for x in self.sentence.predict(np.asarray(rows, dtype=float), num_threads=1)
        ]

    def word_probabilities(self, rows: list[list[float]]) -> list[float]:
        import numpy as np

        if not rows:
            return []
        return [float(x) for x in self.word.predict(np.asarray(rows, dtype=float), num_threads=1)]


def _read(name: str) -> bytes:
    try:
        return resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise PrecisError(
            f"the extractive model file {name} is missing from {DATA_PACKAGE}: reinstall precis "
            "or rebuild it with scripts/train_extractive.py"
        ) from exc


@functools.lru_cache(maxsize=1)
def load_model() -> LearnedModel:
    """The shipped model (loaded once per process)."""
    import lightgbm

    card = json.loads(_read(MODEL_CARD).decode("utf-8"))
    sentence = lightgbm.Booster(model_str=gzip.decompress(_read(SENTENCE_MODEL)).decode())
    word = lightgbm.Booster(model_str=gzip.decompress(_read(WORD_MODEL)).decode())
    prior = Prior.from_dict(json.loads(gzip.decompress(_read(PRIOR_TABLE))))
    return LearnedModel(sentence, word, prior, card)
