"""`companion peers`, `companion triage` and `companion stats`, run in-process on SQLite."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from companion.db.models import AuditEvent, PeerInvite
from companion.db.session import create_engine, create_sessionmaker
from companion.settings import get_settings


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'admin.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    if hasattr(get_settings, "cache_clear"):
        get_settings.cache_clear()
    return url


def _rows(url: str, model: type) -> list:  # type: ignore[type-arg]
    async def fetch() -> list:  # type: ignore[type-arg]
        engine = create_engine(url)
        async with create_sessionmaker(engine)() as s:
            rows = list((await s.execute(select(model))).scalars())
        await engine.dispose()
        return rows

    return asyncio.run(fetch())


def test_peers_add_list_remove(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["peers", "add", "--telegram-id", "4242", "--name", "Aroha", "--intro", "Kia ora"])
        == 0
    )
    assert "Registered Aroha" in capsys.readouterr().out
    assert main(["peers", "list"]) == 0
    listing = capsys.readouterr().out
    assert "4242\tAroha\toff duty\tactive\tKia ora" in listing
    assert main(["peers", "remove", "4242"]) == 0
    assert "Removed Aroha" in capsys.readouterr().out
    main(["peers", "list"])
    assert "no peer workers yet" in capsys.readouterr().out
    main(["peers", "list", "--all"])
    assert "removed" in capsys.readouterr().out
    assert main(["peers", "remove", "999"]) == 1
    actions = [e.action for e in _rows(database, AuditEvent)]
    assert actions == ["peer_added", "peer_removed"]


def test_peers_invite_stores_only_a_hash(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["peers", "invite", "--name", "Ben", "--bot-username", "@companion_bot"]) == 0
    out = capsys.readouterr().out
    assert "https://t.me/companion_bot?start=invite_" in out and "works once" in out
    token = out.split("/start invite_", 1)[1].split()[0]
    [invite] = _rows(database, PeerInvite)
    assert token not in invite.token_hash and len(invite.token_hash) == 64
    assert all(token not in e.detail for e in _rows(database, AuditEvent))


def test_triage_writes_one_json_decision_per_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (
        "i want to kill myself\nthis traffic is killing me\n\nkia ora 🌿 i cant do this anymore\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["triage", "--summary"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["escalate"], r["level"]) for r in records] == [
        (True, "medium"),
        (False, "none"),
        (False, "ask"),
    ]
    assert records[0]["reason"] == "suicide" and records[2]["text"].startswith("kia ora 🌿")
    assert "escalate 1, ask 1, none 1" in captured.err


def test_stats_on_an_empty_database(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    text = capsys.readouterr().out
    assert "Open escalations (now)" in text and "no ratings" in text
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unacknowledged"] == 0 and data["ack_median_minutes"] is None
