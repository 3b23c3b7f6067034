"""Telegram updates already handled, so a redelivered update is never handled twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models.base import Base
from companion.db.types import UTCDateTime


class ProcessedUpdate(Base):
    """One row per Telegram update_id the bot has started to handle (kept a few days)."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
