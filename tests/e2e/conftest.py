"""End-to-end fixtures: the fake Bot API on loopback and the real bot process against it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.services import PROJECT_ROOT
from companion.db.clients import get_client
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack
from tests.fakes.bot_api import FakeBotApi, RecordedCall

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


def has_text(fragment: str) -> Callable[[RecordedCall], bool]:
    """Match calls whose text contains the fragment."""
    return lambda call: fragment in str(call.params.get("text", ""))


async def client_exists(stack: Stack, chat_id: int) -> bool:
    """True once the consent action has created the client's row."""
    engine = create_engine(stack.settings.resolved_database_url())
    async with create_sessionmaker(engine)() as session:
        client = await get_client(session, chat_id)
    await engine.dispose()
    return client is not None
