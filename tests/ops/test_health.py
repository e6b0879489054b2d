"""Readiness checks against both backends: the database going away and coming back."""

from __future__ import annotations

import shutil
from pathlib import Path

from prometheus_client import CollectorRegistry
from sqlalchemy import create_engine, text

from digests.ops.health import Heartbeats, check_database, migration_heads, probe_engine
from digests.ops.prometheus import PrometheusMetrics
from digests.ops.server import OpsServer, Readiness
from digests.store import normalize_url, open_store
from tests.ops.scrape import get
from tests.store.conftest import database_url  # noqa: F401  (both backends)


def _ok(url: str) -> dict[str, bool]:
    engine = probe_engine(url)
    try:
        return {c.name: c.ok for c in check_database(engine, migration_heads())}
    finally:
        engine.dispose()


def _schema(url: str) -> str:
    options = normalize_url(url).query["options"]
    assert isinstance(options, str)
    return options.removeprefix("-csearch_path=")


async def test_readyz_follows_the_database(database_url: str) -> None:  # noqa: F811
    open_store(database_url).close()
    metrics = PrometheusMetrics(CollectorRegistry())
    ops = OpsServer("127.0.0.1", 0, metrics, Readiness(database_url, metrics))
    await ops.start()
    try:
        status, body = await get(ops.url, "/readyz")
        assert status == 200, body
        with _gone(database_url):
            status, body = await get(ops.url, "/readyz")
            assert status == 503
            assert body["ready"] is False
        status, body = await get(ops.url, "/readyz")
        assert status == 200, body
    finally:
        await ops.stop()


class _gone:  # noqa: N801 - used as `with _gone(url):`
    """The database disappears: the SQLite file moved away, the PostgreSQL schema renamed."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> None:
        self._swap(away=True)
        assert _ok(self.url)["database" if self._sqlite else "migrations"] is False

    def __exit__(self, *exc: object) -> None:
        self._swap(away=False)

    @property
    def _sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def _swap(self, *, away: bool) -> None:
        if self._sqlite:
            path = Path(str(normalize_url(self.url).database))
            aside = path.with_suffix(".aside")
            source, target = (path, aside) if away else (aside, path)
            shutil.move(source, target)
            return
        schema = _schema(self.url)
        names = (schema, f"{schema}_away") if away else (f"{schema}_away", schema)
        admin = create_engine(normalize_url(self.url).difference_update_query(["options"]))
        with admin.begin() as conn:
            conn.execute(text(f'ALTER SCHEMA "{names[0]}" RENAME TO "{names[1]}"'))
        admin.dispose()


def test_migrations_behind_head_are_not_ready(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/db.sqlite3"
    open_store(url).close()
    assert _ok(url) == {"database": True, "migrations": True}
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    assert _ok(url) == {"database": True, "migrations": False}


def test_an_unreachable_server_is_not_ready_and_says_why() -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    engine = probe_engine(url)
    [database, migrations] = check_database(engine, {"head"})
    assert not database.ok
    assert "OperationalError" in database.detail
    assert not migrations.ok


def test_a_job_is_late_after_two_intervals() -> None:
    now = [1000.0]
    beats = Heartbeats(clock=lambda: now[0])
    beats.expect("deliveries", 30.0, first=1.0)
    assert [c.ok for c in beats.checks()] == [True]
    now[0] += 62.0
    [late] = beats.checks()
    assert not late.ok
    assert late.name == "scheduler:deliveries"
    assert "last run 61 s ago" in late.detail
    beats.beat("deliveries")
    assert [c.ok for c in beats.checks()] == [True]
