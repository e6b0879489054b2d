"""Near-duplicate bands are keyed by the fortnight their article was published in first.

Each stored band "b7:…" becomes "p<period>:b7:…", where the period is the article's UTC
publication day counted from 1970-01-01, divided by fourteen and rounded down, as
`digests.store.bands.period_of` computes it for new articles. Ingest then writes into
this period's region of the band index instead of 42 random places (see that module).
The rewrite is one UPDATE; the old and new keys cannot collide (they start with
different letters). Downgrade strips the prefix again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _days(dialect: str) -> str:
    """Whole UTC days from 1970-01-01 to the article's publication, as SQL."""
    if dialect == "postgresql":
        return "((a.published_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01')"
    # SQLite keeps naive UTC text; julianday of a date is N.5, so the difference is whole.
    return "CAST(julianday(date(a.published_at)) - 2440587.5 AS INTEGER)"


def period_sql(dialect: str) -> str:
    """`period_of` in SQL: days // 14 rounded down also before 1970 (SQL truncates)."""
    days = _days(dialect)
    return f"(({days} - ((({days}) % 14) + 14) % 14) / 14)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    prefix = f"'p' || CAST({period_sql(dialect)} AS TEXT) || ':'"
    if dialect == "postgresql":
        op.execute(f"UPDATE article_bands b SET band = {prefix} || b.band "
                   "FROM articles a WHERE a.id = b.article_id AND b.band NOT LIKE 'p%'")
    else:
        op.execute(f"UPDATE article_bands SET band = (SELECT {prefix} "
                   "FROM articles a WHERE a.id = article_bands.article_id) || band "
                   "WHERE band NOT LIKE 'p%'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE article_bands SET band = substr(band, strpos(band, ':') + 1) "
                   "WHERE band LIKE 'p%'")
    else:
        op.execute("UPDATE article_bands SET band = substr(band, instr(band, ':') + 1) "
                   "WHERE band LIKE 'p%'")
