"""Edge cases of the coordinator figures (companion/reporting.py, companion/db/reporting.py).

tests/companion/test_reporting.py covers the main path; these pin down the windows and filters.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.clients import record_consent
from companion.db.escalations import create_escalation
from companion.db.models import Escalation, Feedback, MoodEntry, Who5Result
from companion.db.reporting import service_stats
from companion.reporting import ServiceStats, percentile

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


def test_percentile_edges() -> None:
    assert percentile([], 0.9) is None
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0  # odd count: the middle value, any order
    assert percentile([5.0, 1.0, 9.0], 0.0) == 1.0
    assert percentile([5.0, 1.0, 9.0], 1.0) == 9.0
    tens = [float(v) for v in range(100, -1, -10)]  # 11 values: p90 lands exactly on one
    assert percentile(tens, 0.9) == 90.0 and percentile(tens, 0.5) == 50.0


def test_empty_figures_format_without_numbers() -> None:
    empty = ServiceStats(
        days=7,
        open_escalations={"risk": 0, "request": 0, "referral": 0},
        resolved_escalations={"risk": 0, "request": 0, "referral": 0},
        ack_minutes=[],
        unacknowledged=0,
        oldest_unacknowledged_minutes=None,
        active_clients=0,
        consented_clients=0,
        checkins_this_week=0,
    )
    assert empty.ack_median is None and empty.satisfaction is None
    data = json.loads(empty.as_json())
    assert data["ack_p90_minutes"] is None and data["feedback_count"] == 0
    assert "last 7 days" in empty.as_text()


async def _episode(
    session: AsyncSession,
    *,
    created: datetime,
    kind: str = "risk",
    status: str = "open",
    ack_after: timedelta | None = None,
    resolved_at: datetime | None = None,
) -> Escalation:
    episode = await create_escalation(
        session,
        chat_id=987654321,
        kind=kind,
        level="high",
        reason="suicide",
        source="screen",
        trigger_text="secret words",
        now=created,
    )
    episode.status = status
    if ack_after is not None:
        episode.acknowledged_at = created + ack_after
    episode.resolved_at = resolved_at
    return episode


async def test_empty_database(session: AsyncSession) -> None:
    async with session.begin():
        stats = await service_stats(session, NOW, days=30)
    assert stats.open_escalations == {"risk": 0, "request": 0, "referral": 0}
    assert stats.ack_minutes == [] and stats.ack_median is None
    assert stats.unacknowledged == 0 and stats.oldest_unacknowledged_minutes is None
    assert (stats.active_clients, stats.consented_clients, stats.checkins_this_week) == (0, 0, 0)
    assert stats.satisfaction is None and stats.feedback_ratings == {}


async def test_windows_and_filters(session: AsyncSession) -> None:
    async with session.begin():
        # Ten acknowledged episodes in the window: 10, 20, ..., 100 minutes.
        for minutes in range(10, 101, 10):
            await _episode(
                session,
                created=NOW - timedelta(days=2),
                status="resolved",
                ack_after=timedelta(minutes=minutes),
                resolved_at=NOW - timedelta(days=1),
            )
        # Created before the window: its slow acknowledgement must not count.
        await _episode(
            session,
            created=NOW - timedelta(days=40),
            kind="request",
            status="resolved",
            ack_after=timedelta(hours=9),
            resolved_at=NOW - timedelta(days=35),
        )
        # Acknowledged and handed off: open, but not unacknowledged.
        await _episode(
            session,
            created=NOW - timedelta(hours=3),
            kind="request",
            status="handoff",
            ack_after=timedelta(minutes=55),
        )
        # Two unacknowledged ones; the oldest is 90 minutes old.
        await _episode(session, created=NOW - timedelta(minutes=90), kind="referral")
        await _episode(session, created=NOW - timedelta(minutes=5))

        active = await record_consent(session, 1, NOW - timedelta(days=60), "Pacific/Auckland")
        who5_only = await record_consent(session, 2, NOW - timedelta(days=60), "Pacific/Auckland")
        stale = await record_consent(session, 3, NOW - timedelta(days=60), "Pacific/Auckland")
        left = await record_consent(session, 4, NOW - timedelta(days=60), "Pacific/Auckland")
        left.active = False
        session.add(MoodEntry(client_id=active.id, score=6, created_at=NOW - timedelta(days=6)))
        session.add(MoodEntry(client_id=active.id, score=6, created_at=NOW - timedelta(days=8)))
        session.add(Who5Result(client_id=who5_only.id, answers="3,3,3,3,3", raw=15, created_at=NOW))
        session.add(MoodEntry(client_id=stale.id, score=2, created_at=NOW - timedelta(days=31)))
        session.add(MoodEntry(client_id=left.id, score=4, created_at=NOW - timedelta(days=1)))
        for rating, age in ((1, 3), (3, 3), (5, 3), (5, 45)):  # the 45-day-old one is out
            session.add(
                Feedback(client_id=active.id, rating=rating, created_at=NOW - timedelta(days=age))
            )

    async with session.begin():
        stats = await service_stats(session, NOW, days=30)

    # 10, 20, ..., 100 and the handoff's 55: eleven values, linear interpolation lands on them.
    assert sorted(stats.ack_minutes) == [10, 20, 30, 40, 50, 55, 60, 70, 80, 90, 100]
    assert stats.ack_median == 55.0 and stats.ack_p90 == 90.0
    assert stats.open_escalations == {"risk": 1, "request": 1, "referral": 1}
    assert stats.resolved_escalations == {"risk": 10, "request": 0, "referral": 0}
    assert stats.unacknowledged == 2
    assert stats.oldest_unacknowledged_minutes is not None
    assert round(stats.oldest_unacknowledged_minutes) == 90
    assert stats.active_clients == 2  # mood + WHO-5; not the stale one, not the inactive one
    assert stats.consented_clients == 4
    assert stats.checkins_this_week == 2  # moods 6 and 1 day old; the 8-day-old one is out
    assert stats.feedback_ratings == {1: 1, 3: 1, 5: 1}
    assert stats.satisfaction == 3.0
    rendered = stats.as_text() + stats.as_json()
    assert "secret words" not in rendered and "987654321" not in rendered
