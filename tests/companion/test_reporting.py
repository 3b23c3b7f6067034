"""Coordinator figures: percentile maths and the queries on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.clients import record_consent
from companion.db.escalations import create_escalation
from companion.db.models import ActionPlan, Feedback, MoodEntry, PlanCheckin
from companion.db.plans import add_plan
from companion.db.reporting import service_stats
from companion.reporting import percentile

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


def test_percentile_interpolates_and_handles_empty_lists() -> None:
    assert percentile([], 0.5) is None
    assert percentile([4.0], 0.9) == 4.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], 0.9) == 9.1


async def test_service_stats(session: AsyncSession) -> None:
    async with session.begin():
        sam = await record_consent(session, 1, NOW - timedelta(days=40), "Pacific/Auckland")
        await record_consent(session, 2, NOW - timedelta(days=40), "Pacific/Auckland")
        for minutes, kind in ((2, "risk"), (4, "risk"), (10, "request"), (30, "risk")):
            episode = await create_escalation(
                session,
                chat_id=1,
                kind=kind,
                level="high",
                reason="suicide",
                source="screen",
                trigger_text="x",
                now=NOW - timedelta(hours=5),
            )
            episode.acknowledged_at = episode.created_at + timedelta(minutes=minutes)
            episode.status = "resolved"
            episode.resolved_at = NOW - timedelta(hours=1)
        await create_escalation(
            session,
            chat_id=2,
            kind="risk",
            level="high",
            reason="plan",
            source="screen",
            trigger_text="y",
            now=NOW - timedelta(minutes=45),
        )
        session.add(MoodEntry(client_id=sam.id, score=5, created_at=NOW - timedelta(days=1)))
        session.add(MoodEntry(client_id=sam.id, score=5, created_at=NOW - timedelta(days=9)))
        plan = await add_plan(
            session,
            ActionPlan(
                client_id=sam.id,
                life_area="health",
                what="walk",
                how_much="10 min",
                when_text="after mahi",
                days_per_week=3,
                confidence=8,
                status="active",
                created_at=NOW - timedelta(days=3),
            ),
        )
        session.add(
            PlanCheckin(
                client_id=sam.id,
                plan_id=plan.id,
                outcome="done",
                created_at=NOW - timedelta(days=2),
            )
        )
        for rating in (4, 5, 5):
            session.add(
                Feedback(client_id=sam.id, rating=rating, created_at=NOW - timedelta(days=2))
            )
    async with session.begin():
        stats = await service_stats(session, NOW, days=30)
    assert stats.open_escalations["risk"] == 1
    assert stats.resolved_escalations == {"risk": 3, "request": 1, "referral": 0}
    assert stats.ack_median == 7.0 and stats.ack_p90 is not None and round(stats.ack_p90, 1) == 24.0
    assert stats.unacknowledged == 1
    assert stats.oldest_unacknowledged_minutes is not None
    assert round(stats.oldest_unacknowledged_minutes) == 45
    assert stats.active_clients == 1 and stats.consented_clients == 2
    assert stats.checkins_this_week == 2  # one mood and one plan check-in in the last 7 days
    assert stats.satisfaction is not None and round(stats.satisfaction, 2) == 4.67
    assert "Sam" not in stats.as_text() and '"unacknowledged": 1' in stats.as_json()
