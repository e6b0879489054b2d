"""Apply the Alembic migrations shipped inside the package.

No `alembic.ini` is needed: the script location is the installed `digests/migrations`
folder, so `open_store` and `newsdigest db upgrade` work from a wheel as well as from a
checkout. Migrations run over a connection of the store's own engine, so its connection
hooks (SQLite helper functions, a PostgreSQL `search_path`) apply to them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

import digests
from digests.store.analyze import analyze

MIGRATIONS_DIR = Path(digests.__file__).resolve().parent / "migrations"

# Search machinery created with raw DDL in the migrations: FTS5's virtual table and its
# shadow tables, PostgreSQL's generated column (0001-0008), its narrow search table and
# their indexes. Autogenerate must neither offer to drop them nor report them as differences.
_SEARCH_TABLE_PREFIX = "articles_fts"
_SEARCH_TABLE = "article_search"
_SEARCH_COLUMN = "search_vector"
_SEARCH_INDEXES = {"ix_articles_search_vector", "ix_article_search_vector",
                   "ix_article_search_recent"}


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic autogenerate filter that hides the backend-specific search objects."""
    if type_ == "table" and name and (name.startswith(_SEARCH_TABLE_PREFIX)
                                      or name == _SEARCH_TABLE):
        return False
    if type_ == "column" and name == _SEARCH_COLUMN:
        return False
    return not (type_ == "index" and name in _SEARCH_INDEXES)


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (URL optional)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` up to `revision`; a no-op when already there.

    When a migration ran, ANALYZE follows in the same transaction: a migration can add or
    change indexes, and planners without statistics chose badly here (`digests.store.analyze`).
    """
    config = alembic_config()
    with engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if MigrationContext.configure(connection).get_current_revision() != before:
            analyze(connection)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
