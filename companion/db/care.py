"""Queries about the care map, referrals, feedback and peer workers. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import CarePerson, Feedback, PeerWorker, Referral
from companion.db.moods import count_moods_since


async def add_care_person(
    session: AsyncSession, client_id: int, name: str, kind: str, closeness: int, now: datetime
) -> CarePerson:
    """Add someone to the client's care map."""
    person = CarePerson(
        client_id=client_id, name=name, kind=kind, closeness=closeness, created_at=now
    )
    session.add(person)
    await session.flush()
    return person


async def care_people(session: AsyncSession, client_id: int) -> Sequence[CarePerson]:
    """The client's care map, in the order they added people."""
    result = await session.execute(
        select(CarePerson).where(CarePerson.client_id == client_id).order_by(CarePerson.id)
    )
    return result.scalars().all()


async def get_care_person(
    session: AsyncSession, client_id: int, person_id: int
) -> CarePerson | None:
    """A care-map entry if it belongs to this client."""
    result = await session.execute(
        select(CarePerson).where(CarePerson.id == person_id, CarePerson.client_id == client_id)
    )
    return result.scalar_one_or_none()


async def add_referral(
    session: AsyncSession, client_id: int, resource_key: str, need: str, now: datetime
) -> Referral:
    """Record that a resource was offered."""
    referral = Referral(client_id=client_id, resource_key=resource_key, need=need, created_at=now)
    session.add(referral)
    await session.flush()
    return referral


async def referral_to_follow_up(
    session: AsyncSession, client_id: int, offered_before: datetime
) -> Referral | None:
    """The oldest referral offered before the cut-off that hasn't been followed up."""
    result = await session.execute(
        select(Referral)
        .where(
            Referral.client_id == client_id,
            Referral.followed_up_at.is_(None),
            Referral.created_at <= offered_before,
        )
        .order_by(Referral.created_at, Referral.id)
        .limit(1)
    )
    return result.scalar_one_or_none()


async def add_feedback(
    session: AsyncSession, client_id: int, rating: int, comment: str | None, now: datetime
) -> Feedback:
    """Store a satisfaction rating."""
    feedback = Feedback(client_id=client_id, rating=rating, comment=comment, created_at=now)
    session.add(feedback)
    await session.flush()
    return feedback


async def moods_since_last_feedback(session: AsyncSession, client_id: int) -> int:
    """How many mood check-ins the client has made since they last gave feedback."""
    last = await session.scalar(
        select(func.max(Feedback.created_at)).where(Feedback.client_id == client_id)
    )
    return await count_moods_since(session, client_id, last)


async def available_peers(session: AsyncSession) -> Sequence[PeerWorker]:
    """Active peer workers clients can choose, by name."""
    result = await session.execute(
        select(PeerWorker).where(PeerWorker.active.is_(True)).order_by(PeerWorker.name)
    )
    return result.scalars().all()


async def get_peer(session: AsyncSession, peer_id: int) -> PeerWorker | None:
    """An active peer worker by id."""
    result = await session.execute(
        select(PeerWorker).where(PeerWorker.id == peer_id, PeerWorker.active.is_(True))
    )
    return result.scalar_one_or_none()
