"""A client's records: all of them for /mydata, and deleting them for /forgetme.

Tables are found from the models, not listed by hand, so a table added later with a client_id,
chat_id or client_chat_id column is exported and deleted without anyone remembering to.
They never commit: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapper

from companion.db.models import AuditEvent, Base, Client, Escalation

# Escalation states that still need a peer worker: their record stays until resolved.
OPEN_STATES = ("open", "acknowledged", "handoff")


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def _row(mapper: Mapper[Any], obj: Any) -> dict[str, Any]:
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def _table_name(mapper: Mapper[Any]) -> str:
    return str(mapper.class_.__tablename__)


def _client_mappers() -> list[tuple[Mapper[Any], str]]:
    """Every model holding a client's data, with the column naming the client.

    Ordered children first (reverse of the foreign-key order), the order deletion needs.
    """
    order = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
    found: list[tuple[Mapper[Any], str]] = []
    for mapper in Base.registry.mappers:
        if mapper.class_ is Client:
            continue
        keys = {attr.key for attr in mapper.column_attrs}
        for key in ("client_id", "chat_id", "client_chat_id"):
            if key in keys:
                found.append((mapper, key))
                break
    found.sort(key=lambda item: -order[_table_name(item[0])])
    return found


def _where(mapper: Mapper[Any], key: str, client: Client | None, chat_id: int) -> Any:
    column = getattr(mapper.class_, key)
    if key == "client_id":
        return column == (client.id if client is not None else -1)
    return column == chat_id


async def client_records(session: AsyncSession, chat_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything the app database holds about this chat, by table name."""
    client = (
        await session.execute(select(Client).where(Client.chat_id == chat_id))
    ).scalar_one_or_none()
    records: dict[str, list[dict[str, Any]]] = {}
    if client is not None:
        records[Client.__tablename__] = [_row(Client.__mapper__, client)]
    for mapper, key in _client_mappers():
        rows = await session.execute(
            select(mapper.class_)
            .where(_where(mapper, key, client, chat_id))
            .order_by(mapper.class_.id)
        )
        found = [_row(mapper, obj) for obj in rows.scalars()]
        if found:
            records[_table_name(mapper)] = found
    return records


@dataclass
class ForgetReport:
    """What /forgetme deleted and what it kept, and why."""

    deleted: dict[str, int] = field(default_factory=dict)
    kept_open_episodes: int = 0
    kept_safety_records: int = 0

    @property
    def total_deleted(self) -> int:
        return sum(self.deleted.values())


async def forget_client(
    session: AsyncSession, chat_id: int, now: datetime, retention: timedelta
) -> ForgetReport:
    """Delete everything about this chat, except safety records a rule keeps (their words go).

    Kept: an episode still open (a peer worker may be helping right now) and, when a retention
    period is configured, the record that an alert was raised within it, with the audit events
    about those records (who was alerted, who acknowledged). Every other audit event goes.
    """
    report = ForgetReport()
    client = (
        await session.execute(select(Client).where(Client.chat_id == chat_id))
    ).scalar_one_or_none()
    kept_ids = await _kept_escalations(session, chat_id, now, retention, report)
    if kept_ids:
        await session.execute(
            update(Escalation).where(Escalation.id.in_(kept_ids)).values(trigger_text=None)
        )
    for mapper, key in _client_mappers():
        cls = mapper.class_
        condition = _where(mapper, key, client, chat_id)
        if cls is Escalation and kept_ids:
            condition = condition & Escalation.id.not_in(kept_ids)
        if cls is AuditEvent and kept_ids:
            # The trail about a kept record stays with it.
            condition = condition & (
                AuditEvent.escalation_id.is_(None) | AuditEvent.escalation_id.not_in(kept_ids)
            )
        result = await session.execute(delete(cls).where(condition))
        count = int(getattr(result, "rowcount", 0) or 0)
        if count:
            report.deleted[_table_name(mapper)] = count
    if client is not None:
        await session.execute(delete(Client).where(Client.id == client.id))
        report.deleted[Client.__tablename__] = 1
    session.add(
        AuditEvent(at=now, action="client_forgotten", detail="deleted at the client's request")
    )
    return report


async def _kept_escalations(
    session: AsyncSession,
    chat_id: int,
    now: datetime,
    retention: timedelta,
    report: ForgetReport,
) -> list[int]:
    rows = await session.execute(
        select(Escalation.id, Escalation.status, Escalation.created_at).where(
            Escalation.chat_id == chat_id
        )
    )
    kept: list[int] = []
    for episode_id, status, created_at in rows.all():
        if status in OPEN_STATES:
            kept.append(episode_id)
            report.kept_open_episodes += 1
        elif retention > timedelta(0) and created_at >= now - retention:
            kept.append(episode_id)
            report.kept_safety_records += 1
    return kept
