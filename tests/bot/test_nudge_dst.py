"""Daily nudges across New Zealand's 2026 clock changes, through the dispatcher and a database."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.nudges import DispatchSettings, NudgeDispatcher, SendResult, Sent
from bot.send_budget import UnlimitedBudget
from companion.db import nudges as queries
from companion.db.clients import record_consent
from companion.db.session import create_engine, create_sessionmaker
from companion.replies import Reply

AUCKLAND = ZoneInfo("Pacific/Auckland")
CHATHAM = ZoneInfo("Pacific/Chatham")


class Clocked:
    """Records (chat, instant) of every check-in nudge, using the simulated clock."""

    def __init__(self) -> None:
        self.now = datetime(2000, 1, 1, tzinfo=timezone.utc)
        self.sent: list[tuple[int, datetime]] = []

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        if "check-in time" in reply.text:
            self.sent.append((chat_id, self.now))
        return Sent(len(self.sent))


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def run_days(
    sessions: async_sessionmaker[AsyncSession],
    clients: list[tuple[int, str, time]],
    start: datetime,
    days: int,
    step: timedelta = timedelta(minutes=15),
) -> Clocked:
    async with sessions() as session, session.begin():
        for chat_id, zone, at in clients:
            client = await record_consent(session, chat_id, start, zone)
            client.checkin_time = at
            await session.flush()
            await queries.sync_checkin_schedule(session, client, start)
    sender = Clocked()
    dispatcher = NudgeDispatcher(
        sessions, sender, UnlimitedBudget(), "w1", DispatchSettings(late_window=timedelta(hours=1))
    )
    sender.now = start
    while sender.now < start + timedelta(days=days):
        await dispatcher.run_until_idle(sender.now)
        sender.now += step
    return sender


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 4, 1, 0, 0, tzinfo=timezone.utc),  # NZDT ends 5 Apr 03:00 -> 02:00
        datetime(2026, 9, 23, 0, 0, tzinfo=timezone.utc),  # NZDT starts 27 Sep 02:00 -> 03:00
    ],
)
async def test_a_0230_daily_nudge_fires_once_per_local_date_across_the_change(
    sessions: async_sessionmaker[AsyncSession], start: datetime
) -> None:
    sender = await run_days(sessions, [(1, "Pacific/Auckland", time(2, 30))], start, days=8)
    local_dates = [at.astimezone(AUCKLAND).date() for _, at in sender.sent]
    assert len(local_dates) == len(set(local_dates)) >= 7  # never twice on one date
    first, last = min(local_dates), max(local_dates)
    assert set(local_dates) == {first + timedelta(days=i) for i in range((last - first).days + 1)}
    for _, at in sender.sent:
        wall = at.astimezone(AUCKLAND)
        if wall.date() == date(2026, 9, 27):
            assert wall.time() < time(3, 45)  # 02:30 does not exist: sent at 03:30
        else:
            assert time(2, 30) <= wall.time() < time(2, 45)


async def test_a_chatham_islands_client_gets_theirs_at_their_local_time(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    start = datetime(2026, 9, 24, 0, 0, tzinfo=timezone.utc)
    sender = await run_days(
        sessions,
        [(1, "Pacific/Chatham", time(9, 0)), (2, "Pacific/Auckland", time(9, 0))],
        start,
        days=6,
        step=timedelta(minutes=5),
    )
    by_chat = {chat: [at for c, at in sender.sent if c == chat] for chat in (1, 2)}
    assert len(by_chat[1]) == len(by_chat[2]) == 6
    for chatham, auckland in zip(by_chat[1], by_chat[2], strict=True):
        assert time(9, 0) <= chatham.astimezone(CHATHAM).time() < time(9, 5)
        assert time(9, 0) <= auckland.astimezone(AUCKLAND).time() < time(9, 5)
        assert auckland - chatham == timedelta(minutes=45)  # across the 27 Sep change too
    assert Counter(at.astimezone(CHATHAM).date() for at in by_chat[1]).most_common(1)[0][1] == 1
