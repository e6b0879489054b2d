"""Topic alerts: alert subscriptions, the alert state of ledger rows, the ingest inbox.

Alerts reuse the digest tables on purpose: an alert subscription is a ``subscriptions`` row
of ``kind`` 'alert' (so pausing a blocked chat, following a migrated group and admin rules
apply to it unchanged), and each (alert subscription, story) is one ``deliveries`` row with
the period key ``story:<id>`` (the same unique claim, lease and stored rendered part).
What an alert adds: the message it became (``message_chat_id``, ``message_id``) so later
reports of the story edit it, the sources reported so far and how many the message shows,
and the count of edits. ``alert_inbox`` is how every ingest path hands new public articles
to the alert matcher, in the same transaction as the article, so a crash loses none and the
matcher never scans the article table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("subscriptions", sa.Column("kind", sa.String(16), nullable=False,
                                             server_default="digest"))
    op.add_column("subscriptions", sa.Column("quiet_hours", sa.String(11)))
    op.add_column("subscriptions", sa.Column("max_per_day", sa.Integer))
    op.add_column("deliveries", sa.Column("message_chat_id", sa.BigInteger))
    op.add_column("deliveries", sa.Column("message_id", sa.BigInteger))
    op.add_column("deliveries", sa.Column("sources", sa.JSON))
    op.add_column("deliveries", sa.Column("sources_shown", sa.Integer, nullable=False,
                                          server_default="0"))
    op.add_column("deliveries", sa.Column("edits", sa.Integer, nullable=False,
                                          server_default="0"))
    op.create_index("ix_subscriptions_kind", "subscriptions", ["kind", "paused"])
    op.create_table(
        "alert_inbox",
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("alert_inbox")
    op.drop_index("ix_subscriptions_kind", "subscriptions")
    with op.batch_alter_table("deliveries") as batch:
        for column in ("edits", "sources_shown", "sources", "message_id", "message_chat_id"):
            batch.drop_column(column)
    with op.batch_alter_table("subscriptions") as batch:
        for column in ("max_per_day", "quiet_hours", "kind"):
            batch.drop_column(column)
