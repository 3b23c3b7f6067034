"""Queries about clients. They never commit: the caller owns the transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Client


async def get_client(session: AsyncSession, chat_id: int) -> Client | None:
    """The client with this Telegram chat id, if they have consented."""
    result = await session.execute(select(Client).where(Client.chat_id == chat_id))
    return result.scalar_one_or_none()


async def record_consent(
    session: AsyncSession, chat_id: int, now: datetime, timezone: str
) -> Client:
    """Create the client at the moment they consent, or renew the consent of an existing one."""
    client = await get_client(session, chat_id)
    if client is None:
        client = Client(
            chat_id=chat_id, timezone=timezone, consented_at=now, created_at=now, active=True
        )
        session.add(client)
    else:
        client.consented_at = now
        client.active = True
    await session.flush()
    return client


async def require_client(session: AsyncSession, chat_id: int) -> Client:
    """The client, or LookupError when they have not consented (nothing may be stored)."""
    client = await get_client(session, chat_id)
    if client is None:
        raise LookupError("no consent recorded for this chat")
    return client
