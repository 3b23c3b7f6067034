"""Queries about action plans and their check-ins. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import ActionPlan, PlanCheckin


async def add_plan(session: AsyncSession, plan: ActionPlan) -> ActionPlan:
    """Store a new plan."""
    session.add(plan)
    await session.flush()
    return plan


async def active_plans(session: AsyncSession, client_id: int) -> Sequence[ActionPlan]:
    """The client's active plans, oldest first."""
    result = await session.execute(
        select(ActionPlan)
        .where(ActionPlan.client_id == client_id, ActionPlan.status == "active")
        .order_by(ActionPlan.created_at, ActionPlan.id)
    )
    return result.scalars().all()


async def get_plan(session: AsyncSession, client_id: int, plan_id: int) -> ActionPlan | None:
    """The plan if it belongs to this client (ids in buttons can be forged)."""
    result = await session.execute(
        select(ActionPlan).where(ActionPlan.id == plan_id, ActionPlan.client_id == client_id)
    )
    return result.scalar_one_or_none()


async def add_checkin(
    session: AsyncSession, plan: ActionPlan, outcome: str, now: datetime
) -> PlanCheckin:
    """Record how the plan went."""
    checkin = PlanCheckin(
        client_id=plan.client_id, plan_id=plan.id, outcome=outcome, created_at=now
    )
    session.add(checkin)
    await session.flush()
    return checkin


async def checkins_since(
    session: AsyncSession, client_id: int, since: datetime
) -> Sequence[PlanCheckin]:
    """The client's plan check-ins from `since` on."""
    result = await session.execute(
        select(PlanCheckin)
        .where(PlanCheckin.client_id == client_id, PlanCheckin.created_at >= since)
        .order_by(PlanCheckin.created_at)
    )
    return result.scalars().all()


async def done_times(session: AsyncSession, plan_id: int) -> Sequence[datetime]:
    """When the plan was checked in as done."""
    result = await session.execute(
        select(PlanCheckin.created_at).where(
            PlanCheckin.plan_id == plan_id, PlanCheckin.outcome == "done"
        )
    )
    return result.scalars().all()
