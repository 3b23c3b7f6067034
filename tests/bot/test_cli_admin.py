"""More of `companion peers`, `triage` and `stats` in-process on SQLite (see test_admin_cli)."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from companion.db.clients import record_consent
from companion.db.escalations import create_escalation
from companion.db.migrate import upgrade_database
from companion.db.models import AuditEvent, Feedback, MoodEntry, PeerInvite
from companion.db.session import create_engine, create_sessionmaker
from companion.settings import get_settings

CHAT_ID = 555123987


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite file that the CLI finds through DATABASE_URL (settings are cached)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def _audit_actions(url: str) -> list[str]:
    async def fetch() -> list[str]:
        engine = create_engine(url)
        async with create_sessionmaker(engine)() as s:
            rows = (await s.execute(select(AuditEvent.action).order_by(AuditEvent.id))).scalars()
            actions = list(rows)
        await engine.dispose()
        return actions

    return asyncio.run(fetch())


def _populate(url: str) -> None:
    """One unacknowledged risk episode, one acknowledged one, a mood and two ratings."""
    upgrade_database(url)
    now = datetime.now(timezone.utc)

    async def fill() -> None:
        engine = create_engine(url)
        async with create_sessionmaker(engine)() as s, s.begin():
            client = await record_consent(s, CHAT_ID, now - timedelta(days=3), "Pacific/Auckland")
            for created, ack in ((now - timedelta(minutes=30), None), (now, 12)):
                episode = await create_escalation(
                    s,
                    chat_id=CHAT_ID,
                    kind="risk",
                    level="high",
                    reason="suicide",
                    source="screen",
                    trigger_text="private words",
                    now=created - timedelta(hours=1),
                )
                if ack is not None:
                    episode.status = "acknowledged"
                    episode.acknowledged_at = episode.created_at + timedelta(minutes=ack)
            s.add(MoodEntry(client_id=client.id, score=4, note="private note", created_at=now))
            for rating in (3, 5):
                s.add(Feedback(client_id=client.id, rating=rating, comment="kind", created_at=now))
        await engine.dispose()

    asyncio.run(fill())


def test_invite_without_a_bot_username(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["peers", "invite", "--name", "Mere", "--hours", "12"]) == 0
    out = capsys.readouterr().out
    assert "t.me" not in out and "/start invite_" in out
    assert "works once" in out and "12 hours" in out
    token = out.split("/start invite_", 1)[1].split()[0]
    assert len(token) >= 24
    assert _audit_actions(database) == ["invite_created"]

    async def stored() -> PeerInvite:
        engine = create_engine(database)
        async with create_sessionmaker(engine)() as s:
            invite = (await s.execute(select(PeerInvite))).scalar_one()
        await engine.dispose()
        return invite

    invite = asyncio.run(stored())
    assert invite.expires_at - invite.created_at == timedelta(hours=12)
    assert token not in invite.token_hash


def test_removed_worker_can_be_added_again(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["peers", "add", "--telegram-id", "77", "--name", "Tama"]) == 0
    assert main(["peers", "remove", "77"]) == 0
    assert main(["peers", "remove", "77"]) == 1  # already removed: not found among active ones
    capsys.readouterr()
    assert main(["peers", "add", "--telegram-id", "77", "--name", "Tama R"]) == 0
    main(["peers", "list"])
    assert "77\tTama R\toff duty\tactive" in capsys.readouterr().out
    assert _audit_actions(database) == ["peer_added", "peer_removed", "peer_added"]


def test_triage_keeps_non_ascii_and_is_quiet_without_summary(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("   \nkei te pēhea koe 😊\n"))
    assert main(["triage"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "pēhea koe 😊" in captured.out  # written as is, not \u-escaped
    [record] = [json.loads(line) for line in captured.out.splitlines()]
    assert record == {
        "text": "kei te pēhea koe 😊",
        "escalate": False,
        "level": "none",
        "reason": "",
    }


def test_stats_on_a_populated_database(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    _populate(database)
    assert main(["stats", "--days", "14"]) == 0
    text = capsys.readouterr().out
    assert "last 14 days" in text and "12.0 min" in text and "4.00/5 from 2" in text
    assert main(["stats", "--json"]) == 0
    raw = capsys.readouterr().out
    data = json.loads(raw)
    assert data["open_escalations"]["risk"] == 2
    assert data["unacknowledged"] == 1 and data["ack_median_minutes"] == 12.0
    assert round(data["oldest_unacknowledged_minutes"]) == 90
    assert data["active_clients"] == 1 and data["checkins_this_week"] == 1
    assert data["feedback_ratings"] == {"3": 1, "5": 1} and data["satisfaction_mean"] == 4.0
    for secret in (str(CHAT_ID), "private", "kind"):
        assert secret not in raw and secret not in text
