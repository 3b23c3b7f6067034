"""Clients and peer workers."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import BigInteger, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.models.base import Base
from companion.db.types import UTCDateTime


class PeerWorker(Base):
    """A registered peer support worker; clients see the name and the intro they wrote."""

    __tablename__ = "peer_workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(64))
    intro: Mapped[str] = mapped_column(String(300), default="")
    on_duty: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Client(Base):
    """A person who talks to the companion. No row exists before they consent."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    preferred_name: Mapped[str | None] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64), default="Pacific/Auckland")
    checkin_time: Mapped[time | None] = mapped_column(Time())
    quiet_start: Mapped[time | None] = mapped_column(Time())
    quiet_end: Mapped[time | None] = mapped_column(Time())
    region: Mapped[str | None] = mapped_column(String(64))
    peer_worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("peer_workers.id", ondelete="SET NULL")
    )
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(default=True)
