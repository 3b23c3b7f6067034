"""Database down, then back: no action claims it saved anything, and work resumes by itself.

PostgreSQL is reached through a loopback proxy the test cuts and restores (the shared server
is not ours to stop). The action server's engine is created once, before the outage, as in a
running action server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from rasa_sdk.executor import ActionExecutor
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from actions import common
from actions.consent import NOT_SAVED as CONSENT_NOT_SAVED
from actions.consent import ActionRecordConsent
from actions.database import get_sessionmaker
from actions.mood import ActionSaveMood
from companion.db.models import MoodEntry
from companion.settings import get_settings
from tests.actions.conftest import consent, make_tracker, run_action
from tests.conftest import free_port
from tests.fakes.tcp_proxy import CuttableProxy

CHAT = "8100001"
# Words a reply would use to say something was stored.
CLAIMS = ("saved:", "i've noted", "added", "all set", "i'll remind", "done.", "stored")


@pytest.fixture
async def proxied_db(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[CuttableProxy]:
    url = make_url(postgres_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432, free_port())
    await proxy.start()
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", proxied)
    get_settings.cache_clear()
    get_sessionmaker.cache_clear()
    try:
        yield proxy
    finally:
        await proxy.close()
        if get_sessionmaker.cache_info().currsize:
            await get_sessionmaker().kw["bind"].dispose()
        get_settings.cache_clear()
        get_sessionmaker.cache_clear()


def client_actions() -> list[common.ClientAction]:
    """Every served action that reads or writes a client's records."""
    executor = ActionExecutor()
    executor.register_package("actions")
    served = [getattr(run, "__self__", None) for run in executor.actions.values()]
    found = [a for a in served if isinstance(a, common.ClientAction)]
    assert len(found) >= 10
    return sorted(found, key=lambda a: a.name())


async def moods() -> int:
    async with get_sessionmaker()() as session:
        return int(await session.scalar(select(func.count()).select_from(MoodEntry)) or 0)


async def test_no_action_claims_to_have_saved_while_the_database_is_down(
    proxied_db: CuttableProxy,
) -> None:
    await consent(int(CHAT))
    _, before = await run_action(
        ActionSaveMood(), make_tracker(CHAT, "mood_score", entities={"mood_score": "6"})
    )
    assert "Saved: 6/10" in str(before[0]["text"])

    await proxied_db.cut()
    for action in client_actions():
        tracker = make_tracker(
            CHAT, "mood_score", entities={"mood_score": "3"}, slots={"feedback_rating": "5"}
        )
        _, messages = await run_action(action, tracker)
        said = [str(m.get("text")) for m in messages]
        assert said == [common.NOT_SAVED], f"{action.name()} said {said}"
        assert not any(c in s.lower() for s in said for c in CLAIMS)
    _, messages = await run_action(ActionRecordConsent(), make_tracker("8100002", "consent_yes"))
    assert [m.get("text") for m in messages] == [CONSENT_NOT_SAVED]

    # Back again: the same engine reconnects by itself, no restart.
    await proxied_db.restore()
    _, after = await run_action(
        ActionSaveMood(), make_tracker(CHAT, "mood_score", entities={"mood_score": "7"})
    )
    assert "Saved: 7/10" in str(after[0]["text"])
    assert await moods() == 2  # the one before and the one after; none during
