"""Readiness: can this process do its work right now?

`/healthz` only says the process and its event loop answer (liveness: restart it if not).
`/readyz` says whether it should get traffic and whether an operator must look:

- the database answers, on a fresh connection (a pooled one can keep a deleted SQLite
  file or a dropped PostgreSQL session looking alive);
- its schema is at the migrations' head (a half-upgraded database is not ready);
- the Bot API answered at start-up (the bot only; `poll --forever` has no Telegram);
- every repeating job ran within two of its intervals (a stuck scheduler delivers nothing).

The checks are plain functions of injected values, so tests drive them without a server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from digests.store.engine import normalize_url

CONNECT_TIMEOUT_SECONDS = 5


@dataclass(frozen=True, slots=True)
class Check:
    """One readiness condition and what was seen."""

    name: str
    ok: bool
    detail: str


def probe_url(database_url: str) -> URL:
    """The URL the probe connects with: SQLite read-only, so a missing file is not created."""
    url = normalize_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return url.set(database=f"file:{url.database}?mode=ro").update_query_dict({"uri": "true"})
    return url


def probe_engine(database_url: str) -> Engine:
    """An engine without a pool: every probe is a new connection, with a short timeout."""
    url = probe_url(database_url)
    if url.get_backend_name() == "sqlite":
        return create_engine(url, poolclass=NullPool)
    return create_engine(url, poolclass=NullPool,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})


def migration_heads() -> set[str]:
    """The revisions the shipped migrations end at."""
    from alembic.script import ScriptDirectory

    from digests.store.migrate import alembic_config

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def check_database(engine: Engine, heads: set[str]) -> list[Check]:
    """Database reachable, then schema at the migrations' head (blocking: run off the loop)."""
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = set(MigrationContext.configure(connection).get_current_heads())
    except Exception as error:  # any driver error means "not reachable": say which
        detail = " ".join(str(error).split())[:200]
        return [Check("database", False, f"{type(error).__name__}: {detail}"),
                Check("migrations", False, "database not reachable")]
    ok = current == heads
    detail = f"at {', '.join(sorted(current)) or 'no revision'}"
    if not ok:
        detail += f", expected {', '.join(sorted(heads))}"
    return [Check("database", True, "reachable"), Check("migrations", ok, detail)]


@dataclass
class Heartbeats:
    """When each repeating job last ran, against its interval."""

    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    intervals: dict[str, float] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.started = self.started or self.clock()

    def expect(self, job: str, interval: float, first: float = 0.0) -> None:
        """Register a job that should run every `interval` s, the first time after `first` s."""
        self.intervals[job] = interval
        self.last.setdefault(job, self.started + first)

    def beat(self, job: str) -> None:
        """The job just ran."""
        self.last[job] = self.clock()

    def checks(self) -> list[Check]:
        """One check per job: ran within two of its intervals."""
        now = self.clock()
        found = []
        for job, interval in sorted(self.intervals.items()):
            age = now - self.last.get(job, self.started)
            found.append(Check(f"scheduler:{job}", age <= 2 * interval,
                               f"last run {max(age, 0.0):.0f} s ago (interval {interval:.0f} s)"))
        return found
