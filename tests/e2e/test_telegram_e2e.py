"""The bot process against an in-project fake Bot API on loopback, with the real Rasa stack."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.conftest import Stack
from tests.e2e.conftest import PEER_CHAT, client_exists, has_text
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.integration

CLIENT = 5550001


async def test_start_consent_and_hi_through_telegram(
    stack: Stack, fake_telegram: FakeBotApi, bot_process: subprocess.Popen[bytes]
) -> None:
    fake_telegram.push_text(CLIENT, "/start")
    [welcome] = fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=30, predicate=has_text("Is that OK with you?")
    )
    keyboard = welcome.params["reply_markup"]["inline_keyboard"]
    payloads = [button["callback_data"] for row in keyboard for button in row]
    assert payloads == ["/consent_yes", "/consent_no"]
    assert not await client_exists(stack, CLIENT)  # nothing stored before consent

    fake_telegram.push_callback(CLIENT, "/consent_yes")
    fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=30, predicate=has_text("noted your OK")
    )
    fake_telegram.wait_for_call(
        "sendMessage", CLIENT, timeout=30, predicate=has_text("What would you like me to call you")
    )
    assert fake_telegram.calls("answerCallbackQuery")
    assert await client_exists(stack, CLIENT)  # the row written by action_record_consent

    newcomer = CLIENT + 2
    fake_telegram.push_text(newcomer, "hi")
    fake_telegram.wait_for_call(
        "sendMessage",
        newcomer,
        timeout=30,
        predicate=lambda c: any(
            g in str(c.params.get("text")) for g in ("Kia ora!", "Hi there", "Nice to see you")
        ),
    )


async def test_risk_message_gets_safe_reply_and_peer_alert(
    fake_telegram: FakeBotApi, bot_process: subprocess.Popen[bytes]
) -> None:
    sent_at = time.monotonic()
    fake_telegram.push_text(CLIENT + 1, "i dont want to live anymore, i want to die")
    [alert] = fake_telegram.wait_for_call("sendMessage", PEER_CHAT, timeout=10)
    [reply] = fake_telegram.wait_for_call(
        "sendMessage", CLIENT + 1, timeout=10, predicate=has_text("1737")
    )
    # Nobody is on duty in this test: the backup chat is told, without the client's words.
    assert "left a message for the peer support team" in str(reply.params["text"])
    assert "RISK ALERT" in str(alert.params["text"])
    assert "want to die" not in str(alert.params["text"])
    assert alert.received_at - sent_at < 5.0
