"""Shared fixtures: databases (SQLite always, PostgreSQL when it answers), the real stack."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import (
    PROJECT_ROOT,
    Service,
    ensure_model,
    start_actions,
    start_rasa,
    wait_until_ready,
)
from companion.db.migrate import upgrade_database
from companion.db.session import create_engine, create_sessionmaker
from companion.settings import Settings

POSTGRES_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _postgres_reason() -> str | None:
    async def probe() -> None:
        conn = await asyncpg.connect(POSTGRES_ADMIN_DSN, timeout=3)
        await conn.close()

    try:
        asyncio.run(probe())
    except Exception as error:  # any failure means: no usable server here
        return f"PostgreSQL not reachable on 127.0.0.1:5432 ({type(error).__name__})"
    return None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """Skip with a clear reason when no PostgreSQL answers on 127.0.0.1:5432."""
    reason = _postgres_reason()
    if reason:
        pytest.skip(reason)
    return POSTGRES_ADMIN_DSN


def create_postgres_database(admin_dsn: str) -> tuple[str, str]:
    """A fresh empty database; returns (name, asyncpg SQLAlchemy URL)."""
    name = f"companion_test_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        conn = await asyncpg.connect(admin_dsn)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()

    asyncio.run(create())
    return name, f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


def drop_postgres_database(admin_dsn: str, name: str) -> None:
    """Drop a database made by create_postgres_database."""

    async def drop() -> None:
        conn = await asyncpg.connect(admin_dsn)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()

    asyncio.run(drop())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A migrated SQLite database in a temporary folder."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'companion.db'}"
    upgrade_database(url)
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A migrated, throw-away PostgreSQL database."""
    name, url = create_postgres_database(postgres_server)
    try:
        upgrade_database(url)
        yield url
    finally:
        drop_postgres_database(postgres_server, name)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    """A session on a migrated database (SQLite and PostgreSQL)."""
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as db_session:
        yield db_session
    await engine.dispose()


class Stack:
    """The real action server and Rasa server, started once per test session."""

    def __init__(self, settings: Settings, services: list[Service]) -> None:
        self.settings = settings
        self.services = services

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port}"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Real model, action server and Rasa server on free loopback ports, with SQLite data."""
    data_dir = tmp_path_factory.mktemp("stack")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        rasa_port=free_port(),
        action_server_port=free_port(),
    )
    upgrade_database(settings.resolved_database_url())
    model = ensure_model(settings)
    logs = data_dir / "logs"
    services = [
        start_actions(settings, settings.action_server_port, logs / "actions.log"),
        start_rasa(
            settings, model, settings.rasa_port, settings.action_server_port, logs / "rasa.log"
        ),
    ]
    try:
        wait_until_ready(services, timeout=300)
        yield Stack(
            settings.model_copy(update={"rasa_url": f"http://127.0.0.1:{settings.rasa_port}"}),
            services,
        )
    finally:
        for service in reversed(services):
            service.stop()


__all__ = ["PROJECT_ROOT", "Stack", "free_port"]
