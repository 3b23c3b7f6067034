"""Several dispatcher processes on one PostgreSQL database, sending to the fake Bot API.

Each test starts real `companion nudges dispatch` processes (by PID, ended by this test only),
seeds due nudges straight into the outbox, and counts what reached the fake Bot API.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from companion.db.models import Client, Nudge
from companion.db.session import create_engine, create_sessionmaker
from tests.fakes.bot_api import FakeBotApi

pytestmark = pytest.mark.postgres

COMPANION = Path(sys.executable).parent / "companion"


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def seed(url: str, count: int, due: list[datetime] | None = None) -> None:
    """`count` consented clients, each with one check-in nudge due (default: a minute ago)."""
    now = datetime.now(timezone.utc)

    async def run() -> None:
        engine = create_engine(url)
        async with create_sessionmaker(engine)() as session, session.begin():
            await session.execute(
                insert(Client),
                [
                    {
                        "chat_id": 700_000 + i,
                        "timezone": "Pacific/Auckland",
                        "consented_at": now,
                        "created_at": now,
                        "active": True,
                        "preferred_name": f"C{i}",
                    }
                    for i in range(count)
                ],
            )
            ids = dict((await session.execute(select(Client.chat_id, Client.id))).tuples().all())
            await session.execute(
                insert(Nudge),
                [
                    {
                        "client_id": ids[700_000 + i],
                        "chat_id": 700_000 + i,
                        "kind": "checkin",
                        "due_at": due[i] if due else now - timedelta(minutes=1),
                        "status": "pending",
                        "attempts": 0,
                        "created_at": now,
                    }
                    for i in range(count)
                ],
            )
        await engine.dispose()

    asyncio.run(run())


def outbox(url: str) -> list[Nudge]:
    async def run() -> list[Nudge]:
        engine = create_engine(url)
        async with create_sessionmaker(engine)() as session:
            rows = list((await session.execute(select(Nudge))).scalars())
        await engine.dispose()
        return rows

    return asyncio.run(run())


def start_dispatcher(
    url: str, fake: FakeBotApi, name: str, tmp_path: Path, **env: str
) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "NUDGE_RATE_PER_SECOND": "0",
        "NUDGE_BATCH": "50",
        "REPLICA_NAME": name,
        "DATA_DIR": str(tmp_path / name),
        **env,
    }
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen(
        [str(COMPANION), "nudges", "dispatch", "--until-idle"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait(process: subprocess.Popen[bytes], seconds: float = 120) -> int:
    try:
        return process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def sends_per_chat(fake: FakeBotApi) -> Counter[int]:
    return Counter(int(m["chat"]["id"]) for m in fake.sent_messages())


def test_two_dispatchers_send_1000_due_nudges_exactly_once(
    postgres_url: str, fake_api: FakeBotApi, tmp_path: Path
) -> None:
    seed(postgres_url, 1000)
    first = start_dispatcher(postgres_url, fake_api, "replica-a", tmp_path)
    second = start_dispatcher(postgres_url, fake_api, "replica-b", tmp_path)
    assert wait(first) == 0 and wait(second) == 0
    counts = sends_per_chat(fake_api)
    assert len(counts) == 1000 and set(counts.values()) == {1}, counts.most_common(3)
    rows = outbox(postgres_url)
    assert Counter(r.status for r in rows if r.kind == "checkin") == {"sent": 1000}
    by_replica = Counter(r.claimed_by for r in rows if r.kind == "checkin")
    assert set(by_replica) == {"replica-a", "replica-b"}, by_replica  # both really worked
    print(f"claimed per replica: {dict(by_replica)}")


def test_kill_9_mid_burst_then_restart_delivers_every_nudge(
    postgres_url: str, fake_api: FakeBotApi, tmp_path: Path
) -> None:
    seed(postgres_url, 1000)
    fake_api.delay_next("sendMessage", 0.02, times=100_000)  # a slow Bot API: a long burst
    lease = {"NUDGE_LEASE_SECONDS": "3"}
    doomed = start_dispatcher(postgres_url, fake_api, "doomed", tmp_path, **lease)
    deadline = time.monotonic() + 60
    while len(fake_api.sent_messages()) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(10)
    at_kill = len(fake_api.sent_messages())
    assert 300 <= at_kill < 1000
    in_flight = [r for r in outbox(postgres_url) if r.status == "sending"]
    restarted = start_dispatcher(postgres_url, fake_api, "restarted", tmp_path, **lease)
    assert wait(restarted) == 0
    counts = sends_per_chat(fake_api)
    assert len(counts) == 1000  # every nudge delivered
    duplicates = sum(n - 1 for n in counts.values())
    # Only rows handed to Telegram when the process died can arrive twice: at most one
    # chunk (the send concurrency, 20 by default), and only those left in "sending".
    assert duplicates <= len(in_flight) <= 20, (duplicates, len(in_flight))
    duplicated = {chat for chat, n in counts.items() if n > 1}
    assert duplicated <= {r.chat_id for r in in_flight}
    print(f"sent before kill {at_kill}, in flight {len(in_flight)}, duplicates {duplicates}")
    assert Counter(r.status for r in outbox(postgres_url) if r.kind == "checkin") == {"sent": 1000}


def test_500_nudges_due_during_a_5_minute_outage_are_sent_once_or_skipped_per_the_window(
    postgres_url: str, fake_api: FakeBotApi, tmp_path: Path
) -> None:
    now = datetime.now(timezone.utc)
    # due evenly over the 5 minutes the dispatchers were down
    due = [now - timedelta(seconds=300 - i * 0.6) for i in range(500)]
    seed(postgres_url, 500, due)
    window = {"NUDGE_LATE_MINUTES": "2"}
    first = start_dispatcher(postgres_url, fake_api, "back-a", tmp_path, **window)
    second = start_dispatcher(postgres_url, fake_api, "back-b", tmp_path, **window)
    assert wait(first) == 0 and wait(second) == 0
    counts = sends_per_chat(fake_api)
    assert set(counts.values()) <= {1}
    rows = {r.chat_id: r for r in outbox(postgres_url) if r.kind == "checkin"}
    assert len(rows) == 500
    for i, when in enumerate(due):
        row = rows[700_000 + i]
        age = now - when
        if age > timedelta(minutes=2, seconds=5):
            assert row.status == "skipped" and row.skip_reason == "late", (i, age)
            assert row.chat_id not in counts
        elif age < timedelta(minutes=1, seconds=55):
            assert row.status == "sent" and counts[row.chat_id] == 1, (i, age)
    assert {r.status for r in rows.values()} == {"sent", "skipped"}
