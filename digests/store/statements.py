"""The article statements ingest runs for every item, built once at import.

Building a Core statement costs more than running it on SQLite (operator coercion and
cache-key generation dominate a profile of ingest), so the per-article lookups and the
insert are module constants with bound parameters; SQLAlchemy's compiled cache then
serves every execution after the first.
"""

from __future__ import annotations

from sqlalchemy import bindparam, desc, func, insert, select

from digests.store.schema import alert_inbox, article_bands, articles

BY_ID = select(articles).where(articles.c.id == bindparam("id"))
BY_HASH = select(articles).where(articles.c.content_hash == bindparam("content_hash"))
BY_EXTERNAL_ID = select(articles).where(
    articles.c.source == bindparam("source"),
    articles.c.external_id == bindparam("external_id"),
)
BY_URL = (
    select(articles)
    .where(articles.c.canonical_url == bindparam("canonical_url"))
    .order_by(articles.c.duplicate_of.is_not(None), articles.c.id)
    .limit(1)
)

_shared = func.count().label("shared")
_matches = (
    select(article_bands.c.article_id, _shared)
    .where(article_bands.c.band.in_(bindparam("bands", expanding=True)))
    .group_by(article_bands.c.article_id)
    .subquery()
)
NEAR_DUPLICATE_CANDIDATES = (
    select(articles)
    .join(_matches, _matches.c.article_id == articles.c.id)
    # Public originals only: a private text must never become the original of public news.
    .where(articles.c.duplicate_of.is_(None), articles.c.owner_chat_id.is_(None))
    .order_by(desc(_matches.c.shared), articles.c.id)
    .limit(bindparam("limit"))
)

INSERT_ARTICLE = insert(articles).returning(articles.c.id)
INSERT_BANDS = insert(article_bands)
INSERT_INBOX = insert(alert_inbox)
