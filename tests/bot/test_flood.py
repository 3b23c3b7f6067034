"""Per-client flood control: 50 messages in 10 s slow one client down, nobody else, no risk lost."""

from __future__ import annotations

from typing import Any

from companion.flood import FLOOD_NOTICE, FloodGate
from tests.bot.fakes import RecordingAlerts, echo_rasa, make_conversation


async def test_a_flooding_client_is_slowed_others_are_not_and_risk_still_escalates() -> None:
    seen: list[dict[str, Any]] = []
    alerts = RecordingAlerts(alerted="Aroha")
    conversation = make_conversation(rasa=echo_rasa(seen), alerts=alerts)
    flooder, other = 901, 902
    answers = []
    for i in range(50):
        text = "i want to kill myself tonight" if i == 30 else f"message {i}"
        answers.append(await conversation.handle_text(flooder, text))
        if i % 10 == 0:
            assert await conversation.handle_text(other, f"hello {i}")
    await conversation.aclose()
    typed = [b for b in seen if b["sender"] == str(flooder) and b["message"] != "/express_crisis"]
    assert len(typed) == 15  # the rest of the burst never reached the model
    assert sum(1 for a in answers if a and a[0].text == FLOOD_NOTICE) == 1
    assert "1737" in answers[30][0].text and len(alerts.alerts) == 1  # not held back
    assert len([b for b in seen if b["sender"] == str(other)]) == 5  # others unaffected


def test_the_gate_opens_again_after_the_window() -> None:
    gate = FloodGate(limit=2, window=10.0)
    assert [gate.check(1, t) for t in (0.0, 1.0, 2.0, 3.0)] == ["ok", "ok", "notice", "quiet"]
    assert gate.check(1, 12.5) == "ok"
    gate.forget_idle(100.0)
    assert gate.check(1, 100.0) == "ok"
