"""Chats, subscriptions, the delivery ledger and feed sources.

The ledger's unique (subscription_id, period_key) is what makes a digest go out at most
once per period even with several workers: a worker claims a period by inserting its
row, and a second insert for the same period fails instead of sending twice.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_FALSE = sa.text("false")


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("username", sa.String(64)),
        sa.Column("member_status", sa.String(32), nullable=False, server_default="member"),
        sa.Column("timezone", sa.String(64)),
        sa.Column("settings", sa.JSON, nullable=False, server_default="{}"),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "chat_id",
            sa.BigInteger,
            sa.ForeignKey(
                "chats.chat_id", ondelete="CASCADE", onupdate="CASCADE",
                name="fk_subscriptions_chat",
            ),
            nullable=False,
        ),
        sa.Column("thread_id", sa.BigInteger),
        sa.Column("topic", sa.String(64)),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("time_of_day", sa.String(5), nullable=False, server_default="08:00"),
        sa.Column("weekdays", sa.Integer, nullable=False, server_default="127"),
        sa.Column("timezone", sa.String(64)),
        sa.Column("next_run_at", _TS),
        sa.Column("last_window_end", _TS),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("pause_reason", sa.Text),
        sa.Column("empty_policy", sa.String(16), nullable=False, server_default="skip"),
        sa.Column("created_by", sa.BigInteger),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_index("ix_subscriptions_chat_id", "subscriptions", ["chat_id"])
    op.create_index("ix_subscriptions_due", "subscriptions", ["paused", "next_run_at"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "subscription_id",
            sa.Integer,
            sa.ForeignKey("subscriptions.id", ondelete="CASCADE", name="fk_deliveries_sub"),
            nullable=False,
        ),
        sa.Column("period_key", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("window_start", _TS),
        sa.Column("window_end", _TS),
        sa.Column("parts_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("parts_total", sa.Integer),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_at", _TS),
        sa.Column("sent_at", _TS),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint(
            "subscription_id", "period_key", name="uq_deliveries_subscription_period"
        ),
    )
    op.create_index("ix_deliveries_status", "deliveries", ["status"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="feed"),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_success", _TS),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", _TS),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("entries_seen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("interval_minutes", sa.Float),
        sa.Column("next_check", _TS),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=_FALSE),
        sa.Column("added_by", sa.BigInteger),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("url", name="uq_sources_url"),
    )
    op.create_index("ix_sources_next_check", "sources", ["paused", "next_check"])


def downgrade() -> None:
    op.drop_table("sources")
    op.drop_table("deliveries")
    op.drop_table("subscriptions")
    op.drop_table("chats")
