"""Telegram updates already handled, so a redelivered update is never handled twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models.base import Base
from companion.db.types import UTCDateTime


class ProcessedUpdate(Base):
    """One row per (bot, update_id) the bot has started to handle (kept a few days).

    The bot's id is part of the key: update ids are per bot, so a service that moves to a new
    bot token must not see the new bot's first updates as repeats of the old one's.
    """

    __tablename__ = "processed_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
