"""The learned classifier and the bot's decision (screen, then classifier) before Rasa."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from companion.safety.alert_text import describe_reason
from companion.safety.classifier import (
    CHAR_NGRAMS,
    WEIGHTS_PATH,
    WORD_NGRAMS,
    char_ngrams,
    default_classifier,
    load_classifier,
    word_ngrams,
)
from companion.safety.classifier_training import (
    NLU_DIR,
    TRAINING_DIR,
    Example,
    TrainedModel,
    fingerprint,
    project_examples,
    read_everyday_examples,
    read_examples,
    train,
    write_weights,
)
from companion.safety.decision import ALERT_AT, ASK_AT, LEARNED_REASON, Learned, decide
from companion.safety.screen import canonical_text, screen_message

EVAL_DIR = Path(__file__).parents[2] / "eval"


def test_training_files_are_balanced_and_share_nothing_with_any_evaluation_set() -> None:
    examples = read_examples(TRAINING_DIR.glob("*.yml"))
    risk = sum(e.risk for e in examples)
    assert risk >= 1000 and len(examples) - risk >= 1000
    seen = [canonical_text(e.text) for e in examples]
    assert len(seen) == len(set(seen)), "a training message appears twice"
    evaluation: dict[str, str] = {}
    for path in EVAL_DIR.glob("risk_*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("risk", "non_risk", "ambiguous"):
            evaluation |= {canonical_text(str(m)): path.name for m in data.get(key) or []}
    assert not evaluation.keys() & set(seen), "risk training must never hold an evaluation message"
    everyday = {canonical_text(e.text) for e in read_everyday_examples(NLU_DIR.glob("*.yml"))}
    shared = {text: evaluation[text] for text in everyday & evaluation.keys()}
    # The NLU data is older than the classifier: five everyday phrases it shares with tuning
    # sets (all labelled non-risk there). None may be in the second blind set.
    assert "risk_blind2.yml" not in shared.values()
    assert len(shared) <= 5, shared


def test_training_is_deterministic() -> None:
    examples = [
        Example("i want to end it all tonight", True),
        Example("cant see a reason to stay alive", True),
        Example("going for a swim at the beach", False),
        Example("made a big pot of soup", False),
    ]
    first, second = train(examples), train(examples)
    assert first.fingerprint == second.fingerprint
    text = "no reason to stay"
    assert first.probabilities([text]) == second.probabilities([text])


def _every_evaluation_message() -> list[str]:
    texts: list[str] = []
    for path in sorted(EVAL_DIR.glob("risk_*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("risk", "non_risk", "ambiguous"):
            texts += [str(m) for m in data.get(key) or []]
    odd = ["", "   ", "a", "I", "🙂🙂", "x" * 10_000, "  two   spaces\tand\ttabs\n", "ÀÉÎ ĀĒĪŌŪ"]
    return texts + odd


@pytest.fixture(scope="module")
def fresh_model() -> TrainedModel:
    return train(project_examples())


def test_the_shipped_weights_come_from_todays_training_data() -> None:
    """Fails when data/risk_training or nlu/ changed without `companion model risk`."""
    assert default_classifier().fingerprint == fingerprint(project_examples()), (
        "data/risk_classifier.json.gz is stale: run `make risk-model` and commit it"
    )


def test_the_plain_python_scorer_is_scikit_learn_exactly(fresh_model: TrainedModel) -> None:
    """Same fit, scored two ways: n-grams, tf-idf, norms and the logistic must all agree."""
    texts = _every_evaluation_message()
    mine = fresh_model.classifier().probabilities(texts)
    reference = fresh_model.probabilities(texts)
    assert len(texts) > 3000
    assert max(abs(a - b) for a, b in zip(mine, reference, strict=True)) < 1e-12


def test_the_shipped_weights_score_like_a_fresh_training(fresh_model: TrainedModel) -> None:
    """Training again today gives the shipped model, up to floating-point noise."""
    texts = _every_evaluation_message()
    shipped = default_classifier().probabilities(texts)
    fresh = fresh_model.probabilities(texts)
    assert max(abs(a - b) for a, b in zip(shipped, fresh, strict=True)) < 1e-6


def test_weights_round_trip_through_the_file(fresh_model: TrainedModel, tmp_path: Path) -> None:
    path = write_weights(fresh_model, tmp_path / "weights.json.gz")
    assert path.read_bytes() == write_weights(fresh_model, tmp_path / "again.json.gz").read_bytes()
    text = "gave my guitar away, wont need it"
    assert load_classifier(path).probability(text) == fresh_model.classifier().probability(text)
    assert WEIGHTS_PATH.stat().st_size < 2_000_000


def test_ngrams_follow_scikit_learn_rules() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(ngram_range=WORD_NGRAMS).build_analyzer()
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS).build_analyzer()
    for text in [*_every_evaluation_message()[::7], "I am OK, a  b cd", "x\ty\n\nz"]:
        assert word_ngrams(text) == words(text), text
        assert char_ngrams(text) == chars(text), text


def test_the_bot_never_imports_scikit_learn_nor_the_training_stack() -> None:
    """Start-up time and memory (issue 7): the TF-IDF model is scored in plain Python and the
    fine-tuned model by onnxruntime (which needs NumPy); neither trains in the bot."""
    code = (
        "import sys, bot.telegram_app, bot.terminal, bot.conversation, bot.handlers\n"
        "from companion.safety.decision import decide, prepare\n"
        "prepare(); decide('gave my guitar away, wont need it where im going')\n"
        "heavy = ('sklearn', 'scipy', 'torch', 'transformers')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_training_refuses_one_sided_data() -> None:
    with pytest.raises(ValueError):
        train([Example("made a big pot of soup", False)])


def test_the_classifier_catches_indirect_wording_the_screen_misses() -> None:
    """Messages written for this test (not in any training or evaluation file)."""
    indirect = [
        "the rope in the shed keeps calling me",
        "gave my guitar to my cousin, wont be needing it where im going",
        "my brother keeps saying nobody would miss him and he has been giving his stuff away",
        "just want everything to go quiet for good",
    ]
    for text in indirect:
        assert not screen_message(text).escalate, text
        assert default_classifier().probability(text) >= ALERT_AT, text
        assert decide(text).reason == LEARNED_REASON and decide(text).escalate, text


def test_everyday_messages_stay_quiet() -> None:
    everyday = (
        "off to netball practice then tea at nans",
        "made a big pot of soup for the week",
        # short replies: before the NLU's everyday intents joined the training data, "no" got
        # the direct question and "message 3" an alert
        "no",
        "hi there",
        "not really",
        "message 3",
        "bye",
    )
    for text in everyday:
        result = decide(text)
        assert not result.escalate and result.level == "none", text


def test_a_high_probability_escalates_with_its_own_reason() -> None:
    text = "something the screen has no pattern for"
    assert not screen_message(text).escalate
    result = decide(text, Learned(ALERT_AT))
    assert result.escalate and result.level == "medium" and result.reason == LEARNED_REASON
    assert "learned" in describe_reason(LEARNED_REASON)


def test_a_middling_probability_gets_the_direct_question_not_an_alert() -> None:
    result = decide("something the screen has no pattern for", Learned(ASK_AT))
    assert not result.escalate and result.level == "ask"
    below = decide("something the screen has no pattern for", Learned(ASK_AT - 0.01))
    assert below.level == "none"


def test_the_classifier_alone_never_overrides_a_denial_or_a_recovery_story() -> None:
    for text in (
        "im not suicidal, just tired of this job",
        "two years ago i wanted to die, now im doing heaps better",
    ):
        # one model is not enough; both agreeing is (session 22)
        assert decide(text, Learned(0.99, 0.5)) == screen_message(text), text
        assert decide(text, Learned(0.99)) == screen_message(text), text
        assert decide(text, Learned(0.99, 0.99)).escalate, text


def test_the_idioms_in_the_safety_brief_stay_quiet() -> None:
    for text in (
        "this traffic is killing me",
        "I'd kill for a coffee",
        "killed it at the gym",
        "dead tired",
        "my back is killing me",
    ):
        assert decide(text).level == "none", text


def test_the_screen_decides_first() -> None:
    result = decide("i want to kill myself", Learned(0.0, 0.0))
    assert result.escalate and result.reason != LEARNED_REASON
