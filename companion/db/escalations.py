"""Queries about crisis episodes, alert deliveries and handoffs. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import AlertDelivery, Escalation

OPEN_STATUSES = ("open", "acknowledged", "handoff")


async def create_escalation(
    session: AsyncSession,
    *,
    chat_id: int,
    kind: str,
    level: str,
    reason: str,
    source: str,
    trigger_text: str | None,
    now: datetime,
) -> Escalation:
    """Open a new episode (not yet alerted: stage 0, no sends)."""
    episode = Escalation(
        chat_id=chat_id,
        kind=kind,
        level=level,
        reason=reason,
        source=source,
        trigger_text=trigger_text,
        status="open",
        created_at=now,
        stage=0,
        sends=0,
    )
    session.add(episode)
    await session.flush()
    return episode


async def get_escalation(
    session: AsyncSession, escalation_id: int, *, for_update: bool = False
) -> Escalation | None:
    """An episode by id; `for_update` locks its row until the transaction ends (PostgreSQL;
    SQLite has one writer at a time anyway)."""
    return await session.get(Escalation, escalation_id, with_for_update=for_update)


async def open_episode_for_chat(session: AsyncSession, chat_id: int) -> Escalation | None:
    """The client's latest episode that is not resolved yet."""
    result = await session.execute(
        select(Escalation)
        .where(Escalation.chat_id == chat_id, Escalation.status.in_(OPEN_STATUSES))
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def has_open_crisis(session: AsyncSession, chat_id: int) -> bool:
    """True while a risk episode is open for this chat: scheduled messages must pause."""
    result = await session.execute(
        select(Escalation.id)
        .where(
            Escalation.chat_id == chat_id,
            Escalation.kind == "risk",
            Escalation.status.in_(OPEN_STATUSES),
        )
        .limit(1)
    )
    return result.scalar_one_or_none() is not None


async def handoff_for_chat(session: AsyncSession, chat_id: int) -> Escalation | None:
    """The episode in which a peer worker is talking with this client, if any."""
    result = await session.execute(
        select(Escalation)
        .where(Escalation.chat_id == chat_id, Escalation.status == "handoff")
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def handoff_for_worker(session: AsyncSession, worker_id: int) -> Escalation | None:
    """The episode this worker has taken over, if any (one at a time)."""
    result = await session.execute(
        select(Escalation)
        .where(Escalation.handoff_worker_id == worker_id, Escalation.status == "handoff")
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def due_for_resend(
    session: AsyncSession, now: datetime, limit: int = 50
) -> Sequence[Escalation]:
    """Unacknowledged episodes whose next alert is due (rows locked on PostgreSQL)."""
    result = await session.execute(
        select(Escalation)
        .where(
            Escalation.status == "open",
            Escalation.next_alert_at.is_not(None),
            Escalation.next_alert_at <= now,
        )
        .order_by(Escalation.next_alert_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.scalars().all()


async def add_delivery(
    session: AsyncSession,
    *,
    escalation_id: int,
    recipient_chat_id: int,
    peer_worker_id: int | None,
    message_id: int | None,
    stage: int,
    delivered: bool,
    now: datetime,
) -> AlertDelivery:
    """Record one alert message sent (or attempted)."""
    delivery = AlertDelivery(
        escalation_id=escalation_id,
        recipient_chat_id=recipient_chat_id,
        peer_worker_id=peer_worker_id,
        message_id=message_id,
        stage=stage,
        sent_at=now,
        delivered=delivered,
    )
    session.add(delivery)
    await session.flush()
    return delivery


async def deliveries(session: AsyncSession, escalation_id: int) -> Sequence[AlertDelivery]:
    """Every alert message of an episode, oldest first."""
    result = await session.execute(
        select(AlertDelivery)
        .where(AlertDelivery.escalation_id == escalation_id)
        .order_by(AlertDelivery.id)
    )
    return result.scalars().all()


async def was_alerted(session: AsyncSession, escalation_id: int, peer_worker_id: int) -> bool:
    """True when this worker received an alert for the episode (so may see its client)."""
    result = await session.execute(
        select(AlertDelivery.id)
        .where(
            AlertDelivery.escalation_id == escalation_id,
            AlertDelivery.peer_worker_id == peer_worker_id,
        )
        .limit(1)
    )
    return result.scalar_one_or_none() is not None
