"""Which columns hold free text encrypted at rest, and encrypting rows written before a key."""

from __future__ import annotations

from sqlalchemy import String, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from companion.db.field_crypto import PREFIX, current_cipher
from companion.db.models import CaringContact, Escalation, Feedback, MoodEntry, Nudge

ENCRYPTED_COLUMNS: tuple[InstrumentedAttribute[str | None], ...] = (
    MoodEntry.note,
    Feedback.comment,
    Escalation.trigger_text,
    CaringContact.text,
    Nudge.body,
)


async def encrypt_plain_values(session: AsyncSession) -> int:
    """Re-write every plain-text value of ENCRYPTED_COLUMNS through the cipher."""
    if current_cipher() is None:
        raise RuntimeError("no cipher configured")
    changed = 0
    for column in ENCRYPTED_COLUMNS:
        table = column.class_
        key = table.id
        # The pattern is a plain string: bound as the column's type it would be encrypted too.
        rows = await session.execute(
            select(key, column).where(
                column.is_not(None), column.not_like(literal(f"{PREFIX}%", String()))
            )
        )
        for row_id, value in rows.all():
            await session.execute(update(table).where(key == row_id).values({column.key: value}))
            changed += 1
    return changed
