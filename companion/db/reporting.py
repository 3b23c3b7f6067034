"""Queries behind `companion stats`. Aggregates only; they never commit."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.escalations import OPEN_STATUSES
from companion.db.models import Client, Escalation, Feedback, MoodEntry, PlanCheckin, Who5Result
from companion.reporting import ServiceStats

KINDS = ("risk", "request", "referral")


async def service_stats(session: AsyncSession, now: datetime, days: int = 30) -> ServiceStats:
    """Every figure of the coordinator's report, for the last `days` days."""
    since = now - timedelta(days=days)
    week = now - timedelta(days=7)

    async def by_kind(*conditions: object) -> dict[str, int]:
        rows = await session.execute(
            select(Escalation.kind, func.count()).where(*conditions).group_by(Escalation.kind)  # type: ignore[arg-type]
        )
        counts = dict.fromkeys(KINDS, 0)
        counts.update({kind: count for kind, count in rows.tuples()})
        return counts

    open_counts = await by_kind(Escalation.status.in_(OPEN_STATUSES))
    resolved_counts = await by_kind(
        Escalation.status == "resolved", Escalation.resolved_at >= since
    )
    acked = await session.execute(
        select(Escalation.created_at, Escalation.acknowledged_at).where(
            Escalation.created_at >= since, Escalation.acknowledged_at.is_not(None)
        )
    )
    ack_minutes = [
        (acked_at - created).total_seconds() / 60
        for created, acked_at in acked.tuples()
        if acked_at is not None
    ]
    unacked = await session.execute(
        select(func.count(), func.min(Escalation.created_at)).where(
            Escalation.status.in_(OPEN_STATUSES), Escalation.acknowledged_at.is_(None)
        )
    )
    unacked_count, oldest = unacked.one()
    oldest_minutes = None
    if oldest is not None:
        oldest_minutes = (now - _aware(oldest)).total_seconds() / 60
    active_ids = union(
        select(MoodEntry.client_id).where(MoodEntry.created_at >= since),
        select(PlanCheckin.client_id).where(PlanCheckin.created_at >= since),
        select(Who5Result.client_id).where(Who5Result.created_at >= since),
    ).subquery()
    active = await session.scalar(
        select(func.count())
        .select_from(Client)
        .where(Client.active.is_(True), Client.id.in_(select(active_ids.c[0])))
    )
    consented = await session.scalar(select(func.count()).select_from(Client))
    moods_week = await session.scalar(
        select(func.count()).select_from(MoodEntry).where(MoodEntry.created_at >= week)
    )
    checkins_week = await session.scalar(
        select(func.count()).select_from(PlanCheckin).where(PlanCheckin.created_at >= week)
    )
    ratings = await session.execute(
        select(Feedback.rating, func.count())
        .where(Feedback.created_at >= since)
        .group_by(Feedback.rating)
    )
    return ServiceStats(
        days=days,
        open_escalations=open_counts,
        resolved_escalations=resolved_counts,
        ack_minutes=ack_minutes,
        unacknowledged=int(unacked_count or 0),
        oldest_unacknowledged_minutes=oldest_minutes,
        active_clients=int(active or 0),
        consented_clients=int(consented or 0),
        checkins_this_week=int(moods_week or 0) + int(checkins_week or 0),
        feedback_ratings={int(r): int(n) for r, n in ratings.tuples()},
    )


def _aware(value: datetime) -> datetime:
    """UTCDateTime returns aware values; aggregate functions on SQLite may not."""
    from datetime import timezone

    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
