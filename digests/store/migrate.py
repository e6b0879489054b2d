"""Apply the Alembic migrations shipped inside the package.

No `alembic.ini` is needed: the script location is the installed `digests/migrations`
folder, so `open_store` and `newsdigest db upgrade` work from a wheel as well as from a
checkout. Migrations run over a connection of the store's own engine, so its connection
hooks (SQLite helper functions, a PostgreSQL `search_path`) apply to them too.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

import digests

MIGRATIONS_DIR = Path(digests.__file__).resolve().parent / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (URL optional)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` up to `revision`; a no-op when already there."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
