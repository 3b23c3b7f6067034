"""Layer 1b of risk detection: a small learned classifier beside the deterministic screen.

The screen's patterns catch plain and common phrasing; blind sets showed they miss much indirect
language. This classifier is a logistic regression on TF-IDF word 1-2-grams and character
2-5-grams (inside word boundaries) of the screen's normalised text. It is trained by
`companion model risk` (companion/safety/classifier_training.py, with scikit-learn) and shipped
as `data/risk_classifier.json.gz`; here it is scored in plain Python, exactly as scikit-learn's
TfidfVectorizer and LogisticRegression would, so the bot starts fast, stays small and imports
neither scikit-learn nor SciPy. It runs in the bot's own process, so it works when Rasa, the
action server or the database is down, and it is deterministic.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from companion.safety.screen import canonical_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WEIGHTS_PATH = PROJECT_ROOT / "data" / "risk_classifier.json.gz"
WEIGHTS_FORMAT = 1
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
# scikit-learn's default token pattern: words of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams as TfidfVectorizer(ngram_range=(1, 2)) makes them."""
    tokens = _TOKEN.findall(text.lower())
    grams = list(tokens)
    for n in range(WORD_NGRAMS[0] + 1, WORD_NGRAMS[1] + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def char_ngrams(text: str) -> list[str]:
    """Character n-grams inside word boundaries, as TfidfVectorizer(analyzer="char_wb")."""
    grams: list[str] = []
    low, high = CHAR_NGRAMS
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:  # a short word is counted once, whole
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


class _Block:
    """One TF-IDF vectorizer's vocabulary with each term's idf and model coefficient."""

    def __init__(self, terms: Sequence[str], idf: Iterable[float], coef: Iterable[float]) -> None:
        self._index = {term: i for i, term in enumerate(terms)}
        self._idf = array("d", idf)
        self._coef = array("d", coef)
        if not len(self._idf) == len(self._coef) == len(self._index):
            raise ValueError("weights file is inconsistent")

    def score(self, grams: Iterable[str]) -> float:
        """Sum of coefficient x l2-normalised sublinear tf-idf over the known n-grams."""
        dot = norm = 0.0
        for gram, count in Counter(grams).items():
            i = self._index.get(gram)
            if i is None:
                continue
            weight = (math.log(count) + 1.0) * self._idf[i]
            dot += weight * self._coef[i]
            norm += weight * weight
        return dot / math.sqrt(norm) if norm else 0.0


class RiskClassifier:
    """Probability that a message shows risk; pure."""

    def __init__(self, words: _Block, chars: _Block, intercept: float, fingerprint: str) -> None:
        self._words = words
        self._chars = chars
        self._intercept = intercept
        self.fingerprint = fingerprint

    @classmethod
    def from_weights(cls, data: dict[str, Any]) -> RiskClassifier:
        """Build from the JSON data `companion model risk` writes."""
        if data.get("format") != WEIGHTS_FORMAT:
            raise ValueError(f"unknown risk weights format {data.get('format')!r}")
        words, chars = data["words"], data["chars"]
        return cls(
            _Block(words["terms"], words["idf"], words["coef"]),
            _Block(chars["terms"], chars["idf"], chars["coef"]),
            float(data["intercept"]),
            str(data["fingerprint"]),
        )

    def probability(self, text: str) -> float:
        """Risk probability of one message (0 to 1)."""
        return self.probability_of_canonical(canonical_text(text))

    def probability_of_canonical(self, canonical: str) -> float:
        """Risk probability of a message already in `canonical_text` form."""
        z = (
            self._intercept
            + self._words.score(word_ngrams(canonical))
            + self._chars.score(char_ngrams(canonical))
        )
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Risk probabilities of many messages."""
        return [self.probability(text) for text in texts]


def load_classifier(path: Path = WEIGHTS_PATH) -> RiskClassifier:
    """Read a weights file written by `companion model risk`."""
    return RiskClassifier.from_weights(json.loads(gzip.decompress(path.read_bytes())))


@functools.cache
def default_classifier() -> RiskClassifier:
    """The shipped classifier (read once per process, about 0.1 s)."""
    return load_classifier()
