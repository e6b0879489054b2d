"""Planner statistics: ANALYZE after migrations and whenever the articles have grown.

Both planners choose indexes from statistics. PostgreSQL gathers them only through
autovacuum, which a server may run without (the near-duplicate lookup then scanned
every band row: 28-35 ms per article at 2,800 articles, 0.8 ms after ANALYZE); SQLite
never gathers them by itself. Without vacuum, PostgreSQL's text index also keeps new
rows in its pending list, which made the planner scan every article for a search. So
the store analyzes on its own (and merges that list): after migrations, and
during ingest each time the articles it wrote reach half of what the table held at the
last ANALYZE (at least `FIRST_AFTER`), which keeps the statistics' age proportional to
the table while the work stays linear over any ingest (geometric spacing).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import Connection, func, inspect, select
from sqlalchemy.exc import DBAPIError

from digests.store.schema import articles

#: The first ANALYZE comes after the first batch of a new database's first ingest. With
#: the empty tables' statistics (from the migrations) PostgreSQL scanned every band row
#: per article: 37 ms of server CPU each for the first 1,000 articles, 2 ms after.
FIRST_AFTER = 100
GROWTH = 0.5
#: Rows SQLite samples per index: approximate statistics in milliseconds at any size.
SQLITE_ANALYSIS_LIMIT = 1000

log = logging.getLogger(__name__)

_CLEAN_GIN = """
    SELECT gin_clean_pending_list(c.oid) FROM pg_class c
    JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.amname = 'gin' AND n.nspname = current_schema()
"""


def analyze(conn: Connection) -> int:
    """Refresh the planner statistics of the store's tables; the number of articles seen."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
    else:
        # The schema's own tables: a bare ANALYZE would visit every schema of the database.
        tables = conn.exec_driver_sql(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"
        ).scalars().all()
        if tables:
            conn.exec_driver_sql(f"ANALYZE {', '.join(tables)}")
        # New rows wait in a GIN index's pending list, which every search reads through
        # and the planner costs as such; only vacuum or an overflow merges it otherwise.
        conn.exec_driver_sql(_CLEAN_GIN).all()
    if not inspect(conn).has_table(articles.name):
        return 0
    return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


class AnalyzeSchedule:
    """Counts article writes and says when the next ANALYZE is due (thread-safe)."""

    def __init__(self, analyzed_rows: int = 0) -> None:
        self._lock = threading.Lock()
        self._written = 0
        self._running = False
        self._analyzed_rows = analyzed_rows

    def wrote(self, count: int = 1) -> None:
        """Record `count` new or changed articles."""
        with self._lock:
            self._written += count

    def claim(self) -> bool:
        """Whether an ANALYZE is due; True hands it to the caller, who must call `done`."""
        with self._lock:
            due = self._written >= max(FIRST_AFTER, int(self._analyzed_rows * GROWTH))
            if not due or self._running:
                return False
            self._running = True
            return True

    def done(self, analyzed_rows: int | None) -> None:
        """The claimed ANALYZE finished (None: it failed; the count goes on)."""
        with self._lock:
            self._running = False
            self._written = 0
            if analyzed_rows is not None:
                self._analyzed_rows = analyzed_rows


def run_if_due(schedule: AnalyzeSchedule, begin: Callable[[], AbstractContextManager[Connection]],
               ) -> None:
    """ANALYZE in a transaction of its own when `schedule` says so; a failure is only logged."""
    if not schedule.claim():
        return
    rows: int | None = None
    try:
        with begin() as conn:
            rows = analyze(conn)
    except DBAPIError:  # statistics are an optimisation: never fail the ingest for them
        log.warning("ANALYZE failed; trying again after more writes", exc_info=True)
    finally:
        schedule.done(rows)
