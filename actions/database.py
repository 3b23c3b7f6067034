"""The action server's database access: one engine per process, created on first use in its loop."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from companion.db.session import create_sessionmaker, open_engine
from companion.settings import get_settings


@lru_cache(maxsize=1)
def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    """The session factory of this action server process."""
    return create_sessionmaker(open_engine(get_settings()))


def chat_id_of(sender_id: str | None) -> int | None:
    """The Telegram chat id Rasa knows as the sender, or None for senders that are not chats."""
    try:
        return int(sender_id) if sender_id is not None else None
    except ValueError:
        return None
