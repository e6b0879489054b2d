"""PostgreSQL: an article's search vector is computed and stored once, in `article_search`.

Since 0007 the vector was a generated column of `articles` that the trigger copied into
`article_search`: every article stored it twice (each copy compressed into TOAST), and
nothing read the first copy once the text index moved (0007). The trigger now computes
the vector itself from the same title, text and language, and the column is dropped.
Per article on ingest, at 3,000-4,500 articles: server CPU of the insert 1.35 -> 1.15 ms,
all server CPU 1.86 -> 1.61 ms (benchmarks/bench_scale.py's corpus). SQLite is unchanged.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _vector(quoted: str, prefix: str) -> str:
    """The weighted vector of 0001's generated column, over `prefix`title and text."""
    return (f"setweight(to_tsvector({quoted}.nd_search_config({prefix}language), "
            f"{quoted}.nd_index_text({prefix}title)), 'A') || "
            f"setweight(to_tsvector({quoted}.nd_search_config({prefix}language), "
            f"{quoted}.nd_index_text({prefix}text)), 'B')")


def _sync_function(quoted: str, vector: str) -> str:
    return f"""
        CREATE OR REPLACE FUNCTION nd_sync_article_search() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.owner_chat_id IS NULL THEN
                INSERT INTO {quoted}.article_search (id, published_at, search_vector)
                VALUES (NEW.id, NEW.published_at, {vector})
                ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at,
                                               search_vector = EXCLUDED.search_vector;
            ELSE
                DELETE FROM {quoted}.article_search WHERE id = NEW.id;
            END IF;
            RETURN NULL;
        END $$
    """


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    return '"' + str(schema).replace('"', '""') + '"'


def upgrade() -> None:
    quoted = _schema()
    if quoted is None:
        return
    op.execute(_sync_function(quoted, _vector(quoted, "NEW.")))
    op.execute("ALTER TABLE articles DROP COLUMN search_vector")


def downgrade() -> None:
    quoted = _schema()
    if quoted is None:
        return
    op.execute(f"ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
               f"({_vector(quoted, '')}) STORED")
    op.execute(_sync_function(quoted, "NEW.search_vector"))
