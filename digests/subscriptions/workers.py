"""Who is sending: a worker identity that survives restarts, and one fan-out leader per database.

**Identity.** The ledger names the worker holding each claim. A process that is killed and
restarted must get the same name back, so it resumes its own claims at once instead of
waiting for their leases to run out, while two processes running at the same time must never
share one. So the name is derived (host, database, and a slot) and the slot is held with an
OS file lock in the data folder: the first free slot wins, a killed process's lock is freed by
the kernel, and its restart takes that slot again. ``DELIVERY_WORKER_ID`` overrides it.

**Leader.** Telegram's limits are per bot, not per process, so N processes fanning out with a
per-process pace would together exceed them. Only one process per PostgreSQL database sends
scheduled digests: the holder of a session-level advisory lock (``pg_try_advisory_lock``,
freed by the server when the session ends, e.g. after kill -9). The others answer commands
and the first to tick after the leader dies takes over, resuming the dead leader's periods at
once instead of waiting for their leases: whoever held them is no longer the leader, and a
part it may have had in flight is ambiguous (see `digests.subscriptions.sending`), never
resent blindly. A SQLite database serves one bot process (one host, one long poll), so
there every process is its own leader.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import socket
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)
ADVISORY_KEY = 0x6E64_6C76  # "ndlv"; with the schema's hash: one leader per schema
_LOCK = "SELECT pg_try_advisory_lock(:key, hashtext(current_schema()))"
_UNLOCK = "SELECT pg_advisory_unlock(:key, hashtext(current_schema()))"
MAX_SLOTS = 64


def _try_lock(path: Path) -> IO[str] | None:
    handle = path.open("a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


class WorkerIdentity:
    """This process's worker name, held for its lifetime (see the module docstring)."""

    def __init__(self, data_dir: Path, database_url: str, override: str | None = None) -> None:
        self._handle: IO[str] | None = None
        if override:
            self.name = override
            return
        base = hashlib.sha256(f"{data_dir.resolve()}|{database_url}".encode()).hexdigest()[:8]
        host = socket.gethostname()[:32]
        folder = data_dir / "workers"
        folder.mkdir(parents=True, exist_ok=True)
        for slot in range(MAX_SLOTS):
            handle = _try_lock(folder / f"{base}-{slot}.lock")
            if handle is not None:
                self._handle = handle
                self.name = f"{host}:{base}:{slot}"
                return
        self.name = f"{host}:{base}:pid{os.getpid()}"  # every slot taken: unique, not stable

    def close(self) -> None:
        """Free the slot (the kernel does it too when the process dies)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class DatabaseLeader:
    """The fan-out leader lock of one database (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None
        self.exclusive = engine.dialect.name == "postgresql"
        """Only the holder sends: on becoming leader, every ``sending`` row is an orphan."""

    def acquire(self) -> bool:
        """True while this process holds the lock; tries to take it when it does not."""
        if self.engine.dialect.name == "postgresql":
            return self._postgres()
        return True

    def _postgres(self) -> bool:
        if self._connection is not None:
            try:  # still the leader while the session that holds the lock is alive
                self._connection.execute(text("SELECT 1"))
                self._connection.commit()
                return True
            except Exception:
                log.warning("lost the fan-out leader's database session")
                self._drop()
        connection = self.engine.connect()
        try:
            held = bool(connection.execute(text(_LOCK),
                                           {"key": ADVISORY_KEY}).scalar())
            connection.commit()
        except Exception:
            connection.close()
            raise
        if not held:
            connection.close()
            return False
        self._connection = connection
        log.info("this process now sends the scheduled digests (advisory lock)")
        return True

    def _drop(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:
                pass
            self._connection = None

    def close(self) -> None:
        """Give the lock up (ending the session releases a PostgreSQL advisory lock)."""
        if self._connection is not None:
            try:
                self._connection.execute(text(_UNLOCK),
                                         {"key": ADVISORY_KEY})
                self._connection.commit()
            finally:
                self._connection.close()
                self._connection = None
