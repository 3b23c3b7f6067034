"""The bot's scheduled work across a PostgreSQL outage: it waits, then resumes by itself.

PostgreSQL is reached through a loopback proxy the test cuts and restores. The engines are
created before the outage and kept, as in a running bot: no restart is involved.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.privacy_control import PrivacyControl
from companion.db.session import DATABASE_DOWN, create_engine, create_sessionmaker
from companion.db.tracker import TrackerHistory
from companion.privacy import NOT_DONE
from tests.bot.test_escalation import (
    AROHA,
    CLIENT,
    T0,
    Channel,
    Clock,
    _alert,
    _service,
    _setup,
)
from tests.bot.test_nudge_dispatch import T0 as NUDGE_T0
from tests.bot.test_nudge_dispatch import Recorder, add_client, dispatcher
from tests.conftest import free_port
from tests.fakes.tcp_proxy import CuttableProxy


@pytest.fixture
async def outage(postgres_url: str) -> AsyncIterator[tuple[CuttableProxy, str]]:
    url = make_url(postgres_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432, free_port())
    await proxy.start()
    try:
        yield proxy, url.set(port=proxy.port).render_as_string(hide_password=False)
    finally:
        await proxy.close()


@pytest.fixture
async def sessions(
    outage: tuple[CuttableProxy, str],
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(outage[1])
    yield create_sessionmaker(engine)
    await engine.dispose()


async def test_nudges_wait_out_an_outage_and_then_go_once(
    outage: tuple[CuttableProxy, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    proxy = outage[0]
    for chat in (201, 202, 203):
        await add_client(sessions, chat)
    sender = Recorder()
    await proxy.cut()
    with pytest.raises(DATABASE_DOWN):
        await dispatcher(sessions, sender).run_until_idle(NUDGE_T0 + timedelta(minutes=1))
    assert sender.chats() == []  # nothing sent it could not record
    await proxy.restore()
    report = await dispatcher(sessions, sender).run_until_idle(NUDGE_T0 + timedelta(minutes=3))
    assert sorted(sender.chats()) == [201, 202, 203] and report.sent == 3


async def test_alert_resends_resume_after_an_outage(
    outage: tuple[CuttableProxy, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    proxy = outage[0]
    await _setup(sessions, on_duty=(AROHA,), chosen=AROHA)
    channel, clock = Channel(), Clock()
    service = _service(sessions, channel, clock)
    await service.escalate(_alert())
    await proxy.cut()
    clock.now = T0 + timedelta(minutes=6)
    with pytest.raises(DATABASE_DOWN):
        await service.tick()
    await proxy.restore()
    assert await service.tick() >= 1  # the re-send due during the outage goes now
    assert "sent again" in channel.alerts[-1][1]


async def test_forgetme_during_an_outage_says_nothing_changed(
    outage: tuple[CuttableProxy, str],
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: object,
) -> None:
    proxy = outage[0]
    await _setup(sessions)
    control = PrivacyControl(sessions, TrackerHistory(f"sqlite:///{tmp_path}/t.db"), 0)
    await proxy.cut()
    assert await control.forget(CLIENT, T0) == NOT_DONE
    assert (await control.my_data(CLIENT)).text == NOT_DONE  # type: ignore[union-attr]
    await proxy.restore()
    assert "I've deleted" in await control.forget(CLIENT, T0)
