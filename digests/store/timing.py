"""Time every SQL statement of an engine, for the DB query latency metric.

SQLAlchemy's cursor events see every statement of every repository sharing the engine
(articles, subscriptions, the delivery ledger, sources), so no query site needs a hook.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event

from digests.ops.metrics import Metrics

_STARTED = "newsdigest_query_started"
OPERATIONS = frozenset({"select", "insert", "update", "delete", "with", "begin", "commit",
                        "savepoint", "release", "rollback", "pragma", "set", "create"})


def operation_of(statement: str) -> str:
    """The statement's first keyword, lowercased, if it is a known one; else "other"."""
    word = statement.lstrip().split(None, 1)[0].lower() if statement.strip() else ""
    return word if word in OPERATIONS else "other"


def instrument_engine(engine: Engine, metrics: Metrics) -> None:
    """Report each statement's duration to `metrics.db_query`."""

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> None:
        conn.info.setdefault(_STARTED, []).append(time.perf_counter())

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
              executemany: bool) -> None:
        started = conn.info.get(_STARTED)
        if started:
            metrics.db_query(operation_of(statement), time.perf_counter() - started.pop())

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
