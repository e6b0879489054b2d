"""The owner index covers private texts only, and the planner gets statistics.

Almost every article is public news (`owner_chat_id` NULL). A full index on the column
misled both planners: SQLite answered `duplicates_of` by walking the NULL entries of
that index (every row, 145 ms at 100,000 articles instead of 0.12 ms through
`duplicate_of`), and PostgreSQL read every article for a search instead of using the
text index. A partial index (`WHERE owner_chat_id IS NOT NULL`) still serves a chat's
own texts and cannot be chosen for `IS NULL`. ANALYZE runs after the migrations (see
`digests.store.migrate`), so a database upgraded here gets statistics at once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_NAME = "ix_articles_owner_chat_id"
_PRIVATE = sa.text("owner_chat_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index(_NAME, table_name="articles")
    op.create_index(_NAME, "articles", ["owner_chat_id"],
                    sqlite_where=_PRIVATE, postgresql_where=_PRIVATE)


def downgrade() -> None:
    op.drop_index(_NAME, table_name="articles")
    op.create_index(_NAME, "articles", ["owner_chat_id"])
