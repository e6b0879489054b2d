"""The near-duplicate index covers near-duplicates only.

Almost every article is an original (`duplicate_of` NULL). With a full index on the
column, SQLite's statistics say a value matches about six rows, NULL included, so it
answered "originals sharing these bands" by walking every original through that index
and probing the band index for each: 70 s for one batch's lookup at 10,000 articles
instead of 50 ms from the band index. A partial index (`WHERE duplicate_of IS NOT
NULL`) still serves `duplicates_of` and the foreign key's ON DELETE SET NULL, and
cannot be chosen for `IS NULL` (as 0006 did for the owner index).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_NAME = "ix_articles_duplicate_of"
_NEAR_DUPLICATES = sa.text("duplicate_of IS NOT NULL")


def upgrade() -> None:
    op.drop_index(_NAME, table_name="articles")
    op.create_index(_NAME, "articles", ["duplicate_of"],
                    sqlite_where=_NEAR_DUPLICATES, postgresql_where=_NEAR_DUPLICATES)


def downgrade() -> None:
    op.drop_index(_NAME, table_name="articles")
    op.create_index(_NAME, "articles", ["duplicate_of"])
