"""The bot process against an in-project fake Bot API on loopback, with the real Rasa stack."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import PROJECT_ROOT
from companion.db.clients import get_client
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.integration

CLIENT = 5550001
PEER_CHAT = 7770001


@pytest.fixture
def fake_telegram() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def bot_process(
    stack: Stack, fake_telegram: FakeBotApi, tmp_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN=fake_telegram.token,
        TELEGRAM_BASE_URL=fake_telegram.base_url,
        RASA_URL=stack.rasa_url,
        DATABASE_URL=stack.settings.resolved_database_url(),
        DATA_DIR=str(tmp_path),
        PEER_ALERT_CHAT_ID=str(PEER_CHAT),
    )
    log = (tmp_path / "bot.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "bot"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
    )
    try:
        fake_telegram.wait_for_call("getUpdates", timeout=60)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        output = (tmp_path / "bot.log").read_text(errors="replace")
        assert fake_telegram.token not in output, "bot token leaked into the logs"


def texts_to(fake: FakeBotApi, chat_id: int) -> list[str]:
    return [str(c.params.get("text", "")) for c in fake.calls("sendMessage", chat_id)]


def has_text(fragment: str) -> object:
    return lambda call: fragment in str(call.params.get("text", ""))


async def client_exists(stack: Stack, chat_id: int) -> bool:
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session:
        client = await get_client(session, chat_id)
    await engine.dispose()
    return client is not None


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
    assert fake_telegram.calls("answerCallbackQuery")
    assert await client_exists(stack, CLIENT)  # the row written by action_record_consent

    fake_telegram.push_text(CLIENT, "hi")
    fake_telegram.wait_for_call(
        "sendMessage",
        CLIENT,
        timeout=30,
        predicate=lambda c: (
            any(g in str(c.params.get("text")) for g in ("Kia ora!", "Hi there", "Nice to see you"))
            and "Is that OK" not in str(c.params.get("text"))
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
    assert "alerted the peer support team" in str(reply.params["text"])
    assert "Risk alert" in str(alert.params["text"])
    assert alert.received_at - sent_at < 5.0
