"""Layer 1c of risk detection: a fine-tuned pretrained sentence model beside the TF-IDF classifier.

The TF-IDF classifier (classifier.py) knows the words and spellings of its training text; on
messages nobody tuned on it missed about one risk message in five. This model starts from
all-MiniLM-L6-v2, a small pretrained English sentence encoder (6 layers, 22 M weights), fine-tuned
on the same fictional training data (transformer_training.py), so it also knows phrasings that
mean the same thing in other words. It runs as an int8 ONNX graph (23 MB) scored by onnxruntime
on one thread, about 1 ms a message, in the bot's own process: it works with Rasa, the action
server or the database down.

The graph is built at set-up (`make model`, like the Rasa model) into `models/`, named by a key
of its training data and settings. What is committed is the reference the measured model left,
`data/risk_transformer.json`: that key, the training data's fingerprint, the settings, the
graph's SHA-256 and its probabilities for a few probe messages, which a test compares with the
graph built here.

If the files or onnxruntime are missing or broken the bot goes on with the screen and the TF-IDF
classifier (logged once as a warning): a risk layer failing must never stop the safe reply.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import unicodedata
from pathlib import Path
from typing import Any

from companion.safety.classifier import PROJECT_ROOT

log = logging.getLogger(__name__)

REFERENCE_PATH = PROJECT_ROOT / "data" / "risk_transformer.json"
MODELS_DIR = PROJECT_ROOT / "models"
MODEL_PREFIX = "risk-transformer-"
MODEL_NAME = "model.onnx"
TOKENIZER_NAME = "tokenizer.json"
MODEL_FORMAT = 2
MAX_LENGTH = 128  # word pieces; longer messages are cut (the screen still reads all of it)
# Fixed messages whose probabilities are recorded in the reference and checked by a test.
PROBES = (
    "kia ora, had a good day at mahi",
    "i dont see the point of being here anymore",
    "this traffic is killing me",
    "gave my dog away and wrote some letters",
    "mood 6, slept ok",
)


def reads(text: str) -> bool:
    """Whether the model can read the message at all.

    It learned English (with te reo Māori words) in Latin letters. On text mostly in another
    script its word pieces are single letters and its probability means nothing: an Arabic
    greeting scored 0.97. Messages without letters (emoji, numbers) pass this test;
    `TransformerScorer.probability_if_read` also leaves out those in which it knows no
    whole word.
    """
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return 2 * latin >= len(letters)


class TransformerScorer:
    """P(risk) for one message from the exported graph."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._special = frozenset(("[CLS]", "[SEP]", "[UNK]", "[PAD]"))

    def probability(self, text: str) -> float:
        """Probability that the message is a risk message (0..1)."""
        return self._run(self._tokenizer.encode(text).ids)

    def probability_if_read(self, text: str) -> float | None:
        """The probability, or None when the model cannot read the message.

        Text mostly in another script is not read (`reads`). Nor is a message in which it
        knows no whole word: one word of the message that is one word piece of its vocabulary,
        with a letter or a digit in it.

        Emoji and symbols it never learned are one unknown piece: "👍", "😭😭😭🙃💀" and a
        2,000-letter run of x all reach it as "[CLS] [UNK] [SEP]", so whatever it says of them
        is one number for every such message (0.73 with session 19's fit, under the line; 0.93
        with session 20's, which alerted on a thumbs-up). Key mashing reaches it as fragments
        ("x" * 30 as "xx ##xx ##xx ...", "asdfasdfasdf" as "as ##df ##as ..."), which it never
        learned either: session 20's fit put 0.99 on the first (an alert) and asked the direct
        question on the second (session 22). Both kinds are left to the screen and the TF-IDF
        model, which read characters ("kms", "sewerslide" are fragments to this model too).
        """
        if not reads(text):
            return None
        encoding = self._tokenizer.encode(text)
        if not self._knows_a_word(encoding.tokens, encoding.word_ids):
            return None
        return self._run(encoding.ids)

    def _knows_a_word(self, tokens: list[str], word_ids: list[int | None]) -> bool:
        """Some word of the message is one known word piece with a letter or digit in it."""
        pieces: dict[int, list[str]] = {}
        for word, token in zip(word_ids, tokens, strict=True):
            if word is not None:
                pieces.setdefault(word, []).append(token)
        return any(
            len(word) == 1 and word[0] not in self._special and any(c.isalnum() for c in word[0])
            for word in pieces.values()
        )

    def _run(self, ids: list[int]) -> float:
        import numpy as np

        input_ids = np.array([ids], dtype=np.int64)
        feeds = {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)}
        return float(self._session.run(None, feeds)[0][0])


def model_key(fingerprint: str, settings: dict[str, Any]) -> str:
    """The built model's name: changes with the training data or any training setting."""
    digest = hashlib.sha256(
        json.dumps({"fingerprint": fingerprint, "settings": settings}, sort_keys=True).encode()
    )
    return MODEL_PREFIX + digest.hexdigest()[:16]


def read_reference(path: Path = REFERENCE_PATH) -> dict[str, Any]:
    """What the measured model was made from and gave (written by `make risk-transformer`)."""
    reference: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return reference


def model_dir() -> Path:
    """Where the graph for the committed reference is built (it may not be built yet)."""
    return MODELS_DIR / str(read_reference()["model"])


def load_transformer(directory: Path) -> TransformerScorer:
    """Read the model and tokenizer (about 0.3 s); raises if either is missing or unreadable."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    # One thread and no spinning: the bot shares its cores with Rasa and answers one short
    # message at a time.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.enable_cpu_mem_arena = False  # ~5 MB less resident memory, no slower here
    session = onnxruntime.InferenceSession(
        str(directory / MODEL_NAME), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_NAME))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_LENGTH)
    return TransformerScorer(session, tokenizer)


@functools.cache
def default_transformer() -> TransformerScorer | None:
    """The built model, or None (with one warning) if it cannot be loaded."""
    try:
        directory = model_dir()
        return load_transformer(directory)
    except Exception as error:  # any failure here means "go on without it"
        log.warning(
            "risk model not loaded (%s: %s); the screen and the TF-IDF classifier still run "
            "(`make model` builds it)",
            type(error).__name__,
            error,
        )
        return None
