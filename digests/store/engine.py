"""Turn a database URL into a configured SQLAlchemy engine.

Users write `postgresql://…` (as libpq tools do) or `sqlite:///path`; this module picks
the psycopg 3 driver, creates the SQLite file's folder, and sets the per-connection
SQLite options the store relies on: foreign keys (cascades), WAL (the bot reads while
ingest writes), a busy timeout instead of "database is locked", and the `nd_segment_cjk`
function the FTS5 triggers call so Chinese and Japanese text is indexed per character.
The page cache is raised from SQLite's 2 MiB default to 64 MiB (allocated only as pages
are read), so the recent part of the indexes ingest writes into (the band index is keyed
by publication period, `bands.py`) and search reads stays in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from digests.cjk import segment_cjk

_POSTGRES_ALIASES = {"postgres", "postgresql", "postgresql+psycopg2"}
_CACHE_KIB = 64 * 1024


def normalize_url(database_url: str) -> URL:
    """Parse a URL and select the psycopg 3 driver for plain PostgreSQL URLs."""
    url = make_url(database_url)
    if url.drivername in _POSTGRES_ALIASES:
        url = url.set(drivername="postgresql+psycopg")
    return url


def _segment(value: str | None) -> str | None:
    return None if value is None else segment_cjk(value)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function("nd_segment_cjk", 1, _segment, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:"):
        # One shared connection, otherwise every pooled connection sees its own empty database.
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def create_store_engine(database_url: str) -> Engine:
    """Build the engine for a URL; SQLite gets its pragmas and helper function on connect."""
    url = normalize_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)
