"""Rasa's conversation history (its SQL tracker store): a client's events, read and deleted.

Rasa keeps every turn in its own database (table `events`, one row per event, keyed by the
sender id, which is the Telegram chat id). /mydata reads it and /forgetme deletes it directly,
so both work while the Rasa server is down and need no open Rasa HTTP API.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncEngine

from companion.db.session import create_engine

ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
# Event fields a client would recognise; the rest is Rasa's bookkeeping.
KEPT_TYPES = ("user", "bot", "slot")


def async_tracker_url(url: str) -> str:
    """The tracker store's URL (as Rasa writes it, sync driver) with an async driver."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in ASYNC_DRIVERS:
        raise ValueError(f"unsupported tracker store database: {backend}")
    return parsed.set(drivername=ASYNC_DRIVERS[backend]).render_as_string(hide_password=False)


def readable_event(type_name: str, data: str | None) -> dict[str, Any] | None:
    """A tracker event as the client would read it, or None for Rasa's bookkeeping."""
    if type_name not in KEPT_TYPES:
        return None
    try:
        event = json.loads(data or "{}")
    except json.JSONDecodeError:
        return None
    if not isinstance(event, dict):
        return None
    record: dict[str, Any] = {"type": type_name, "timestamp": event.get("timestamp")}
    if type_name == "slot":
        if event.get("value") is None:
            return None
        record["name"] = event.get("name")
        record["value"] = event.get("value")
        return record
    record["text"] = event.get("text")
    if type_name == "user":
        intent = event.get("parse_data", {}).get("intent", {})
        record["understood_as"] = intent.get("name") if isinstance(intent, dict) else None
    return record


def _no_events_table(exc: Exception) -> bool:
    message = str(exc)
    return "events" in message and ("no such table" in message or "does not exist" in message)


class TrackerHistory:
    """Reads and deletes one sender's events in Rasa's tracker database."""

    def __init__(self, tracker_url: str) -> None:
        self._url = async_tracker_url(tracker_url)

    async def _engine(self) -> AsyncEngine:
        return create_engine(self._url)

    async def events(self, sender_id: str) -> list[dict[str, Any]]:
        """The sender's readable events, oldest first ([] when Rasa never stored any)."""
        engine = await self._engine()
        try:
            async with engine.connect() as conn:
                rows = await conn.execute(
                    text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"),
                    {"s": sender_id},
                )
                found = [readable_event(t, d) for t, d in rows.all()]
        except (OperationalError, ProgrammingError) as exc:
            if _no_events_table(exc):
                return []  # Rasa has never stored a turn here
            raise
        finally:
            await engine.dispose()
        return [e for e in found if e is not None]

    async def delete(self, sender_id: str) -> int:
        """Delete every event of the sender; returns how many rows went."""
        engine = await self._engine()
        try:
            async with engine.begin() as conn:
                result = await conn.execute(
                    text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id}
                )
                return int(result.rowcount or 0)
        except (OperationalError, ProgrammingError) as exc:
            if _no_events_table(exc):
                return 0
            raise
        finally:
            await engine.dispose()
