"""Articles, near-duplicate bands, summary cache and full-text search.

SQLite: a contentless FTS5 table over title and text (porter stemming, diacritics
removed), kept in step by triggers that index CJK text one character per token through
the `nd_segment_cjk` function the store registers on every connection.
PostgreSQL: a stored generated `tsvector` column (title weighted A, text B) built with
the text search configuration of the article's language, over the text reduced to
its words (English and Russian snowball
stemmers that keep stop words, else `simple`), and a GIN index on it.

`owner_chat_id` marks text a Telegram chat sent the bot: private to that chat, never
searched or listed for anyone (NULL is public news).

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)

_SQLITE_FTS = [
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='', tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.id, nd_segment_cjk(new.title), nd_segment_cjk(new.text));
    END
    """,
    """
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, nd_segment_cjk(old.title), nd_segment_cjk(old.text));
    END
    """,
    """
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, nd_segment_cjk(old.title), nd_segment_cjk(old.text));
        INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.id, nd_segment_cjk(new.title), nd_segment_cjk(new.text));
    END
    """,
]

_CJK_CLASS = (
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"
)

_POSTGRES_CONFIGS = [
    # Stemming without stop-word removal, as SQLite's porter tokenizer does: otherwise
    # "the summit" or "AT&T" (all stop words) could never match an English article.
    "CREATE TEXT SEARCH DICTIONARY nd_english_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH DICTIONARY nd_russian_stem (TEMPLATE = snowball, Language = russian)",
    "CREATE TEXT SEARCH CONFIGURATION nd_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION nd_english ALTER MAPPING REPLACE english_stem"
    " WITH nd_english_stem",
    "CREATE TEXT SEARCH CONFIGURATION nd_russian (COPY = pg_catalog.russian)",
    "ALTER TEXT SEARCH CONFIGURATION nd_russian ALTER MAPPING REPLACE english_stem"
    " WITH nd_english_stem",
    "ALTER TEXT SEARCH CONFIGURATION nd_russian ALTER MAPPING REPLACE russian_stem"
    " WITH nd_russian_stem",
]


def _postgres_search(schema: str) -> list[str]:
    """DDL of the search column and its helpers.

    `nd_index_text` leaves only letters and digits separated by spaces (CJK characters one
    by one), the same words `digests.query` extracts from a query: PostgreSQL's own parser
    would read "covid-19" as "covid" and the integer "-19", which the query "covid-19"
    (the phrase "covid 19") could never match. Names are schema-qualified so the column
    never depends on the search_path of whoever writes an article later.
    """
    quoted = '"' + schema.replace('"', '""') + '"'
    return [
        f"""
        CREATE FUNCTION nd_index_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
        AS $$ SELECT regexp_replace(
            regexp_replace(value, '({_CJK_CLASS})', ' \\1 ', 'g'), '[^[:alnum:]]+', ' ', 'g'
        ) $$
        """,
        f"""
        CREATE FUNCTION nd_search_config(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE
            WHEN lower(language) LIKE 'en%' THEN '{quoted}.nd_english'::regconfig
            WHEN lower(language) LIKE 'ru%' THEN '{quoted}.nd_russian'::regconfig
            ELSE 'pg_catalog.simple'::regconfig
        END $$
        """,
        f"""
        ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector({quoted}.nd_search_config(language),
                                  {quoted}.nd_index_text(title)), 'A')
            || setweight(to_tsvector({quoted}.nd_search_config(language),
                                     {quoted}.nd_index_text(text)), 'B')
        ) STORED
        """,
        "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("published_at", _TS, nullable=False),
        sa.Column("ingested_at", _TS, nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column(
            "duplicate_of",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="SET NULL", name="fk_articles_duplicate_of"),
        ),
        sa.Column("author", sa.Text),
        sa.Column("license", sa.Text),
        sa.Column("attribution", sa.Text),
        sa.Column("external_id", sa.Text),
        sa.Column("origin", sa.String(32), nullable=False, server_default="text"),
        sa.Column("owner_chat_id", sa.BigInteger),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_index("ix_articles_published_at", "articles", ["published_at", "id"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_articles_owner_chat_id", "articles", ["owner_chat_id"])
    op.create_index(
        "uq_articles_source_external_id",
        "articles",
        ["source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_id IS NOT NULL"),
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )
    op.create_table(
        "article_bands",
        sa.Column("band", sa.String(64), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_article_bands_article"),
            primary_key=True,
        ),
    )
    op.create_index("ix_article_bands_article_id", "article_bands", ["article_id"])
    op.create_table(
        "summary_cache",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_summary_cache_article"),
            primary_key=True,
        ),
        sa.Column("algorithm", sa.String(32), primary_key=True),
        sa.Column("length", sa.String(32), primary_key=True),
        sa.Column("sentences", sa.JSON, nullable=False),
        sa.Column("total_sentences", sa.Integer, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", _TS, nullable=False),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        for statement in [*_POSTGRES_CONFIGS, *_postgres_search(schema)]:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_table("summary_cache")
    op.drop_table("article_bands")
    op.drop_table("articles")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS nd_search_config(text)")
        op.execute("DROP FUNCTION IF EXISTS nd_index_text(text)")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS nd_russian")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS nd_english")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS nd_russian_stem")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS nd_english_stem")
