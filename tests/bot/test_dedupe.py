"""Update de-duplication over a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.dedupe import UpdateDeduplicator
from companion.db.session import create_engine, create_sessionmaker
from companion.db.updates import forget_before


async def test_an_update_id_is_handled_once_and_old_records_can_be_dropped(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    sessions = create_sessionmaker(engine)
    dedupe = UpdateDeduplicator(sessions)
    assert await dedupe.first_time(1, 501)
    assert not await dedupe.first_time(1, 501)
    assert await dedupe.first_time(1, 502)
    assert await dedupe.first_time(2, 501)  # another bot (a new token) starts afresh
    async with sessions() as session, session.begin():
        dropped = await forget_before(session, datetime.now(timezone.utc) + timedelta(seconds=1))
    assert dropped == 3
    await engine.dispose()


async def test_a_database_outage_never_drops_an_update(tmp_path: object) -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    dedupe = UpdateDeduplicator(create_sessionmaker(engine))
    assert await dedupe.first_time(1, 7)  # handled anyway (a risk message must get through)
    await engine.dispose()
