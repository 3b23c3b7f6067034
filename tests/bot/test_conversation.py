from typing import Any

import httpx
import pytest

import bot.conversation as conversation_module
from bot.conversation import AlertOutcome, RiskAlert
from bot.rasa_client import RasaClient
from companion.safety.messages import DIRECT_QUESTION
from tests.bot.fakes import RecordingAlerts, echo_rasa, make_conversation, rasa_answering


async def test_ordinary_text_goes_to_rasa_as_the_chat() -> None:
    seen: list[dict[str, Any]] = []
    conversation = make_conversation(rasa=echo_rasa(seen))
    replies = await conversation.handle_text(77, "hello")
    assert [r.text for r in replies] == ["echo: hello"]
    assert seen == [{"sender": "77", "message": "hello"}]


async def test_risk_message_gets_safe_reply_and_alert_without_rasa() -> None:
    seen: list[dict[str, Any]] = []
    alerts = RecordingAlerts(alerted="Aroha")
    conversation = make_conversation(rasa=echo_rasa(seen), alerts=alerts)
    replies = await conversation.handle_text(77, "i want to kill myself")
    # The screen answered before Rasa; Rasa only hears that a disclosure happened.
    assert all(body["message"] == "/express_crisis" for body in seen)
    assert "1737" in replies[0].text and "alerted Aroha" in replies[0].text
    assert [a.chat_id for a in alerts.alerts] == [77]


async def test_risk_reply_still_goes_out_when_alerting_fails() -> None:
    class BrokenAlerts(RecordingAlerts):
        async def escalate(self, alert: RiskAlert) -> AlertOutcome:
            raise RuntimeError("telegram down")

    conversation = make_conversation(alerts=BrokenAlerts())
    replies = await conversation.handle_text(77, "im gonna kms")
    assert "1737" in replies[0].text
    assert "no peer worker is on duty" in replies[0].text


async def test_rasa_down_gives_an_honest_fallback() -> None:
    def down(body: object) -> httpx.Response:
        raise httpx.ConnectError("refused")

    replies = await make_conversation(rasa=rasa_answering(down)).handle_text(77, "hi")
    assert len(replies) == 1 and "trouble" in replies[0].text and "bot" in replies[0].text


async def test_button_payloads_pass_but_forged_ones_do_not() -> None:
    seen: list[dict[str, Any]] = []
    conversation = make_conversation(rasa=echo_rasa(seen))
    await conversation.handle_payload(77, "/consent_yes")
    forged = await conversation.handle_payload(77, "/x{" + "a" * 300 + "}")
    assert seen == [{"sender": "77", "message": "/consent_yes"}]
    assert "expired" in forged[0].text


def _rasa_custom(custom: dict[str, Any], seen: list[dict[str, Any]] | None = None) -> RasaClient:
    def handler(body: dict[str, Any]) -> httpx.Response:
        if seen is not None:
            seen.append(body)
        return httpx.Response(200, json=[{"recipient_id": body["sender"], "custom": custom}])

    return rasa_answering(handler)


async def test_rasa_risk_intent_escalates_like_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    # what the learned models make of the message: enough to back the intent, not to alert
    monkeypatch.setattr(conversation_module, "learned_probability", lambda text: 0.6)
    alerts = RecordingAlerts(alerted="Aroha")
    conversation = make_conversation(
        rasa=_rasa_custom({"type": "escalate", "reason": "rasa_intent"}), alerts=alerts
    )
    replies = await conversation.handle_text(77, "the words only the language model picked up on")
    assert "1737" in replies[0].text and "alerted Aroha" in replies[0].text
    assert [(a.source, a.reason) for a in alerts.alerts] == [("rasa", "rasa_intent")]


@pytest.mark.parametrize(
    ("confidence", "learned"),
    [
        (0.55, 0.6),  # the NLU model is unsure of its own intent
        # the learned models do not back it: the intent alone alerted on 37 non-risk and 4 risk
        # messages over the evaluation sets
        (0.99, 0.49),
    ],
)
async def test_an_unsure_or_unbacked_model_risk_intent_gets_the_direct_question_instead(
    monkeypatch: pytest.MonkeyPatch, confidence: float, learned: float
) -> None:
    monkeypatch.setattr(conversation_module, "learned_probability", lambda text: learned)
    alerts = RecordingAlerts()
    conversation = make_conversation(
        rasa=_rasa_custom({"type": "escalate", "reason": "rasa_intent", "confidence": confidence}),
        alerts=alerts,
    )
    replies = await conversation.handle_text(77, "the words only the language model picked up on")
    assert replies[0].text == DIRECT_QUESTION and not alerts.alerts
    await conversation.handle_payload(77, '/safety_answer{"answer":"yes"}')
    assert [a.reason for a in alerts.alerts] == ["answered_yes"]


async def test_the_model_alone_never_alerts_on_a_recovery_story_or_denial() -> None:
    alerts = RecordingAlerts()
    conversation = make_conversation(
        rasa=_rasa_custom({"type": "escalate", "reason": "rasa_intent", "confidence": 0.99}),
        alerts=alerts,
    )
    for message in ("im not suicidal, just flat", "years ago i felt that way, im good now"):
        replies = await conversation.handle_text(77, message)
        assert replies[0].text == DIRECT_QUESTION
    assert not alerts.alerts


async def test_asking_for_a_person_sends_a_request_and_says_who_will_call() -> None:
    alerts = RecordingAlerts(alerted="Ben, the peer worker on duty,")
    conversation = make_conversation(
        rasa=_rasa_custom({"type": "request_human", "reason": "low_moods"}), alerts=alerts
    )
    replies = await conversation.handle_payload(77, '/request_human{"referral_reason":"low_moods"}')
    assert alerts.requests == [(77, "low_moods")] and not alerts.alerts
    assert "Ben, the peer worker on duty," in replies[0].text and "real person" in replies[0].text


async def test_an_ambiguous_message_gets_the_direct_question_and_yes_escalates() -> None:
    alerts = RecordingAlerts()
    seen: list[dict[str, Any]] = []
    conversation = make_conversation(rasa=echo_rasa(seen), alerts=alerts)
    question = await conversation.handle_text(77, "i cant do this anymore")
    assert question[0].text == DIRECT_QUESTION and not alerts.alerts and not seen
    replies = await conversation.handle_text(77, "yeah")
    assert "1737" in replies[0].text
    assert [a.reason for a in alerts.alerts] == ["answered_yes"]


async def test_tapping_no_thanks_the_client_and_does_not_alert() -> None:
    alerts = RecordingAlerts()
    conversation = make_conversation(alerts=alerts)
    await conversation.handle_text(77, "i cant do this anymore")
    replies = await conversation.handle_payload(77, '/safety_answer{"answer":"no"}')
    assert "Thank you for telling me" in replies[0].text and not alerts.alerts
    unsure = await conversation.handle_payload(78, '/safety_answer{"answer":"unsure"}')
    assert "1737" in unsure[0].text and [a.chat_id for a in alerts.alerts] == [78]


async def test_a_screen_escalation_takes_the_client_out_of_any_form_in_rasa() -> None:
    seen: list[dict[str, Any]] = []
    conversation = make_conversation(rasa=echo_rasa(seen))
    await conversation.handle_text(77, "i want to kill myself")
    await conversation.aclose()
    assert [body["message"] for body in seen] == ["/express_crisis"]


async def test_during_a_handoff_messages_go_to_the_person_not_rasa() -> None:
    alerts = RecordingAlerts()
    alerts.handoff_chats.add(77)
    seen: list[dict[str, Any]] = []
    conversation = make_conversation(rasa=echo_rasa(seen), alerts=alerts)
    assert await conversation.handle_text(77, "are you still there?") == []
    assert alerts.relayed == [(77, "are you still there?")] and not seen
