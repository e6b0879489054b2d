"""Articles keep their provenance metadata and whether their date is known.

`extra` holds what ingestion found besides the fixed fields (the corpus's `source_kind`,
a republishing notice, a feed URL); interfaces label official state communications from
it. `dated` is false for an article that came without a publication date, whose
`published_at` is only its ingest time: it must never be shown as that day's news.
Rows stored before this revision got `published_at = ingested_at` exactly in that case,
which is how they are recognised here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch: SQLite's batch mode copies the table and would drop
    # the full-text triggers that keep the search index in step with `articles`.
    op.add_column("articles", sa.Column("extra", sa.JSON, nullable=False, server_default="{}"))
    op.add_column(
        "articles", sa.Column("dated", sa.Boolean, nullable=False, server_default=sa.text("true"))
    )
    op.execute("UPDATE articles SET dated = false WHERE published_at = ingested_at")


def downgrade() -> None:
    op.drop_column("articles", "dated")
    op.drop_column("articles", "extra")
