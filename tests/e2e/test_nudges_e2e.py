"""Nudges end to end: the bot process dispatches from the shared database to the fake Bot API.

A burst of due nudges is paced by the nudge budget, a risk alert during the burst still arrives
within 1 s (nudges never queue in front of it), a snooze button queues one repeat, and
/reminders pauses them.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from companion.db.clients import record_consent
from companion.db.models import Client, Nudge
from companion.db.peers import add_peer, remove_peer
from companion.db.session import create_engine, create_sessionmaker
from tests.conftest import Stack
from tests.e2e.conftest import BotProcess, has_text
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.integration

FIRST_CHAT = 6_100_000
BURST = 300
WORKER = 8_830_001
AT_RISK = 6_190_001


async def _seed(url: str) -> None:
    now = datetime.now(timezone.utc)
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s, s.begin():
        worker = await add_peer(s, WORKER, "Hemi", "Kia ora, I'm Hemi.", now)
        worker.on_duty = True
        await record_consent(s, AT_RISK, now, "Pacific/Auckland")
        await s.execute(
            insert(Client),
            [
                {
                    "chat_id": FIRST_CHAT + i,
                    "timezone": "Pacific/Auckland",
                    "consented_at": now,
                    "created_at": now,
                    "active": True,
                    "preferred_name": "Kiri",
                }
                for i in range(BURST)
            ],
        )
        ids = dict(
            (await s.execute(select(Client.chat_id, Client.id).where(Client.chat_id >= FIRST_CHAT)))
            .tuples()
            .all()
        )
        await s.execute(
            insert(Nudge),
            [
                {
                    "client_id": ids[FIRST_CHAT + i],
                    "chat_id": FIRST_CHAT + i,
                    "kind": "checkin",
                    "due_at": now - timedelta(seconds=30),
                    "status": "pending",
                    "attempts": 0,
                    "created_at": now,
                }
                for i in range(BURST)
            ],
        )
    await engine.dispose()


async def _nudges(url: str, chat_id: int) -> list[Nudge]:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s:
        rows = list(
            (await s.execute(select(Nudge).where(Nudge.chat_id == chat_id).order_by(Nudge.id)))
            .scalars()
            .all()
        )
    await engine.dispose()
    return rows


def _nudge_count(fake: FakeBotApi) -> int:
    return sum(
        1 for m in fake.sent_messages() if FIRST_CHAT <= m["chat"]["id"] < FIRST_CHAT + BURST
    )


async def _retire_worker(url: str) -> None:
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s, s.begin():
        await remove_peer(s, WORKER)  # the stack's database is shared with later tests
    await engine.dispose()


async def test_a_burst_of_nudges_is_paced_and_an_alert_overtakes_it(
    stack: Stack, fake_telegram: FakeBotApi, stack_bot: BotProcess
) -> None:
    url = stack.settings.resolved_database_url()
    await _seed(url)
    try:
        await _burst_alert_snooze_and_reminders(url, fake_telegram, stack_bot)
    finally:
        await _retire_worker(url)


async def _burst_alert_snooze_and_reminders(
    url: str, fake_telegram: FakeBotApi, stack_bot: BotProcess
) -> None:
    stack_bot.set_env(NUDGE_TICK_SECONDS="0.5", NUDGE_RATE_PER_SECOND="25")
    stack_bot.start()
    fake_telegram.wait_for_call("sendMessage", FIRST_CHAT, timeout=30)
    burst_started = time.monotonic()
    time.sleep(2.0)
    sent_at = time.monotonic()
    fake_telegram.push_text(AT_RISK, "i want to kill myself")
    [alert] = fake_telegram.wait_for_call("sendMessage", WORKER, predicate=has_text("RISK"))
    nudges_by_then = _nudge_count(fake_telegram)
    assert alert.received_at - sent_at < 1.0, "the alert waited behind nudges"
    assert nudges_by_then < BURST, "the burst was over before the alert: nothing was measured"
    deadline = time.monotonic() + 60
    while _nudge_count(fake_telegram) < BURST and time.monotonic() < deadline:
        time.sleep(0.2)
    elapsed = time.monotonic() - burst_started
    assert _nudge_count(fake_telegram) == BURST
    rate = (BURST - 1) / elapsed
    assert 15 <= rate <= 30, f"{rate:.1f} nudges a second (budget 25, Telegram allows 30)"
    print(f"burst of {BURST}: {rate:.1f}/s; alert after {alert.received_at - sent_at:.3f} s")

    # The client at risk gets no nudge while the episode is open (their row would say so).
    assert not await _nudges(url, AT_RISK)

    # A snooze tap queues one repeat in an hour; a forged id from another chat is refused.
    chat = FIRST_CHAT + 7
    [sent] = [n for n in await _nudges(url, chat) if n.status == "sent"]
    fake_telegram.push_callback(FIRST_CHAT + 8, f"nudge:snooze:{sent.id}:1h")
    fake_telegram.wait_for_call(
        "sendMessage", FIRST_CHAT + 8, predicate=has_text("That button has expired")
    )
    fake_telegram.push_callback(chat, f"nudge:snooze:{sent.id}:1h")
    [ok] = fake_telegram.wait_for_call("sendMessage", chat, predicate=has_text("No worries"))
    assert "check in again" in str(ok.params["text"])
    repeats = [n for n in await _nudges(url, chat) if n.status == "pending"]
    assert len(repeats) == 1
    assert (
        timedelta(minutes=59)
        < repeats[0].due_at - datetime.now(timezone.utc)
        < timedelta(minutes=61)
    )

    # /reminders answers even when the client has no schedule yet.
    fake_telegram.push_text(chat, "/reminders")
    fake_telegram.wait_for_call("sendMessage", chat, predicate=has_text("no reminders set"))
