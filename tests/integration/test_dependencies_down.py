"""Rasa's action server down, or Rasa hung: every message answered within 5 s, risk escalated.

The first test runs a second real Rasa server (the same trained model) whose action server
address has nothing listening, so every turn that needs an action fails inside Rasa. The second
puts a server on loopback that accepts the request and never answers (a hung Rasa).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from bot.rasa_client import RasaClient
from bot.services import ensure_model, start_rasa, wait_until_ready
from companion.safety.messages import render_fallback_reply
from tests.bot.fakes import RecordingAlerts, make_conversation
from tests.conftest import Stack, free_port

pytestmark = pytest.mark.integration

ANSWER_WITHIN = 5.0
CHAT = 9_300_001
# Turns that need the action server (consent, mood, plans, the menu's intents) and some that don't.
TURNS = [
    "hi",
    "/consent_yes",
    "/mood_checkin",
    '/mood_score{"mood_score":"4"}',
    "/plan_list",
    "/who5_start",
    "are you a bot?",
    "what can you do",
]
RISK = "i want to kill myself tonight"


@pytest.fixture(scope="module")
def rasa_without_actions(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("no-actions")
    settings = stack.settings.model_copy(update={"data_dir": data_dir, "rasa_tracker_url": None})
    port, dead_action_port = free_port(), free_port()
    service = start_rasa(
        settings, ensure_model(settings), port, dead_action_port, data_dir / "rasa.log"
    )
    try:
        wait_until_ready([service], timeout=300)
        yield f"http://127.0.0.1:{port}"
    finally:
        service.stop()


async def test_action_server_down_every_message_answered_within_5_s(
    rasa_without_actions: str,
) -> None:
    alerts = RecordingAlerts(alerted="Aroha")
    async with httpx.AsyncClient() as http:
        rasa = RasaClient(http, rasa_without_actions, 4.0)
        conversation = make_conversation(rasa=rasa, alerts=alerts)
        timings: list[float] = []
        for turn in TURNS:
            started = time.monotonic()
            if turn.startswith("/"):
                replies = await conversation.handle_payload(CHAT, turn)
            else:
                replies = await conversation.handle_text(CHAT, turn)
            timings.append(time.monotonic() - started)
            assert replies and all(r.text or r.image_png for r in replies), turn
        started = time.monotonic()
        risk = await conversation.handle_text(CHAT, RISK)
        risk_time = time.monotonic() - started
        await conversation.aclose()
    assert max(timings) < ANSWER_WITHIN, timings
    assert "1737" in risk[0].text and "alerted Aroha" in risk[0].text
    assert [a.chat_id for a in alerts.alerts] == [CHAT]
    assert risk_time < 0.25


async def test_a_hung_rasa_still_gets_an_answer_within_5_s() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # accepts connections, never reads or answers
    port = listener.getsockname()[1]
    alerts = RecordingAlerts()
    try:
        async with httpx.AsyncClient() as http:
            conversation = make_conversation(
                rasa=RasaClient(http, f"http://127.0.0.1:{port}", 4.0), alerts=alerts
            )
            started = time.monotonic()
            ordinary, risk = await asyncio.gather(
                conversation.handle_text(CHAT, "how do i set a goal"),
                conversation.handle_text(CHAT + 1, RISK),
            )
            elapsed = time.monotonic() - started
            await conversation.aclose()
    finally:
        listener.close()
    assert ordinary == [render_fallback_reply()]
    assert elapsed < ANSWER_WITHIN
    assert "1737" in risk[0].text
    assert [a.chat_id for a in alerts.alerts] == [CHAT + 1]
