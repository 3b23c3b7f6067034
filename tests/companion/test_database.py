from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.clients import get_client, record_consent
from companion.db.migrate import downgrade_database, upgrade_database
from companion.db.session import create_engine

NOW = datetime(2026, 4, 5, 2, 30, tzinfo=timezone.utc)


async def test_consent_creates_the_client_once(session: AsyncSession) -> None:
    async with session.begin():
        assert await get_client(session, 42) is None
        await record_consent(session, 42, NOW, "Pacific/Auckland")
    async with session.begin():
        again = await record_consent(session, 42, NOW + timedelta(days=1), "Pacific/Auckland")
    async with session.begin():
        client = await get_client(session, 42)
    assert client is not None and client.id == again.id
    assert client.consented_at == NOW + timedelta(days=1)
    assert client.consented_at.tzinfo is not None


async def test_naive_datetimes_are_refused(session: AsyncSession) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with session.begin():
            await record_consent(session, 7, NOW.replace(tzinfo=None), "Pacific/Auckland")


async def test_migrations_go_down_and_up_again(database_url: str) -> None:
    import asyncio

    await asyncio.to_thread(downgrade_database, database_url, "base")
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
    assert "clients" not in tables
    await asyncio.to_thread(upgrade_database, database_url)
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
    await engine.dispose()
    assert "clients" in tables


async def test_models_and_migrations_agree(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from companion.db.models import Base

    engine = create_engine(database_url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    await engine.dispose()
    assert diff == []
