"""Engine and session factory. Each process creates its own, inside its own event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from companion.db.field_crypto import FieldCipher, use_cipher
from companion.settings import Settings

# What "the database is down" looks like: SQLAlchemy's errors, and a refused or reset connection
# (asyncpg raises the OSError itself while connecting; SQLAlchemy does not wrap it).
DATABASE_DOWN = (SQLAlchemyError, OSError)


def is_sqlite(url: str) -> bool:
    """True when the URL names an SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of an SQLite file so a fresh clone needs no manual step."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the bot and the action server read while the other writes; busy_timeout waits for
    # a writer instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An async engine for the URL, with SQLite made safe for two processes."""
    ensure_sqlite_folder(url)
    if is_sqlite(url):
        engine = create_async_engine(url)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_pre_ping=True)


def open_engine(settings: Settings) -> AsyncEngine:
    """The app database's engine for these settings, with the free-text cipher in place."""
    use_cipher(FieldCipher.from_setting(settings.field_key()))
    return create_engine(settings.resolved_database_url())


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Session factory; objects stay usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
