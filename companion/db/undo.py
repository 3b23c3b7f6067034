"""Taking back a mistaken entry. Deletes only rows owned by the client."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import (
    ActionPlan,
    CarePerson,
    Feedback,
    MoodEntry,
    PlanCheckin,
    Who5Result,
)
from companion.db.models.base import ClientOwned

UNDOABLE: dict[str, type[ClientOwned]] = {
    "mood": MoodEntry,
    "who5": Who5Result,
    "plan": ActionPlan,
    "checkin": PlanCheckin,
    "care": CarePerson,
    "feedback": Feedback,
}
DESCRIPTIONS = {
    "mood": "mood check-in",
    "who5": "wellbeing check",
    "plan": "goal",
    "checkin": "goal check-in",
    "care": "care map entry",
    "feedback": "feedback",
}


def parse_undo_ref(ref: str) -> tuple[str, int] | None:
    """("mood", 12) from "mood:12"; None if it isn't one of ours."""
    kind, _, raw = ref.partition(":")
    if kind not in UNDOABLE or not raw.isdigit():
        return None
    return kind, int(raw)


async def delete_entry(session: AsyncSession, client_id: int, kind: str, entry_id: int) -> bool:
    """Delete the entry if it is the client's; True when something was deleted."""
    model = UNDOABLE[kind]
    row = await session.scalar(
        select(model).where(model.id == entry_id, model.client_id == client_id)
    )
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    return True


async def latest_entry(
    session: AsyncSession, client_id: int, since: datetime
) -> tuple[str, int] | None:
    """The client's most recent entry of any kind made since `since`."""
    newest: tuple[datetime, str, int] | None = None
    for kind, model in UNDOABLE.items():
        row = await session.scalar(
            select(model)
            .where(model.client_id == client_id, model.created_at >= since)
            .order_by(model.created_at.desc(), model.id.desc())
            .limit(1)
        )
        if row is not None and (newest is None or row.created_at > newest[0]):
            newest = (row.created_at, kind, row.id)
    return (newest[1], newest[2]) if newest else None
