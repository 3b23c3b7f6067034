"""The learned classifier and the bot's decision (screen, then classifier) before Rasa."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from companion.safety.alert_text import describe_reason
from companion.safety.classifier import (
    NLU_DIR,
    TRAINING_DIR,
    Example,
    default_classifier,
    read_everyday_examples,
    read_examples,
    train,
)
from companion.safety.decision import ALERT_AT, ASK_AT, LEARNED_REASON, decide
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
    assert first.probability(text) == second.probability(text)


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
    result = decide(text, probability=ALERT_AT)
    assert result.escalate and result.level == "medium" and result.reason == LEARNED_REASON
    assert "learned" in describe_reason(LEARNED_REASON)


def test_a_middling_probability_gets_the_direct_question_not_an_alert() -> None:
    result = decide("something the screen has no pattern for", probability=ASK_AT)
    assert not result.escalate and result.level == "ask"
    below = decide("something the screen has no pattern for", probability=ASK_AT - 0.01)
    assert below.level == "none"


def test_the_classifier_never_overrides_a_denial_or_a_recovery_story() -> None:
    for text in (
        "im not suicidal, just tired of this job",
        "two years ago i wanted to die, now im doing heaps better",
    ):
        assert decide(text, probability=0.99) == screen_message(text), text


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
    result = decide("i want to kill myself", probability=0.0)
    assert result.escalate and result.reason != LEARNED_REASON
