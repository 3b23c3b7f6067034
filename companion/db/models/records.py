"""What clients tell the companion: moods, WHO-5, action plans, care map, referrals, feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.field_crypto import EncryptedText
from companion.db.models.base import Base, ClientOwned
from companion.db.types import UTCDateTime


class MoodEntry(ClientOwned, Base):
    """A 0-10 mood rating with an optional note."""

    __tablename__ = "mood_entries"

    score: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(EncryptedText)


class Who5Result(ClientOwned, Base):
    """A completed WHO-5 (five answers 0-5, raw total 0-25)."""

    __tablename__ = "who5_results"

    answers: Mapped[str] = mapped_column(String(16))
    raw: Mapped[int] = mapped_column(SmallInteger)


class ActionPlan(ClientOwned, Base):
    """A Brief Action Planning step: what, how much, when, how often, confidence."""

    __tablename__ = "action_plans"

    life_area: Mapped[str] = mapped_column(String(32))
    what: Mapped[str] = mapped_column(String(200))
    how_much: Mapped[str] = mapped_column(String(120))
    when_text: Mapped[str] = mapped_column(String(120))
    days_per_week: Mapped[int] = mapped_column(SmallInteger)
    confidence: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(16), default="active")
    care_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("care_people.id", ondelete="SET NULL")
    )


class PlanCheckin(ClientOwned, Base):
    """How a plan went: done, partly or not yet."""

    __tablename__ = "plan_checkins"

    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(16))


class CarePerson(ClientOwned, Base):
    """Someone or something in the client's care map, and how connected they feel (1-5)."""

    __tablename__ = "care_people"

    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    closeness: Mapped[int] = mapped_column(SmallInteger)


class Referral(ClientOwned, Base):
    """A community resource offered to the client, followed up at a later check-in."""

    __tablename__ = "referrals"

    resource_key: Mapped[str] = mapped_column(String(64))
    need: Mapped[str] = mapped_column(String(32))
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(16))


class Feedback(ClientOwned, Base):
    """A quick rating (1-5) of the service and an optional comment."""

    __tablename__ = "feedback"

    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(EncryptedText)
