"""Each Telegram update is handled once: 1,000 updates delivered 2-3 times -> 1,000 replies.

The bot process polls the fake Bot API, which hands it every update two or three times in a
row (as a redelivery or a retried webhook would). Stickers get a fixed reply without Rasa, so
the count of replies is the count of times a handler ran.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import func, select

from companion.db.migrate import upgrade_database
from companion.db.models import ProcessedUpdate
from companion.db.session import create_engine, create_sessionmaker
from tests.e2e.conftest import BotProcess
from tests.fakes.bot_api import FakeBotApi

UPDATES = 1000
FIRST_CHAT = 6_400_000


async def _recorded(url: str) -> int:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as session:
        count = await session.scalar(select(func.count()).select_from(ProcessedUpdate))
    await engine.dispose()
    return int(count or 0)


def test_1000_updates_delivered_two_or_three_times_get_one_reply_each(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"
    upgrade_database(url)
    with FakeBotApi() as fake:
        deliveries = 0
        for i in range(UPDATES):
            update = fake.sticker_update(FIRST_CHAT + i % 50, 10_000 + i)
            for _ in range(2 + i % 2):  # 2 or 3 copies, back to back
                fake.push_update(update)
                deliveries += 1
        bot = BotProcess(
            fake,
            tmp_path / "bot.log",
            {"DATABASE_URL": url, "DATA_DIR": str(tmp_path), "RASA_URL": "http://127.0.0.1:9"},
        )
        try:
            bot.start()
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                replies = [
                    c
                    for c in fake.calls("sendMessage")
                    if FIRST_CHAT <= int(c.params.get("chat_id", 0)) < FIRST_CHAT + 50
                ]
                if len(replies) >= UPDATES:
                    break
                time.sleep(0.5)
            time.sleep(2.0)  # anything still to come would be a duplicate
            replies = [
                c
                for c in fake.calls("sendMessage")
                if FIRST_CHAT <= int(c.params.get("chat_id", 0)) < FIRST_CHAT + 50
            ]
        finally:
            bot.stop()
    assert deliveries == 2500
    assert len(replies) == UPDATES, f"{len(replies)} replies to {UPDATES} distinct updates"
    assert asyncio.run(_recorded(url)) == UPDATES
