"""Queries for handled Telegram updates (idempotent update handling)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models.updates import ProcessedUpdate


async def first_delivery(session: AsyncSession, bot_id: int, update_id: int, now: datetime) -> bool:
    """Record the update; True the first time this bot sees it, False for a redelivery."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    result = await session.execute(
        insert(ProcessedUpdate)
        .values(bot_id=bot_id, update_id=update_id, received_at=now)
        .on_conflict_do_nothing()
        .returning(ProcessedUpdate.update_id)
    )
    return result.scalar_one_or_none() is not None


async def forget_before(session: AsyncSession, cutoff: datetime) -> int:
    """Drop records older than `cutoff` (Telegram redelivers within hours, not days)."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.received_at < cutoff)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
