"""Training the learned risk classifier (layer 1b) and writing the weights the bot ships.

The bot never trains at start-up: `companion model risk` fits the model here with scikit-learn
and writes `data/risk_classifier.json.gz` (a generated file, committed). The bot reads that file
and scores in plain Python (companion/safety/classifier.py), so neither scikit-learn nor SciPy is
imported at run time. A test checks that the shipped file was made from today's training data
and gives scikit-learn's probabilities.

Training data: fictional messages written for the project (`data/risk_training/*.yml`, never any
evaluation set) plus the NLU's everyday intents as non-risk talk.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from companion.safety.classifier import (
    CHAR_NGRAMS,
    PROJECT_ROOT,
    WEIGHTS_FORMAT,
    WEIGHTS_PATH,
    WORD_NGRAMS,
    RiskClassifier,
)
from companion.safety.screen import canonical_text

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


def fingerprint(examples: Sequence[Example]) -> str:
    """A short hash of the training data: the shipped weights name the data they came from."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{int(example.risk)}\t{example.text}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class TrainedModel:
    """The fitted scikit-learn pipeline and the fingerprint of its training data."""

    pipeline: Any
    fingerprint: str

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """scikit-learn's own risk probabilities (the reference the shipped scorer must match)."""
        rows = self.pipeline.predict_proba([canonical_text(t) for t in texts])
        return [float(row[1]) for row in rows]

    def weights(self) -> dict[str, Any]:
        """Everything the plain-Python scorer needs, as JSON-ready data."""
        import sklearn

        features = self.pipeline.named_steps["features"]
        model = self.pipeline.named_steps["model"]
        coef = [float(c) for c in model.coef_[0]]
        blocks: dict[str, Any] = {}
        start = 0
        for name, vectorizer in features.transformer_list:
            terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
            blocks[name] = {
                "terms": terms,
                "idf": [float(v) for v in vectorizer.idf_],
                "coef": coef[start : start + len(terms)],
            }
            start += len(terms)
        if start != len(coef):
            raise ValueError("feature count does not match the model's coefficients")
        return {
            "format": WEIGHTS_FORMAT,
            "fingerprint": self.fingerprint,
            "trained_with": f"scikit-learn {sklearn.__version__}",
            "intercept": float(model.intercept_[0]),
            **blocks,
        }

    def classifier(self) -> RiskClassifier:
        """The plain-Python scorer for these weights (what the bot runs)."""
        return RiskClassifier.from_weights(self.weights())


def train(examples: Sequence[Example]) -> TrainedModel:
    """Fit the classifier; deterministic for the same examples."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    if not any(e.risk for e in examples) or all(e.risk for e in examples):
        raise ValueError("training needs both risk and non-risk examples")
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=1, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=2, sublinear_tf=True
                ),
            ),
        ]
    )
    model = LogisticRegression(C=16.0, class_weight="balanced", max_iter=2000)
    pipeline = Pipeline([("features", features), ("model", model)])
    pipeline.fit([canonical_text(e.text) for e in examples], [int(e.risk) for e in examples])
    return TrainedModel(pipeline, fingerprint(examples))


def write_weights(trained: TrainedModel, path: Path = WEIGHTS_PATH) -> Path:
    """Write the shipped weights file (gzip without a timestamp, so the bytes are reproducible)."""
    data = json.dumps(trained.weights(), ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(data.encode(), compresslevel=9, mtime=0))
    return path


def rebuild() -> Path:
    """Train on the project's data and write data/risk_classifier.json.gz."""
    return write_weights(train(project_examples()))
