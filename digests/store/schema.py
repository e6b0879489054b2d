"""The tables as SQLAlchemy Core objects, used to build queries on every backend.

The migrations in `digests/migrations/versions/` create these tables (they never import
this module, so old migrations keep describing old schemas). Search structures that
differ per backend (the SQLite FTS5 table, the PostgreSQL `tsvector` column) are not
listed here; the backend's search module names them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
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
    Column("content_hash", String(128), nullable=False, unique=True),
    Column("signature", LargeBinary),
    Column("duplicate_of", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("author", Text),
    Column("license", Text),
    Column("attribution", Text),
    Column("external_id", Text),
    Column("origin", String(32), nullable=False, server_default="text"),
    Index("ix_articles_canonical_url", "canonical_url"),
    Index("ix_articles_published_at", "published_at", "id"),
    Index("ix_articles_duplicate_of", "duplicate_of"),
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
