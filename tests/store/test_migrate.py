"""Migrations: they build exactly the schema the code queries, and run more than once."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from digests.store import upgrade_database
from digests.store.engine import create_store_engine
from digests.store.migrate import alembic_config, current_revision, include_object
from digests.store.schema import metadata


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
