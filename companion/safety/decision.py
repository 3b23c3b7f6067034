"""The bot's own risk decision, before Rasa: the deterministic screen, then the learned models.

Any one escalates. The screen decides first (its patterns give the alert a specific reason).
The learned models are asked only when the screen found nothing at all: the TF-IDF classifier
(classifier.py) and the fine-tuned sentence model (transformer.py); the higher of their two
probabilities counts, so each catches what the other misses. They never override a denial,
recovery, news, fiction or idiom context the screen recognised, nor turn the screen's direct
question for an unclear message ("i cant do this anymore") into an alert. A probability between
ASK_AT and ALERT_AT gets the direct question ("Are you thinking about suicide?") instead of an
alert.

Thresholds were chosen on eval/risk_eval.yml, risk_dev*.yml and risk_blind.yml, never on
eval/risk_blind2.yml, risk_blind3.yml or risk_blind4.yml; see docs/architecture.md.
"""

from __future__ import annotations

from companion.safety.classifier import default_classifier
from companion.safety.screen import ScreenResult, benign_context, screen_message
from companion.safety.transformer import default_transformer, reads

ALERT_AT = 0.9
ASK_AT = 0.75
# The fine-tuned model is surer of itself than the TF-IDF one: on the tuning sets it alerted on
# short everyday messages between 0.9 and 0.95, so it alerts from 0.95 (asks from 0.75).
TRANSFORMER_ALERT_AT = 0.95
LEARNED_REASON = "learned"


def prepare() -> None:
    """Read both models now (about 0.5 s) so the first message doesn't wait."""
    default_classifier()
    default_transformer()


def on_common_scale(transformer_probability: float) -> float:
    """The fine-tuned model's probability on the TF-IDF model's scale of ALERT_AT and ASK_AT.

    Monotone and piecewise linear: TRANSFORMER_ALERT_AT maps to ALERT_AT, ASK_AT stays ASK_AT.
    """
    p = transformer_probability
    if p < ASK_AT:
        return p
    if p < TRANSFORMER_ALERT_AT:
        return ASK_AT + (p - ASK_AT) * (ALERT_AT - ASK_AT) / (TRANSFORMER_ALERT_AT - ASK_AT)
    return ALERT_AT + (p - TRANSFORMER_ALERT_AT) * (1 - ALERT_AT) / (1 - TRANSFORMER_ALERT_AT)


def learned_probability(text: str) -> float:
    """The higher of the two learned models' probabilities.

    The TF-IDF model's alone when the other is absent or cannot read the message's script.
    """
    probability = default_classifier().probability(text)
    transformer = default_transformer()
    if transformer is not None and reads(text):
        probability = max(probability, on_common_scale(transformer.probability(text)))
    return probability


def decide(text: str, probability: float | None = None) -> ScreenResult:
    """Screen, then the learned models; pure apart from reading their files once per process.

    `probability` lets a test pass a score (on the TF-IDF model's scale) in instead of theirs.
    """
    result = screen_message(text)
    if result.escalate or result.level == "ask" or benign_context(text):
        return result
    if probability is None:
        probability = learned_probability(text)
    if probability >= ALERT_AT:
        return ScreenResult(escalate=True, level="medium", reason=LEARNED_REASON)
    if probability >= ASK_AT:
        return ScreenResult(escalate=False, level="ask", reason="ambiguous")
    return result
