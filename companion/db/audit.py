"""The audit trail: every alert, acknowledgement, handoff, staff access and refused attempt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import AuditEvent


async def audit(
    session: AsyncSession,
    action: str,
    now: datetime,
    *,
    actor_telegram_id: int | None = None,
    peer_worker_id: int | None = None,
    client_chat_id: int | None = None,
    escalation_id: int | None = None,
    detail: str = "",
) -> None:
    """Add one audit event. `detail` is for ids and outcomes, never client message text."""
    session.add(
        AuditEvent(
            at=now,
            action=action,
            actor_telegram_id=actor_telegram_id,
            peer_worker_id=peer_worker_id,
            client_chat_id=client_chat_id,
            escalation_id=escalation_id,
            detail=detail[:200],
        )
    )
    await session.flush()


async def audit_events(
    session: AsyncSession, *, escalation_id: int | None = None, action: str | None = None
) -> Sequence[AuditEvent]:
    """Audit events, oldest first, optionally for one episode or one kind of action."""
    query = select(AuditEvent).order_by(AuditEvent.id)
    if escalation_id is not None:
        query = query.where(AuditEvent.escalation_id == escalation_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    result = await session.execute(query)
    return result.scalars().all()
