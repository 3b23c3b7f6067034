"""Scheduled nudges: what a client asked for (schedules) and each message due (the outbox)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.field_crypto import EncryptedText
from companion.db.models.base import Base
from companion.db.types import UTCDateTime


class NudgeSchedule(Base):
    """A repeating nudge: a wall-clock time in the client's zone on chosen weekdays.

    The zone is read from the client at each occurrence, so moving zone moves the nudge.
    """

    __tablename__ = "nudge_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # checkin | goal
    local_time: Mapped[time] = mapped_column(Time())
    weekdays: Mapped[int] = mapped_column(SmallInteger, default=0b1111111)  # bit 0 = Monday
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused | stopped
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Nudge(Base):
    """One message due at one instant; claimed, sent or skipped exactly once.

    A repeating schedule has at most one nudge per local date (the unique constraint), so a
    replica that computes the next occurrence twice cannot queue it twice.
    """

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("schedule_id", "local_date", name="uq_nudges_schedule_local_date"),
        # Only rows still to send are indexed, so a tick costs the same however many clients
        # have nothing due.
        Index(
            "ix_nudges_due",
            "due_at",
            postgresql_where=text("status IN ('pending', 'claimed', 'sending')"),
            sqlite_where=text("status IN ('pending', 'claimed', 'sending')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("nudge_schedules.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))  # checkin | goal | followup | snooze
    plan_id: Mapped[int | None] = mapped_column(Integer)
    # Only for one-off nudges with their own words.
    body: Mapped[str | None] = mapped_column(EncryptedText)
    local_date: Mapped[date | None] = mapped_column(Date())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # pending -> claimed (lease) -> sending -> sent | skipped; a lapsed lease returns it to be
    # claimed again (a "sending" row whose lease lapsed may have reached Telegram: see dispatch).
    status: Mapped[str] = mapped_column(String(16), default="pending")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    sending_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # handed to Telegram
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    skip_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
