"""The tables as SQLAlchemy Core objects, used to build queries on every backend.

The migrations in `digests/migrations/versions/` create these tables (they never import
this module, so old migrations keep describing old schemas). Search structures that
differ per backend (the SQLite FTS5 table, the PostgreSQL `tsvector` column) are not
listed here; the backend's search module names them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from digests.store.types import UTCDateTime

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(16)),
    Column("published_at", UTCDateTime, nullable=False),
    Column("ingested_at", UTCDateTime, nullable=False),
    Column("content_hash", String(128), nullable=False),
    Column("signature", LargeBinary),
    Column("duplicate_of", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("author", Text),
    Column("license", Text),
    Column("attribution", Text),
    Column("external_id", Text),
    Column("origin", String(32), nullable=False, server_default="text"),
    # The chat that sent a private text; NULL for public news (see ArticleDraft).
    Column("owner_chat_id", BigInteger),
    # Provenance metadata (`source_kind`, notices) and whether the date is the source's.
    Column("extra", JSON, nullable=False, server_default="{}"),
    Column("dated", Boolean, nullable=False, server_default=text("true")),
    UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    Index("ix_articles_canonical_url", "canonical_url"),
    Index("ix_articles_published_at", "published_at", "id"),
    # Partial for the same reason: NULL (an original) is almost every row (0011).
    Index(
        "ix_articles_duplicate_of",
        "duplicate_of",
        sqlite_where=text("duplicate_of IS NOT NULL"),
        postgresql_where=text("duplicate_of IS NOT NULL"),
    ),
    # Partial: an index over mostly NULLs misled both planners (migration 0005).
    Index(
        "ix_articles_owner_chat_id",
        "owner_chat_id",
        sqlite_where=text("owner_chat_id IS NOT NULL"),
        postgresql_where=text("owner_chat_id IS NOT NULL"),
    ),
    Index(
        "uq_articles_source_external_id",
        "source",
        "external_id",
        unique=True,
        sqlite_where=text("external_id IS NOT NULL"),
        postgresql_where=text("external_id IS NOT NULL"),
    ),
)

article_bands = Table(
    "article_bands",
    metadata,
    Column("band", String(64), primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index("ix_article_bands_article_id", "article_id"),
)

summary_cache = Table(
    "summary_cache",
    metadata,
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("algorithm", String(32), primary_key=True),
    Column("length", String(32), primary_key=True),
    Column("sentences", JSON, nullable=False),
    Column("total_sentences", Integer, nullable=False),
    Column("language", String(16), nullable=False),
    Column("note", Text),
    Column("created_at", UTCDateTime, nullable=False),
)

# Chats, subscriptions, the delivery ledger and feed sources (created by migration 0002).
# Store methods for them come with the subscription and feed features.

chats = Table(
    "chats",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("type", String(16), nullable=False),
    Column("title", Text),
    Column("username", String(64)),
    Column("member_status", String(32), nullable=False, server_default="member"),
    Column("timezone", String(64)),
    Column("settings", JSON, nullable=False, server_default="{}"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "chat_id",
        BigInteger,
        ForeignKey("chats.chat_id", ondelete="CASCADE", onupdate="CASCADE"),
        nullable=False,
    ),
    Column("thread_id", BigInteger),
    Column("topic", String(64)),
    Column("query", Text, nullable=False),
    Column("time_of_day", String(5), nullable=False, server_default="08:00"),
    Column("weekdays", Integer, nullable=False, server_default="127"),
    Column("timezone", String(64)),
    Column("next_run_at", UTCDateTime),
    Column("last_window_end", UTCDateTime),
    Column("paused", Boolean, nullable=False, server_default=text("false")),
    Column("pause_reason", Text),
    Column("empty_policy", String(16), nullable=False, server_default="skip"),
    Column("created_by", BigInteger),
    Column("created_at", UTCDateTime, nullable=False),
    # 'digest' (daily at time_of_day) or 'alert' (each new matching story; migration 0005)
    Column("kind", String(16), nullable=False, server_default="digest"),
    Column("quiet_hours", String(11)),  # alerts: "HH:MM-HH:MM" in the chat's zone
    Column("max_per_day", Integer),  # alerts: the daily cap; extra stories spill
    Index("ix_subscriptions_chat_id", "chat_id"),
    Index("ix_subscriptions_due", "paused", "next_run_at"),
    Index("ix_subscriptions_kind", "kind", "paused"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "subscription_id",
        Integer,
        ForeignKey("subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("period_key", String(40), nullable=False),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("window_start", UTCDateTime),
    Column("window_end", UTCDateTime),
    Column("parts_sent", Integer, nullable=False, server_default="0"),
    Column("parts_total", Integer),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("claimed_by", String(64)),
    Column("claimed_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("rendered", JSON),
    Column("part_in_flight", Integer),
    Column("parts_unknown", Integer, nullable=False, server_default="0"),
    Column("retry_at", UTCDateTime),
    # An alert's message, so later reports of its story edit it (migration 0005).
    Column("message_chat_id", BigInteger),
    Column("message_id", BigInteger),
    Column("sources", JSON),  # the story's sources so far, the alert's own first
    Column("sources_shown", Integer, nullable=False, server_default="0"),
    Column("edits", Integer, nullable=False, server_default="0"),
    UniqueConstraint("subscription_id", "period_key", name="uq_deliveries_subscription_period"),
    Index("ix_deliveries_status", "status"),
)

# New public articles waiting for the alert matcher, written with the article itself.
alert_inbox = Table(
    "alert_inbox",
    metadata,
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("created_at", UTCDateTime, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("kind", String(16), nullable=False, server_default="feed"),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_success", UTCDateTime),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("entries_seen", Integer, nullable=False, server_default="0"),
    Column("interval_minutes", Float),
    Column("next_check", UTCDateTime),
    Column("paused", Boolean, nullable=False, server_default=text("false")),
    Column("added_by", BigInteger),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("url", name="uq_sources_url"),
    Index("ix_sources_next_check", "paused", "next_check"),
)
