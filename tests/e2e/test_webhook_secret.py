"""Webhook mode checks the secret token header: forged calls are refused, real ones served."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.services import PROJECT_ROOT
from companion.db.migrate import upgrade_database
from tests.conftest import free_port
from tests.fakes.bot_api import FakeBotApi

SECRET = "webhook-secret-for-tests"
CHAT = 6_500_001


def test_webhook_refuses_calls_without_the_secret_token_and_serves_real_ones(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"
    upgrade_database(url)
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram"
    with FakeBotApi() as fake:
        env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_BASE_URL=fake.base_url,
            TELEGRAM_WEBHOOK_URL=hook,
            TELEGRAM_WEBHOOK_SECRET=SECRET,
            TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
            TELEGRAM_WEBHOOK_PORT=str(port),
            DATABASE_URL=url,
            DATA_DIR=str(tmp_path),
            RASA_URL="http://127.0.0.1:9",
        )
        with (tmp_path / "bot.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "bot"],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        try:
            [call] = fake.wait_for_call("setWebhook", timeout=60)
            assert call.params.get("secret_token") == SECRET
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    httpx.get(hook, timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            forged = httpx.post(hook, json=fake.sticker_update(CHAT, 1), timeout=5)
            wrong = httpx.post(
                hook,
                json=fake.sticker_update(CHAT, 2),
                headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
                timeout=5,
            )
            assert forged.status_code == 403 and wrong.status_code == 403
            real = httpx.post(
                hook,
                json=fake.sticker_update(CHAT, 3),
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                timeout=5,
            )
            assert real.status_code == 200
            [reply] = fake.wait_for_call("sendMessage", CHAT, timeout=10)
            assert "only read text" in str(reply.params["text"])
            time.sleep(0.5)
            assert len(fake.calls("sendMessage", CHAT)) == 1  # the forged ones did nothing
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        assert fake.token not in (tmp_path / "bot.log").read_text(errors="replace")
