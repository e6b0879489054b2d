"""PostgreSQL: the text index also knows each article's id range, newest ranges first.

An open search scores only the 500 most recently stored matches, but collecting them
still read every match: the GIN index has no order, so "film" (17,500 of 100,000
articles) was collected whole, and a phrase was checked against the positions of every
article that has its words ("prime minister": 7,190 vectors read from TOAST, 30 ms).
An id range on the primary key cannot help: the planner does not know how many of the
newest ids there are until the next ANALYZE and then reads the range row by row,
testing each vector (18-126 ms at 100,000 articles).

The text index becomes two-column: the vector and the article's id range (`id >> 11`,
2,048 ids), so "these words, in these ranges" is one GIN lookup that never leaves the
index before the ranges' matches are known (`digests.store.search_postgres`). A search
without ranges uses the first column as before. SQLite is unchanged (FTS5 walks rowids
from the newest itself).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: Must stay equal to `digests.store.search_postgres.RANGE_BITS` (a test checks the plan).
_RANGE_BITS = 11


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_article_search_recent ON article_search"
               f" USING gin (search_vector, (ARRAY[id >> {_RANGE_BITS}]))")
    op.execute("DROP INDEX ix_article_search_vector")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_article_search_vector ON article_search"
               " USING gin (search_vector)")
    op.execute("DROP INDEX ix_article_search_recent")
