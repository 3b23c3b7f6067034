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


class BotProcess:
    """The real bot (`python -m bot.cli bot`) against the fake Bot API; can stop and restart."""

    def __init__(self, fake: FakeBotApi, log_path: Path, env: dict[str, str]) -> None:
        self._fake = fake
        self._log_path = log_path
        self._env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_BASE_URL=fake.base_url,
            PEER_ALERT_CHAT_ID=str(PEER_CHAT),
            **env,
        )
        self.process: subprocess.Popen[bytes] | None = None

    def set_env(self, **env: str) -> None:
        """Settings for the next start."""
        self._env.update(env)

    def start(self) -> subprocess.Popen[bytes]:
        """Start the bot and wait until it polls for updates."""
        polls_before = len(self._fake.calls("getUpdates"))
        with self._log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "bot"],
                cwd=PROJECT_ROOT,
                env=self._env,
                stdout=log,
                stderr=log,
            )
        self._fake.wait_for_call("getUpdates", count=polls_before + 1, timeout=60)
        return self.process

    def stop(self) -> None:
        """Stop the bot (SIGTERM, then SIGKILL after 20 s)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def log_text(self) -> str:
        """Everything the bot wrote to its log so far."""
        return self._log_path.read_text(errors="replace") if self._log_path.exists() else ""


@pytest.fixture
def stack_bot(stack: Stack, fake_telegram: FakeBotApi, tmp_path: Path) -> Iterator[BotProcess]:
    """A bot process (not started yet) on the real stack's Rasa and database."""
    bot = BotProcess(
        fake_telegram,
        tmp_path / "bot.log",
        {
            "RASA_URL": stack.rasa_url,
            "DATABASE_URL": stack.settings.resolved_database_url(),
            "RASA_TRACKER_URL": stack.settings.resolved_tracker_url(),
            "DATA_DIR": str(tmp_path),
            "ALERT_TICK_SECONDS": "0.5",
        },
    )
    try:
        yield bot
    finally:
        bot.stop()
        assert fake_telegram.token not in bot.log_text(), "bot token leaked into the logs"


@pytest.fixture
def bot_process(stack_bot: BotProcess) -> subprocess.Popen[bytes]:
    """The bot process, started."""
    return stack_bot.start()


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
