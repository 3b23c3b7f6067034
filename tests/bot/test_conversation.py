from typing import Any

import httpx

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
    assert seen == []  # the screen answered before Rasa
    assert "1737" in replies[0].text and "alerted Aroha" in replies[0].text
    assert [a.chat_id for a in alerts.alerts] == [77]


async def test_risk_reply_still_goes_out_when_alerting_fails() -> None:
    class BrokenAlerts(RecordingAlerts):
        async def send_risk_alert(self, alert: object) -> str | None:
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
