"""URLs: libpq-style PostgreSQL URLs get psycopg 3; SQLite folders are created."""

from __future__ import annotations

from pathlib import Path

from digests.models import ArticleDraft
from digests.query import parse_query
from digests.store import open_store
from digests.store.engine import normalize_url


def test_postgres_urls_use_psycopg() -> None:
    for raw in ("postgresql://u@h:5432/db", "postgres://u@h/db", "postgresql+psycopg2://u@h/db"):
        assert normalize_url(raw).drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite"


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "news.sqlite3"
    store = open_store(f"sqlite:///{path}")
    store.close()
    assert path.exists()


def test_in_memory_sqlite_keeps_one_database() -> None:
    store = open_store("sqlite://")
    try:
        store.add_article(ArticleDraft("Summit", "x", "s"), content_hash="h")
        assert store.count_articles() == 1
        assert len(store.search(parse_query("summit"))) == 1
    finally:
        store.close()
