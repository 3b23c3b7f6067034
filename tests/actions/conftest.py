"""Action tests: a real migrated database (SQLite and PostgreSQL) behind the actions' factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.database import get_sessionmaker
from companion.settings import get_settings


@pytest.fixture
async def action_db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """Point the action server's engine at a migrated test database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    get_sessionmaker.cache_clear()
    yield database_url
    if get_sessionmaker.cache_info().currsize:
        await get_sessionmaker().kw["bind"].dispose()
    get_settings.cache_clear()
    get_sessionmaker.cache_clear()


def make_tracker(
    sender_id: str,
    intent: str = "",
    slots: dict[str, Any] | None = None,
    entities: dict[str, str] | None = None,
    text: str = "",
) -> Tracker:
    """A tracker as Rasa would send it for the latest message."""
    return Tracker(
        sender_id=sender_id,
        slots=slots or {},
        latest_message={
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
            "text": text,
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run_action(
    action: Any, tracker: Tracker
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run an action; return (events, messages)."""
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return events, dispatcher.messages


async def consent(chat_id: int) -> None:
    """Record consent for a chat, as the consent button would."""
    from actions.consent import ActionRecordConsent

    await run_action(ActionRecordConsent(), make_tracker(str(chat_id), "consent_yes"))
