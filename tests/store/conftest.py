"""Backends for the storage contract suite: SQLite always, PostgreSQL when configured.

Each PostgreSQL test gets a fresh schema (selected through `search_path` in the URL), so
runs are repeatable and parallel CI jobs sharing one server never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from digests.models import ArticleDraft
from digests.store import SqlStore, normalize_url, open_store

POSTGRES_ENV = "NEWSDIGEST_TEST_POSTGRES_URL"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class FixedClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _sqlite_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path}/nested/data/newsdigest.sqlite3"


def _postgres_url() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL backend not tested: set {POSTGRES_ENV} to a server URL")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = normalize_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        yield from _sqlite_url(tmp_path)
    else:
        yield from _postgres_url()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store(database_url: str, clock: FixedClock) -> Iterator[SqlStore]:
    opened = open_store(database_url, clock=clock)
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


@pytest.fixture
def add(store: SqlStore) -> Callable[..., int]:
    """Store a small article and return its id; the hash defaults to one made from the text."""

    def _add(title: str, text: str = "", **fields: object) -> int:
        content_hash = str(fields.pop("content_hash", f"hash:{title}:{text}"))
        signature = fields.pop("signature", None)
        bands = fields.pop("bands", ())
        duplicate_of = fields.pop("duplicate_of", None)
        fields.setdefault("source", "test")
        fields.setdefault("language", "en")
        draft = ArticleDraft(title=title, text=text or title, **fields)  # type: ignore[arg-type]
        article = store.add_article(
            draft, content_hash=content_hash, signature=signature,  # type: ignore[arg-type]
            bands=bands, duplicate_of=duplicate_of,  # type: ignore[arg-type]
        )
        return article.id

    return _add
