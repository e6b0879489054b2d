"""Worker identity across restarts and the fan-out leader lock."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine

from digests.store.engine import normalize_url
from digests.subscriptions.workers import DatabaseLeader, WorkerIdentity
from tests.store.conftest import _postgres_url


def test_a_restarted_worker_gets_its_name_back_a_concurrent_one_does_not(
        tmp_path: Path) -> None:
    first = WorkerIdentity(tmp_path, "sqlite:///x")
    second = WorkerIdentity(tmp_path, "sqlite:///x")  # running at the same time
    assert first.name != second.name
    name = first.name
    first.close()  # the process died: the kernel frees its lock
    again = WorkerIdentity(tmp_path, "sqlite:///x")
    assert again.name == name
    other_db = WorkerIdentity(tmp_path, "postgresql://elsewhere/db")
    assert other_db.name not in (name, second.name)
    assert WorkerIdentity(tmp_path, "sqlite:///x", "chosen").name == "chosen"
    for identity in (second, again, other_db):
        identity.close()


def test_one_leader_per_database_until_its_session_ends() -> None:
    for url in _postgres_url():
        engines = [create_engine(normalize_url(url)) for _ in range(2)]
        first, second = (DatabaseLeader(engine) for engine in engines)
        try:
            assert first.acquire()
            assert first.acquire()  # still held
            assert not second.acquire()
            assert first.exclusive
            assert first._connection is not None
            pid = first._connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with engines[1].connect() as other:  # the leader dies; wait until its session has
                other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)}, 10000)")
            assert second.acquire()
            assert not first.acquire()  # it notices its session, and the lock, are gone
        finally:
            second.close()
            for engine in engines:
                engine.dispose()


def test_sqlite_processes_are_their_own_leaders(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/x.sqlite3")
    leader = DatabaseLeader(engine)
    assert leader.acquire()
    assert not leader.exclusive
