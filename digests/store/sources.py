"""The `sources` table: feeds (and, for the channel feature, Telegram channels) to poll.

A repository over the SqlStore's engine rather than more methods on `Store`: sources are
bookkeeping for the poller (conditional-GET validators, health, schedule), not articles.
Every query that serves feed polling filters on `kind`, because the same table holds
other kinds of sources. Portable SQL only, so it runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from digests.store.base import Store
from digests.store.schema import sources
from digests.store.sql import SqlStore, utc_now

FEED = "feed"


class SourceExistsError(ValueError):
    """A source with this URL is already registered."""


@dataclass(frozen=True, slots=True)
class Source:
    """One registered source with its polling state and health."""

    id: int
    url: str
    kind: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    entries_seen: int
    interval_minutes: float | None
    next_check: datetime | None
    paused: bool
    added_by: int | None
    created_at: datetime


def _source(row: Any) -> Source:
    return Source(**{name: getattr(row, name) for name in Source.__slots__})


class SourceRepository:
    """Add, list, remove and update sources; pick the ones due for a check."""

    def __init__(self, engine: Engine, *,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    @classmethod
    def for_store(cls, store: Store) -> SourceRepository:
        """The repository sharing `store`'s engine (and clock)."""
        if not isinstance(store, SqlStore):
            raise TypeError("sources need the SQL store")
        return cls(store.engine, clock=store.clock)

    def add(self, url: str, *, kind: str = FEED, title: str | None = None,
            added_by: int | None = None, interval_minutes: float | None = None) -> Source:
        """Register a source, due at once.

        Raises:
            SourceExistsError: the URL is already registered.
        """
        now = self.clock()
        values = {"url": url, "kind": kind, "title": title, "added_by": added_by,
                  "interval_minutes": interval_minutes, "next_check": now, "created_at": now}
        try:
            with self.engine.begin() as conn:
                source_id = conn.execute(
                    insert(sources).values(values).returning(sources.c.id)).scalar_one()
        except IntegrityError as error:
            raise SourceExistsError(f"{url} is already a source") from error
        found = self.get(source_id)
        assert found is not None
        return found

    def get(self, source_id: int) -> Source | None:
        """One source by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
        return _source(row) if row else None

    def find(self, url: str, *, kind: str = FEED) -> Source | None:
        """One source of `kind` by its URL."""
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.url == url,
                                                     sources.c.kind == kind)).first()
        return _source(row) if row else None

    def list_sources(self, *, kind: str = FEED) -> list[Source]:
        """Every source of `kind`, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(sources).where(sources.c.kind == kind)
                                .order_by(sources.c.id)).all()
        return [_source(row) for row in rows]

    def remove(self, url: str, *, kind: str = FEED) -> bool:
        """Forget a source; True when one was removed."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(sources).where(sources.c.url == url,
                                                        sources.c.kind == kind))
        return bool(result.rowcount)

    def due(self, now: datetime, *, kind: str = FEED, limit: int = 500) -> list[Source]:
        """Unpaused sources whose next check is at or before `now`, most overdue first."""
        query = (select(sources)
                 .where(sources.c.kind == kind, sources.c.paused.is_(False),
                        or_(sources.c.next_check.is_(None), sources.c.next_check <= now))
                 .order_by(sources.c.next_check, sources.c.id).limit(limit))
        with self.engine.connect() as conn:
            return [_source(row) for row in conn.execute(query).all()]

    def record_success(self, source_id: int, *, next_check: datetime, etag: str | None,
                       last_modified: str | None, new_entries: int,
                       title: str | None = None) -> None:
        """A good poll (304 included): reset failures, keep validators, schedule the next."""
        values: dict[str, object] = {
            "last_success": self.clock(), "failures": 0, "next_check": next_check,
            "entries_seen": sources.c.entries_seen + new_entries,
        }
        if etag is not None:
            values["etag"] = etag
        if last_modified is not None:
            values["last_modified"] = last_modified
        self._update(source_id, values)
        if title:
            with self.engine.begin() as conn:
                conn.execute(update(sources).where(sources.c.id == source_id,
                                                   sources.c.title.is_(None))
                             .values(title=title))

    def record_failure(self, source_id: int, *, error: str, next_check: datetime,
                       pause: bool) -> None:
        """A failed poll: count it, keep the error, schedule the retry or pause."""
        self._update(source_id, {
            "failures": sources.c.failures + 1, "last_error": error[:1000],
            "last_error_at": self.clock(), "next_check": next_check, "paused": pause,
        })

    def resume(self, url: str, *, kind: str = FEED) -> bool:
        """Unpause a source and make it due now; True when it exists."""
        with self.engine.begin() as conn:
            result = conn.execute(update(sources)
                                  .where(sources.c.url == url, sources.c.kind == kind)
                                  .values(paused=False, failures=0, next_check=self.clock()))
        return bool(result.rowcount)

    def _update(self, source_id: int, values: dict[str, object]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(sources).where(sources.c.id == source_id).values(values))
