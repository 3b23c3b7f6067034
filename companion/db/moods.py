"""Queries about mood entries and WHO-5 results. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MoodEntry, Who5Result


async def add_mood(session: AsyncSession, client_id: int, score: int, now: datetime) -> MoodEntry:
    """Store a 0-10 mood rating."""
    entry = MoodEntry(client_id=client_id, score=score, created_at=now)
    session.add(entry)
    await session.flush()
    return entry


async def recent_moods(session: AsyncSession, client_id: int, limit: int) -> Sequence[MoodEntry]:
    """The client's latest mood entries, newest first."""
    result = await session.execute(
        select(MoodEntry)
        .where(MoodEntry.client_id == client_id)
        .order_by(MoodEntry.created_at.desc(), MoodEntry.id.desc())
        .limit(limit)
    )
    return result.scalars().all()


async def moods_since(
    session: AsyncSession, client_id: int, since: datetime
) -> Sequence[MoodEntry]:
    """Mood entries from `since` on, oldest first."""
    result = await session.execute(
        select(MoodEntry)
        .where(MoodEntry.client_id == client_id, MoodEntry.created_at >= since)
        .order_by(MoodEntry.created_at, MoodEntry.id)
    )
    return result.scalars().all()


async def count_moods_since(
    session: AsyncSession, client_id: int, since: datetime | None = None
) -> int:
    """How many mood check-ins the client made after `since` (all of them when None)."""
    query = select(func.count(MoodEntry.id)).where(MoodEntry.client_id == client_id)
    if since is not None:
        query = query.where(MoodEntry.created_at > since)
    return int(await session.scalar(query) or 0)


async def add_who5(
    session: AsyncSession, client_id: int, answers: Sequence[int], raw: int, now: datetime
) -> Who5Result:
    """Store a completed WHO-5."""
    entry = Who5Result(
        client_id=client_id, answers=",".join(map(str, answers)), raw=raw, created_at=now
    )
    session.add(entry)
    await session.flush()
    return entry


async def latest_who5(session: AsyncSession, client_id: int) -> Who5Result | None:
    """The client's most recent WHO-5, if any."""
    result = await session.execute(
        select(Who5Result)
        .where(Who5Result.client_id == client_id)
        .order_by(Who5Result.created_at.desc(), Who5Result.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()
