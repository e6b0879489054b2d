"""Migrations: they build exactly the schema the code queries, and run more than once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, insert, inspect, select

from digests.models import ArticleDraft
from digests.query import parse_query
from digests.store import SqlStore, upgrade_database
from digests.store.bands import stored_keys
from digests.store.engine import create_store_engine
from digests.store.migrate import (
    alembic_config,
    current_revision,
    include_object,
    upgrade_engine,
)
from digests.store.schema import article_bands, articles, metadata
from tests.store.conftest import T0


def head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_upgrade_reaches_head_and_is_idempotent(database_url: str) -> None:
    upgrade_database(database_url)
    upgrade_database(database_url)
    engine = create_store_engine(database_url)
    try:
        assert current_revision(engine) == head()
        tables = set(inspect(engine).get_table_names())
        assert {"articles", "article_bands", "summary_cache", "chats", "subscriptions",
                "deliveries", "sources"} <= tables
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_tables_in_code(database_url: str) -> None:
    upgrade_database(database_url)
    engine = create_store_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_postgres_search_table_is_filled_from_the_articles_and_kept_in_step(
    database_url: str,
) -> None:
    """Migration 0007 copies public articles' vectors; the trigger follows every change."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite searches its FTS5 table, which the migration does not touch")
    engine = create_store_engine(database_url)

    def row(i: int, owner: int | None) -> dict[str, object]:
        return {"source": "s", "title": f"walrus {i}", "text": "census", "language": "en",
                "published_at": T0, "ingested_at": T0, "content_hash": f"h{i}",
                "owner_chat_id": owner, "origin": "text", "extra": {}, "dated": True}

    def mirrored() -> list[int]:
        with engine.connect() as conn:
            return list(conn.exec_driver_sql(
                "SELECT id FROM article_search ORDER BY id").scalars())

    try:
        upgrade_engine(engine, "0006")
        with engine.begin() as conn:
            public, private = conn.execute(
                insert(articles).returning(articles.c.id), [row(1, None), row(2, 42)]
            ).scalars().all()
        upgrade_engine(engine)
        assert mirrored() == [public]
        # 0009: the vector is stored once, in article_search (the trigger computes it).
        assert "search_vector" not in {c["name"] for c in inspect(engine).get_columns("articles")}
        store = SqlStore(engine)
        assert [h.article.id for h in store.search(parse_query("walrus"))] == [public]
        store.publish_article(private)
        assert mirrored() == [public, private]
        store.update_article(public, ArticleDraft("Seal count", "census", "s"),
                             content_hash="h3")
        assert [h.article.id for h in store.search(parse_query("seal"))] == [public]
        assert [h.article.id for h in store.search(parse_query("walrus"))] == [private]
        with engine.begin() as conn:
            conn.execute(delete(articles).where(articles.c.id == public))
        assert mirrored() == [private]
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
        assert "article_search" not in inspect(engine).get_table_names()
        upgrade_engine(engine)
        assert mirrored() == [private]
    finally:
        engine.dispose()


def test_bands_stored_before_0010_get_the_period_prefix_new_ones_get(database_url: str) -> None:
    """0010's SQL period equals `period_of` (before 1970 too); old bands are found again."""
    engine = create_store_engine(database_url)
    when = [datetime(1969, 12, 24, 23, 59, tzinfo=UTC), datetime(1970, 1, 1, tzinfo=UTC),
            datetime(2026, 12, 6, 23, 59, 59, tzinfo=UTC),
            datetime(2026, 12, 7, 1, 0, tzinfo=timezone(timedelta(hours=3))), T0]
    try:
        upgrade_engine(engine, "0009")
        with engine.begin() as conn:
            ids = conn.execute(insert(articles).returning(articles.c.id), [
                {"source": "s", "title": f"t{i}", "text": "x", "language": "en",
                 "published_at": at, "ingested_at": T0, "content_hash": f"h{i}",
                 "owner_chat_id": None, "origin": "text", "extra": {}, "dated": True}
                for i, at in enumerate(when)]).scalars().all()
            conn.execute(insert(article_bands), [{"band": band, "article_id": i}
                                                 for i in ids for band in ("b0:aa", "b1:bb")])
        upgrade_engine(engine)

        def stored() -> list[tuple[str, int]]:
            with engine.connect() as conn:
                return sorted((row.band, row.article_id) for row in conn.execute(
                    select(article_bands.c.band, article_bands.c.article_id)))

        assert stored() == sorted((key, i) for i, at in zip(ids, when, strict=True)
                                  for key in stored_keys(["b0:aa", "b1:bb"], at))
        store = SqlStore(engine)
        assert {f.id for f in store.near_duplicate_candidates(["b1:bb"], when[2])} == {ids[2],
                                                                                       ids[3]}
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0009")
        assert stored() == sorted((band, i) for i in ids for band in ("b0:aa", "b1:bb"))
    finally:
        engine.dispose()
