"""The bot's own risk decision, before Rasa: the deterministic screen, then the learned classifier.

Either one escalates. The screen decides first (its patterns give the alert a specific reason).
The classifier is asked only when the screen found nothing at all. It never overrides a denial,
recovery, news, fiction or idiom context the screen recognised, nor turns the screen's direct
question for an unclear message ("i cant do this anymore") into an alert. A probability between
ASK_AT and ALERT_AT gets the direct question ("Are you thinking about suicide?") instead of an
alert.

Thresholds were chosen on eval/risk_eval.yml, risk_dev*.yml and risk_blind.yml, never on
eval/risk_blind2.yml; see docs/architecture.md.
"""

from __future__ import annotations

from companion.safety.classifier import default_classifier
from companion.safety.screen import ScreenResult, benign_context, screen_message

ALERT_AT = 0.9
ASK_AT = 0.75
LEARNED_REASON = "learned"


def prepare() -> None:
    """Read the classifier's weights now (about 0.1 s) so the first message doesn't wait."""
    default_classifier()


def decide(text: str, probability: float | None = None) -> ScreenResult:
    """Screen, then classifier; pure apart from reading the classifier's weights once per process.

    `probability` lets a test pass a score in instead of the classifier's.
    """
    result = screen_message(text)
    if result.escalate or result.level == "ask" or benign_context(text):
        return result
    if probability is None:
        probability = default_classifier().probability(text)
    if probability >= ALERT_AT:
        return ScreenResult(escalate=True, level="medium", reason=LEARNED_REASON)
    if probability >= ASK_AT:
        return ScreenResult(escalate=False, level="ask", reason="ambiguous")
    return result
