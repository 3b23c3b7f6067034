"""Crisis episodes and what happens around them: alerts sent, audit trail, invites, Caring Contacts.

Episodes are keyed by chat id, not client id: a risk message from someone who never consented
still has to reach a person.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from companion.db.field_crypto import EncryptedText
from companion.db.models.base import Base
from companion.db.types import UTCDateTime

WORKER_FK = "peer_workers.id"


class Escalation(Base):
    """One episode: a risk message, a request for a person, or a soft referral."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # risk | request | referral
    level: Mapped[str] = mapped_column(String(16))  # high | medium | low
    reason: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))  # screen | rasa | client
    trigger_text: Mapped[str | None] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(
        String(16), index=True
    )  # open|acknowledged|handoff|resolved
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stage: Mapped[int] = mapped_column(SmallInteger, default=0)
    sends: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_alert_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey(WORKER_FK, ondelete="SET NULL"))
    handoff_worker_id: Mapped[int | None] = mapped_column(
        ForeignKey(WORKER_FK, ondelete="SET NULL"), index=True
    )
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey(WORKER_FK, ondelete="SET NULL"))


class AlertDelivery(Base):
    """One alert message sent to one chat (a worker, or the backup chat)."""

    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalations.id", ondelete="CASCADE"), index=True
    )
    recipient_chat_id: Mapped[int] = mapped_column(BigInteger)
    peer_worker_id: Mapped[int | None] = mapped_column(ForeignKey(WORKER_FK, ondelete="SET NULL"))
    message_id: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[int] = mapped_column(SmallInteger)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered: Mapped[bool] = mapped_column(default=True)


class AuditEvent(Base):
    """Who did what: alerts, acknowledgements, handoffs, staff access, refused attempts.

    Never holds client message text.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    peer_worker_id: Mapped[int | None] = mapped_column(Integer)
    client_chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    escalation_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(200), default="")


class PeerInvite(Base):
    """A one-time link that registers whoever opens it as a peer worker."""

    __tablename__ = "peer_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)


class CaringContact(Base):
    """A short message a peer worker wrote after an episode, sent to the client later."""

    __tablename__ = "caring_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int | None] = mapped_column(
        ForeignKey("escalations.id", ondelete="SET NULL")
    )
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey(WORKER_FK, ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    text: Mapped[str] = mapped_column(EncryptedText)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    status: Mapped[str] = mapped_column(String(16))  # scheduled | sent | skipped | cancelled
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    skip_reason: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
