"""Storage: SQLite (FTS5) by default, PostgreSQL (tsvector) by URL, migrated on open.

`open_store` is the one way the rest of the project gets a `Store`; `upgrade_database`
backs the `newsdigest db upgrade` command.
"""

from __future__ import annotations

from digests.ops.metrics import NULL_METRICS, Metrics
from digests.store.base import Store
from digests.store.engine import create_store_engine, normalize_url
from digests.store.errors import (
    BatchAbortedError,
    ConnectionLostError,
    DuplicateArticleError,
    StoreError,
)
from digests.store.sql import Clock, SqlStore, utc_now


def open_store(database_url: str, *, clock: Clock = utc_now,
               metrics: Metrics = NULL_METRICS) -> Store:
    """Open (creating if needed) the database at `database_url`, migrate it, return the store.

    A SQLite file's folder is created on first use; `postgresql://` URLs use psycopg 3.
    `clock` stamps ingest and cache times; tests pass a fixed one. `metrics` receives
    every statement's latency and what ingest, polling and digests report through the store.
    """
    from digests.store.migrate import upgrade_engine  # Alembic: ~0.5 s, only when opening

    engine = create_store_engine(database_url)
    upgrade_engine(engine)
    if metrics is not NULL_METRICS:
        from digests.store.timing import instrument_engine

        instrument_engine(engine, metrics)
    return SqlStore(engine, clock=clock, metrics=metrics)


def upgrade_database(database_url: str) -> None:
    """Apply pending migrations to the database and close it (`newsdigest db upgrade`)."""
    from digests.store.migrate import upgrade_engine

    engine = create_store_engine(database_url)
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()


__all__ = [
    "BatchAbortedError",
    "Clock",
    "ConnectionLostError",
    "DuplicateArticleError",
    "SqlStore",
    "Store",
    "StoreError",
    "normalize_url",
    "open_store",
    "upgrade_database",
    "utc_now",
]
