"""Layer 1b of risk detection: a small learned classifier beside the deterministic screen.

The screen's patterns catch plain and common phrasing; blind sets showed they miss much indirect
language. This classifier learns from fictional messages written for the project
(`data/risk_training/*.yml`, never any evaluation set), on word and character n-grams of the
screen's normalised text. It runs in the bot's own process, so it works when Rasa, the action
server or the database is down, and it is deterministic: the same files give the same model.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from companion.safety.screen import canonical_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TRAINING_DIR = PROJECT_ROOT / "data" / "risk_training"
NLU_DIR = PROJECT_ROOT / "nlu"
# Rasa intents whose examples are not everyday non-risk talk: the crisis intent itself, and
# asking for a person (sometimes said in distress).
NOT_EVERYDAY_INTENTS = frozenset({"express_crisis", "request_human"})
_ENTITY = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    """One labelled training message."""

    text: str
    risk: bool


class RiskClassifier:
    """Probability that a message shows risk; pure once trained."""

    def __init__(self, pipeline: Pipeline, fingerprint: str) -> None:
        self._pipeline = pipeline
        self.fingerprint = fingerprint

    def probability(self, text: str) -> float:
        """Risk probability of one message (0 to 1)."""
        return float(self._pipeline.predict_proba([canonical_text(text)])[0][1])

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Risk probabilities of many messages at once (faster than one by one)."""
        if not texts:
            return []
        rows = self._pipeline.predict_proba([canonical_text(t) for t in texts])
        return [float(row[1]) for row in rows]


def read_examples(paths: Iterable[Path]) -> list[Example]:
    """Examples from YAML files with `risk` and `non_risk` lists (other keys are ignored)."""
    examples: list[Example] = []
    for path in sorted(paths):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        examples += [Example(str(m), True) for m in data.get("risk", []) or []]
        examples += [Example(str(m), False) for m in data.get("non_risk", []) or []]
    return examples


def read_everyday_examples(paths: Iterable[Path]) -> list[Example]:
    """Non-risk examples from Rasa NLU files: what clients say to the bot every day.

    Without them the classifier only knew the hard cases and took short everyday replies
    ("no", "hi there") for risk.
    """
    examples: list[Example] = []
    for path in sorted(paths):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []) or []:
            if block.get("intent") in NOT_EVERYDAY_INTENTS or "examples" not in block:
                continue
            for line in str(block["examples"]).splitlines():
                text = _ENTITY.sub(r"\1", line.strip().removeprefix("- ").strip())
                if text:
                    examples.append(Example(text, False))
    return examples


def project_examples() -> list[Example]:
    """The classifier's training data: data/risk_training plus the NLU's everyday intents."""
    return read_examples(TRAINING_DIR.glob("*.yml")) + read_everyday_examples(NLU_DIR.glob("*.yml"))


def train(examples: Sequence[Example]) -> RiskClassifier:
    """Fit the classifier; deterministic for the same examples."""
    if not any(e.risk for e in examples) or all(e.risk for e in examples):
        raise ValueError("training needs both risk and non-risk examples")
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
                ),
            ),
        ]
    )
    model = LogisticRegression(C=16.0, class_weight="balanced", max_iter=2000)
    pipeline = Pipeline([("features", features), ("model", model)])
    texts = [canonical_text(e.text) for e in examples]
    pipeline.fit(texts, [int(e.risk) for e in examples])
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{int(example.risk)}\t{example.text}\n".encode())
    return RiskClassifier(pipeline, digest.hexdigest()[:16])


@functools.cache
def default_classifier() -> RiskClassifier:
    """The classifier trained on the project's training files (trained once per process)."""
    return train(project_examples())
