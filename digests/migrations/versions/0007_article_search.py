"""PostgreSQL: public articles' search vectors in a narrow table of their own.

A search for a common word ("film": 18 % of the articles) first collects the ids of its
matches through the text index, and PostgreSQL must visit each match's heap row to do
so. In `articles` a row is about 1 KB (title, text, metadata), so the 17,500 matches of
"film" at 100,000 articles were 10,500 heap pages, more than the buffer cache kept:
88-300 ms of a search. `article_search` holds only the id, the publication time and the
vector, the vector always out of line (`toast_tuple_target` at its minimum), so its heap
is about 7 MB at 100,000 articles (834 pages for those matches) and stays cached. Only
public articles are in it (private texts are never searched); a trigger keeps it in step
with `articles` (insert, new content or date, publication of a private text), the
foreign key deletes with the article. The text index moves from `articles` to it.
SQLite is unchanged (FTS5 keeps its own index).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _statements(schema: str) -> list[str]:
    quoted = '"' + schema.replace('"', '""') + '"'
    return [
        """
        CREATE TABLE article_search (
            id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            published_at timestamp with time zone NOT NULL,
            search_vector tsvector NOT NULL
        ) WITH (toast_tuple_target = 128)
        """,
        """
        INSERT INTO article_search (id, published_at, search_vector)
        SELECT id, published_at, search_vector FROM articles
        WHERE owner_chat_id IS NULL ORDER BY id
        """,
        "CREATE INDEX ix_article_search_vector ON article_search USING gin (search_vector)",
        "DROP INDEX ix_articles_search_vector",
        f"""
        CREATE FUNCTION nd_sync_article_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.owner_chat_id IS NULL THEN
                INSERT INTO {quoted}.article_search (id, published_at, search_vector)
                VALUES (NEW.id, NEW.published_at, NEW.search_vector)
                ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at,
                                               search_vector = EXCLUDED.search_vector;
            ELSE
                DELETE FROM {quoted}.article_search WHERE id = NEW.id;
            END IF;
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE TRIGGER articles_search_sync
        AFTER INSERT OR UPDATE OF title, text, language, published_at, owner_chat_id
        ON articles FOR EACH ROW EXECUTE FUNCTION {quoted}.nd_sync_article_search()
        """,
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for statement in _statements(schema):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER articles_search_sync ON articles")
    op.execute("DROP FUNCTION nd_sync_article_search()")
    op.execute("DROP TABLE article_search")
    op.execute("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")
