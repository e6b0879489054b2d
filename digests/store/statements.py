"""The article statements ingest runs for every item, built once at import.

Building a Core statement costs more than running it on SQLite (operator coercion and
cache-key generation dominate a profile of ingest), so the per-article lookups and the
insert are module constants with bound parameters; SQLAlchemy's compiled cache then
serves every execution after the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    String,
    Text,
    any_,
    bindparam,
    cast,
    column,
    desc,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import TypeEngine

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


def _near_duplicate_candidates(shares_a_band: ColumnElement[bool]) -> Select[tuple[Any, ...]]:
    matches = (
        select(article_bands.c.article_id, _shared)
        .where(shares_a_band)
        .group_by(article_bands.c.article_id)
        .subquery()
    )
    return (
        select(articles.c.id, articles.c.signature)
        .join(matches, matches.c.article_id == articles.c.id)
        # Public originals only: a private text must never become the original of public news.
        .where(articles.c.duplicate_of.is_(None), articles.c.owner_chat_id.is_(None))
        .order_by(desc(matches.c.shared), articles.c.id)
        .limit(bindparam("limit"))
    )


NEAR_DUPLICATE_CANDIDATES = _near_duplicate_candidates(
    article_bands.c.band.in_(bindparam("bands", expanding=True)))

# A batch's band lookups (`BandCache`), in two plain index lookups: the articles stored
# under its keys, then which of them are public originals. As one join, SQLite walked
# the originals and probed the band index for each (every article, each batch).
# SQLite takes the thousands of keys as one JSON array parameter (`json_each`): an IN
# list of bound parameters cost SQLAlchemy more to render than SQLite to look up.
def _json_values(name: str) -> Select[tuple[Any]]:
    return select(column("value")).select_from(func.json_each(bindparam(name, type_=String)))


BAND_ROWS = select(article_bands.c.band, article_bands.c.article_id).where(
    article_bands.c.band.in_(_json_values("bands")))
ORIGINALS = select(articles.c.id, articles.c.signature).where(
    articles.c.id.in_(_json_values("ids")),
    articles.c.duplicate_of.is_(None), articles.c.owner_chat_id.is_(None))
INSERT_ARTICLE = insert(articles).returning(articles.c.id)
INSERT_BANDS = insert(article_bands)

# PostgreSQL: an article's bands travel as one parameter, not one parameter or one
# pipelined statement each; psycopg's per-parameter and per-statement work was a fifth
# of ingest's client CPU there (SQLite runs in process and keeps the forms above).
def _joined_array(name: str, element: TypeEngine[Any]) -> ColumnElement[Any]:
    """A PostgreSQL array parameter sent as one newline-joined string (`joined`).

    psycopg dumps an array parameter element by element in Python, checking each
    string for quoting: 18 ms for a batch's 16,800 band keys, a fifth of the saving
    thread's CPU. One string is split by the server instead.
    """
    return cast(func.string_to_array(bindparam(name, type_=Text), "\n"), ARRAY(element))


def joined(values: Iterable[object]) -> str:
    """The value of a `_joined_array` parameter (keys and ids never contain a newline)."""
    return "\n".join(map(str, values))


_BAND_ARRAY = _joined_array("bands", String(64))
_ID_ARRAY = _joined_array("ids", Integer())
NEAR_DUPLICATE_CANDIDATES_PG = _near_duplicate_candidates(article_bands.c.band == any_(_BAND_ARRAY))
BAND_ROWS_PG = select(article_bands.c.band, article_bands.c.article_id).where(
    article_bands.c.band == any_(_BAND_ARRAY))
ORIGINALS_PG = select(articles.c.id, articles.c.signature).where(
    articles.c.id == any_(_ID_ARRAY),
    articles.c.duplicate_of.is_(None), articles.c.owner_chat_id.is_(None))
INSERT_INBOX = insert(alert_inbox)
# PostgreSQL: optimistic batches (`SqlStore.batch`) take ids up front; band rows go in
# one statement whatever their articles (two arrays unnested side by side).
INSERT_ARTICLE_ROWS = insert(articles)  # with their ids, many rows per statement
NEXT_ARTICLE_IDS = text(
    "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, :n)")
INSERT_BAND_ROWS_PG = insert(article_bands).from_select(
    ["band", "article_id"],
    select(func.unnest(_BAND_ARRAY), func.unnest(_ID_ARRAY)),
)

#: The columns an article is inserted with: every one but its id (`rows.draft_values`
#: plus ingest's own); a value missing from the parameters fails the insert loudly.
_INSERTED = tuple(column.name for column in articles.c if column.name != "id")
_new_article = (
    insert(articles)
    .values({name: bindparam(name, type_=articles.c[name].type) for name in _INSERTED})
    .returning(articles.c.id)
    .cte("new_article")
)
# PostgreSQL: the article, its bands and its alert-inbox entry in one statement (one
# round trip instead of three); the inbox entry only for public news (`public`).
INSERT_ARTICLE_PG = select(_new_article.c.id).add_cte(
    insert(article_bands).from_select(
        ["band", "article_id"], select(func.unnest(_BAND_ARRAY), _new_article.c.id),
    ).cte("new_bands"),
    insert(alert_inbox).from_select(
        ["article_id", "created_at"],
        select(_new_article.c.id, bindparam("created_at", type_=alert_inbox.c.created_at.type))
        .where(bindparam("public", type_=Boolean)),
    ).cte("new_inbox"),
)
