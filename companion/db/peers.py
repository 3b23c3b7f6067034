"""Peer workers: registration by an admin or a one-time invite, roster and duty. Never commits."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import PeerInvite, PeerWorker

INVITE_PREFIX = "invite_"


async def add_peer(
    session: AsyncSession, telegram_user_id: int, name: str, intro: str, now: datetime
) -> PeerWorker:
    """Register (or re-activate) a peer worker by their Telegram user id."""
    worker = await peer_by_telegram_id(session, telegram_user_id, active_only=False)
    if worker is None:
        worker = PeerWorker(
            telegram_user_id=telegram_user_id,
            name=name,
            intro=intro,
            on_duty=False,
            active=True,
            created_at=now,
        )
        session.add(worker)
    else:
        worker.name, worker.active = name, True
        if intro:
            worker.intro = intro
    await session.flush()
    return worker


async def remove_peer(session: AsyncSession, telegram_user_id: int) -> PeerWorker | None:
    """Deactivate a worker (kept for the audit trail): no alerts, no staff rights, not listed."""
    worker = await peer_by_telegram_id(session, telegram_user_id)
    if worker is not None:
        worker.active = False
        worker.on_duty = False
        await session.flush()
    return worker


async def peer_by_telegram_id(
    session: AsyncSession, telegram_user_id: int, *, active_only: bool = True
) -> PeerWorker | None:
    """The worker with this Telegram user id (active ones only, unless asked)."""
    query = select(PeerWorker).where(PeerWorker.telegram_user_id == telegram_user_id)
    if active_only:
        query = query.where(PeerWorker.active.is_(True))
    result = await session.execute(query)
    return result.scalar_one_or_none()


async def list_peers(
    session: AsyncSession, *, include_inactive: bool = False
) -> Sequence[PeerWorker]:
    """Workers by name."""
    query = select(PeerWorker).order_by(PeerWorker.name, PeerWorker.id)
    if not include_inactive:
        query = query.where(PeerWorker.active.is_(True))
    result = await session.execute(query)
    return result.scalars().all()


async def on_duty_peers(session: AsyncSession) -> Sequence[PeerWorker]:
    """Active workers who are on duty now."""
    result = await session.execute(
        select(PeerWorker)
        .where(PeerWorker.active.is_(True), PeerWorker.on_duty.is_(True))
        .order_by(PeerWorker.id)
    )
    return result.scalars().all()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_invite(
    session: AsyncSession, name: str, now: datetime, valid_for: timedelta
) -> str:
    """A one-time invite; returns the raw token (only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    session.add(
        PeerInvite(token_hash=_hash(token), name=name, created_at=now, expires_at=now + valid_for)
    )
    await session.flush()
    return token


async def redeem_invite(
    session: AsyncSession, token: str, telegram_user_id: int, now: datetime
) -> PeerWorker | None:
    """Register the user who opened a valid, unused invite; None for unknown/used/expired."""
    result = await session.execute(
        select(PeerInvite).where(PeerInvite.token_hash == _hash(token)).with_for_update()
    )
    invite = result.scalar_one_or_none()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    invite.used_at, invite.used_by_telegram_id = now, telegram_user_id
    return await add_peer(session, telegram_user_id, invite.name, "", now)
