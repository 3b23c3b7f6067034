"""Staff commands, buttons and invites through the real handlers (offline Bot API, real SQLite)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.escalation import EscalationService
from bot.staff import ESCALATION_KEY, TelegramStaffChannel
from companion.db.audit import audit_events
from companion.db.peers import add_peer, create_invite, peer_by_telegram_id
from companion.db.session import create_engine, create_sessionmaker
from tests.bot.fakes import make_conversation
from tests.bot.offline_telegram import build_offline_app, private_message, to_update

NOW = datetime.now(timezone.utc)
WORKER, STRANGER = 4242, 5


@pytest.fixture
async def sessions(sqlite_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(sqlite_url)
    sessions = create_sessionmaker(engine)
    async with sessions() as s, s.begin():
        await add_peer(s, WORKER, "Aroha", "", NOW)
    yield sessions
    await engine.dispose()


def _app(sessions: async_sessionmaker[AsyncSession]):  # type: ignore[no-untyped-def]
    app, request = build_offline_app(make_conversation())
    app.bot_data[ESCALATION_KEY] = EscalationService(
        sessions,
        TelegramStaffChannel(app.bot),
        backup_chat_id=None,
        resend_after=timedelta(minutes=5),
        max_sends=3,
    )
    return app, request


def _message(text: str, user_id: int, update_id: int) -> dict:  # type: ignore[type-arg]
    update = private_message(text, update_id=update_id)
    update["message"]["from"]["id"] = user_id
    update["message"]["chat"]["id"] = user_id
    return update


def _callback(data: str, user_id: int) -> dict:  # type: ignore[type-arg]
    return {
        "update_id": 90,
        "callback_query": {
            "id": "cb",
            "chat_instance": "ci",
            "from": {"id": user_id, "is_bot": False, "first_name": "X"},
            "data": data,
            "message": {
                "message_id": 7,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": 999, "is_bot": True, "first_name": "Companion"},
                "text": "alert",
            },
        },
    }


async def test_staff_commands_work_for_workers_and_are_refused_to_others(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    app, request = _app(sessions)
    async with app:
        await app.process_update(to_update(_message("/onduty", WORKER, 1), app))
        await app.process_update(to_update(_message("/onduty", STRANGER, 2), app))
        await app.process_update(to_update(_message("/resolve", STRANGER, 3), app))
        await app.process_update(to_update(_callback("esc:res:1", STRANGER), app))
        await app.process_update(to_update(_callback("esc:res:1; drop table", STRANGER), app))
    texts = request.sent_texts()
    assert texts[0].startswith("You're on duty")
    assert texts[1:] == ["Sorry, that command is only for peer workers."] * 2
    answers = [p for m, p in request.calls if m == "answerCallbackQuery"]
    assert all("only for peer workers" in str(p.get("text")) for p in answers) and len(answers) == 2
    async with sessions() as s:
        worker = await peer_by_telegram_id(s, WORKER)
        refused = await audit_events(s, action="staff_action_refused")
    assert worker is not None and worker.on_duty
    assert [e.actor_telegram_id for e in refused] == [STRANGER] * 4


async def test_a_one_time_invite_registers_its_first_user_only(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as s, s.begin():
        token = await create_invite(s, "Ben", NOW, timedelta(hours=72))
    app, request = _app(sessions)
    async with app:
        await app.process_update(to_update(_message(f"/start invite_{token}", 777, 1), app))
        await app.process_update(to_update(_message(f"/start invite_{token}", 778, 2), app))
    texts = request.sent_texts()
    assert texts[0].startswith("Kia ora Ben, you're registered as a peer worker")
    assert "isn't valid any more" in texts[1]
    async with sessions() as s:
        assert await peer_by_telegram_id(s, 777) is not None
        assert await peer_by_telegram_id(s, 778) is None
