"""Deliveries keep what they send: the rendered parts, the part in flight, ambiguous parts.

A resumed delivery resends the stored parts instead of composing a new digest (which
would mix two digests in one chat); ``part_in_flight`` marks a part whose send started and
was not recorded, so a crash in that window is known to be ambiguous instead of resent
blindly; ``parts_unknown`` counts parts that may not have arrived; ``retry_at`` is when a
period that failed transiently is resumed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("rendered", sa.JSON))
    op.add_column("deliveries", sa.Column("part_in_flight", sa.Integer))
    op.add_column("deliveries", sa.Column("parts_unknown", sa.Integer, nullable=False,
                                          server_default="0"))
    op.add_column("deliveries", sa.Column("retry_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        for column in ("retry_at", "parts_unknown", "part_in_flight", "rendered"):
            batch.drop_column(column)
