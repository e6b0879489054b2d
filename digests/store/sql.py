"""The SQLAlchemy Core implementation of the `Store` protocol, shared by both backends.

Everything but full-text search is portable SQL; `search` asks the backend's compiler
(`search_sqlite` or `search_postgres`) for the FROM/WHERE/score of a query and adds the
time window, ordering and paging itself. Each public method runs in its own short
transaction so the store is safe to call from worker threads, except inside `batch()`,
where one caller's calls share a transaction and each write is a savepoint.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    delete,
    desc,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.sql import Executable, Select

from digests.models import Article, ArticleDraft, Fingerprint, SearchHit, Summary
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.query import Node
from digests.store import bands as band_keys
from digests.store import search_postgres, search_sqlite, statements
from digests.store.analyze import AnalyzeSchedule, run_if_due
from digests.store.errors import (
    BatchAbortedError,
    ConnectionLostError,
    DuplicateArticleError,
    StoreError,
)
from digests.store.rows import article_from_row, article_from_values, draft_values, summary_from_row
from digests.store.schema import article_bands, articles, summary_cache
from digests.store.search_types import Bounds, SearchClause
from digests.store.types import unpack_signature

Clock = Callable[[], datetime]
_SAVEPOINT = "nd_write"
_PUBLIC = articles.c.owner_chat_id.is_(None)
#: Planner settings for one statement inside the current transaction, then back.
_SET_LOCAL = text("SELECT set_config(:name, :value, true)")
_RESET_LOCAL = text(
    "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name = :name")
#: Matches an open search (no window, no ids) scores: the most recently stored ones.
#: A common word matches a fifth of all articles; scoring them all made search time grow
#: with the corpus (PostgreSQL 908 ms p95 at 100,000 articles). The service re-ranks its
#: pool of 200 by relevance times recency, and at 100,000 articles the pool taken from
#: the newest 500 matches agrees better with ranking every match that way (222 of the
#: 24 bench queries' 240 top-10 results on SQLite) than the 200 best-scored of all
#: matches did (83); at 10,000, 240 against 239. `bench_scale.py --agreement` counts it
#: (PostgreSQL, scoring with `ts_rank_cd`: 148 at 100,000, 232 at 10,000).
SEARCH_CANDIDATES = 500
_ID_CHUNK = 500  # identities per IN (...): well under SQLite's 32,766 bound parameters
_ID_BLOCK = 200  # article ids an optimistic batch takes from the sequence at a time


def _aborted(error: DBAPIError) -> StoreError:
    """What a failed write of an optimistic batch means to its caller."""
    if error.connection_invalidated:
        return ConnectionLostError(f"database connection lost: {error}")
    return BatchAbortedError(f"a write of the batch failed: {error.orig}")


def _rollback_quietly(conn: Connection) -> None:
    """Roll back, ignoring a failure to do so (the connection may already be gone)."""
    with suppress(DBAPIError):
        conn.rollback()


def utc_now() -> datetime:
    """The current time, aware and in UTC."""
    return datetime.now(UTC)


class SqlStore:
    """Articles, near-duplicate bands, full-text search and the summary cache over SQL."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now,
                 metrics: Metrics = NULL_METRICS,
                 search_candidates: int = SEARCH_CANDIDATES) -> None:
        self.engine = engine
        self.search_candidates = search_candidates
        self.clock = clock
        self.metrics = metrics
        self._connection: Connection | None = None
        #: A PostgreSQL batch keeps its write savepoint open between writes (`_write`).
        self._savepoint_open = False
        #: A batch's near-duplicate lookups, answered from memory once asked for
        #: (`prefetch_near_duplicates`); dropped at a write that is not an insert.
        self._bands: band_keys.BandCache | None = None
        #: An optimistic batch's articles waiting to be inserted (`batch`); else None.
        self._pending: list[tuple[dict[str, Any], list[str], datetime]] | None = None
        self._article_ids: list[int] = []
        # Shared with batch views (copy.copy), so writes in batches count too.
        self._analyze = AnalyzeSchedule()
        dialect = engine.dialect.name
        self._search_clause: Callable[[Node], SearchClause | None] = (
            search_postgres.search_clause if dialect == "postgresql"
            else search_sqlite.search_clause
        )

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()

    @contextmanager
    def batch(self, *, optimistic: bool = False) -> Iterator[SqlStore]:
        """A view of this store whose calls share one transaction, committed on exit.

        Ingest saves hundreds of articles in a row; a commit each costs more than the
        article's statements. Each write in the batch is its own savepoint, so a write
        that fails (a duplicate) undoes only itself, and the writes that succeeded are
        committed even when an exception escapes, as separate transactions would have
        been. SQLite's transaction starts IMMEDIATE: the write lock is taken (waiting up
        to the busy timeout) before the batch's first read, so no other writer can slip
        in between a lookup and the insert it decides, and a read snapshot never has to
        be upgraded to a writer (which fails at once instead of waiting). The view is
        for one thread; nested batches reuse the outer one. A database error rolls the
        batch back and is raised as it was (the first cause, not a later "can't reconnect
        until invalid transaction is rolled back"); a dropped connection becomes
        `ConnectionLostError`, so the caller knows the whole batch may be run again.

        `optimistic` (PostgreSQL; SQLite ignores it): no savepoints, and new articles are
        inserted together, a few statements for the batch, when it ends or before its
        next read or other write. Ids come from the sequence up front, so an insert need
        not be waited for. One failed write rolls back the whole batch and raises
        `BatchAbortedError`: the caller runs it again without `optimistic`. Per article
        that saves two of three round trips, and a transaction of hundreds of
        savepoints (each a subtransaction the server tracks for every other session's
        snapshots once there are more than 64).
        """
        if self._connection is not None:
            yield self
            return
        postgres = self.engine.dialect.name == "postgresql"
        with self.engine.connect() as conn:
            conn.begin()
            if not postgres:
                # pysqlite would start the transaction lazily at the first INSERT (and a
                # SAVEPOINT outside a transaction commits on RELEASE); begin it ourselves.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            bound = copy.copy(self)
            bound._connection = conn
            if postgres and optimistic:
                bound._pending = []
            elif postgres:
                conn.exec_driver_sql(f"SAVEPOINT {_SAVEPOINT}")
                bound._savepoint_open = True
            try:
                yield bound
                bound._flush()
            except (BatchAbortedError, ConnectionLostError):  # an optimistic write failed
                _rollback_quietly(conn)
                raise
            except DBAPIError as error:  # the transaction is broken: undo it, say why
                _rollback_quietly(conn)
                if error.connection_invalidated:
                    raise ConnectionLostError(f"database connection lost: {error}") from error
                raise
            except BaseException:
                try:  # a later stage failed: keep the writes that succeeded
                    bound._flush()
                    conn.commit()
                except (DBAPIError, StoreError):  # the first error is the one to report
                    _rollback_quietly(conn)
                raise
            else:
                conn.commit()
        run_if_due(self._analyze, self.engine.begin)

    def _flush(self) -> None:
        """Insert an optimistic batch's new articles: three statements for all of them."""
        pending, conn = self._pending, self._connection
        if not pending or conn is None:
            return
        self._pending = []
        try:
            conn.execute(statements.INSERT_ARTICLE_ROWS, [row for row, _, _ in pending])
            self._write_bands(conn, [(key, row["id"]) for row, keys, _ in pending
                                     for key in keys])
            inbox = [{"article_id": row["id"], "created_at": created}
                     for row, _, created in pending if row["owner_chat_id"] is None]
            if inbox:
                conn.execute(statements.INSERT_INBOX, inbox)
        except DBAPIError as error:
            raise _aborted(error) from error

    def _next_article_id(self, conn: Connection) -> int:
        """The next id of the articles' sequence, taken a block at a time."""
        if not self._article_ids:
            taken = conn.execute(statements.NEXT_ARTICLE_IDS, {"n": _ID_BLOCK}).scalars()
            self._article_ids = sorted(taken, reverse=True)
        return self._article_ids.pop()

    # Articles ---------------------------------------------------------------
    def add_article(
        self,
        draft: ArticleDraft,
        *,
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[str] = (),
        duplicate_of: int | None = None,
    ) -> Article:
        """Store a new article; `published_at` defaults to the ingest time.

        Raises:
            DuplicateArticleError: the hash or (source, external_id) is already stored.
        """
        now = self.clock()
        values = draft_values(
            draft, content_hash=content_hash, signature=signature,
            published_at=draft.published_at or now, dated=draft.published_at is not None,
        )
        values.update(ingested_at=now, duplicate_of=duplicate_of)
        keys = band_keys.stored_keys(bands, values["published_at"])
        if self._pending is not None and self._connection is not None:
            # An optimistic batch: inserted with the others (`_flush`), its id known now.
            article_id = self._next_article_id(self._connection)
            self._pending.append(({**values, "id": article_id}, keys, now))
        else:
            article_id = self._insert(draft, values, keys, now, content_hash)
        if self._bands is not None and draft.owner_chat_id is None and duplicate_of is None:
            self._bands.add(Fingerprint(article_id, tuple(signature) if signature else None), keys)
        self._analyze.wrote()
        if self._connection is None:
            run_if_due(self._analyze, self.engine.begin)
        # Built from what was written: reading the row back cost a query per article.
        return article_from_values(article_id, values)

    def _insert(self, draft: ArticleDraft, values: dict[str, Any], keys: list[str],
                now: datetime, content_hash: str) -> int:
        """Insert one article with its bands and alert-inbox entry now; return its id."""
        try:
            with self._write(keep_bands=True) as conn:
                if conn.dialect.name == "postgresql":
                    return int(conn.execute(statements.INSERT_ARTICLE_PG, {
                        **values, "bands": statements.joined(keys), "created_at": now,
                        "public": draft.owner_chat_id is None,
                    }).scalar_one())
                article_id = int(conn.execute(statements.INSERT_ARTICLE, values).scalar_one())
                self._write_bands(conn, [(key, article_id) for key in keys])
                if draft.owner_chat_id is None:  # public news: the alert matcher's inbox
                    conn.execute(statements.INSERT_INBOX,
                                 {"article_id": article_id, "created_at": now})
                return article_id
        except IntegrityError as error:
            raise self._conflict(draft, content_hash) from error

    def update_article(
        self,
        article_id: int,
        draft: ArticleDraft,
        *,
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[str] = (),
    ) -> Article:
        """Replace an article's content, bands and search entry; keep its id and ingest time.

        Raises:
            KeyError: no article has this id.
            DuplicateArticleError: another article already has the new hash.
        """
        current = self.get_article(article_id)
        if current is None:
            raise KeyError(article_id)
        values = draft_values(
            draft, content_hash=content_hash, signature=signature,
            published_at=draft.published_at or current.published_at,
            dated=draft.published_at is not None or current.dated,
        )
        try:
            with self._write() as conn:
                conn.execute(update(articles).where(articles.c.id == article_id).values(values))
                conn.execute(delete(article_bands).where(article_bands.c.article_id == article_id))
                self._write_bands(conn, [(key, article_id) for key in
                                         band_keys.stored_keys(bands, values["published_at"])])
        except IntegrityError as error:
            raise self._conflict(draft, content_hash) from error
        return self._require(article_id)

    def get_article(self, article_id: int) -> Article | None:
        """One article by id, or None."""
        return self._one(statements.BY_ID, {"id": article_id})

    def get_articles(self, article_ids: Sequence[int]) -> list[Article]:
        """Several articles by id, in the order asked, skipping unknown ids."""
        if not article_ids:
            return []
        found = {a.id: a for a in self._many(
            select(articles).where(articles.c.id.in_(set(article_ids)))
        )}
        return [found[i] for i in article_ids if i in found]

    def find_by_hash(self, content_hash: str) -> Article | None:
        """The article with this normalized-text hash, if any."""
        return self._one(statements.BY_HASH, {"content_hash": content_hash})

    def find_by_url(self, canonical_url: str) -> Article | None:
        """The article stored under this canonical URL, preferring an original, then the oldest."""
        return self._one(statements.BY_URL, {"canonical_url": canonical_url})

    def find_by_external_id(self, source: str, external_id: str) -> Article | None:
        """The article with this identity (feed GUID, corpus id, channel post) in a source."""
        return self._one(
            statements.BY_EXTERNAL_ID, {"source": source, "external_id": external_id}
        )

    def known_external_ids(self, source: str, external_ids: Sequence[str]) -> set[str]:
        """Which of these identities `source` already has, by the unique index.

        A feed of 100,000 entries is checked in 200 queries, not 100,000 article loads.
        """
        return self._known(articles.c.external_id, external_ids,
                           where=articles.c.source == source)

    def near_duplicate_candidates(self, bands: Sequence[str],
                                  published_at: datetime | None = None,
                                  limit: int = 50) -> list[Fingerprint]:
        """Public originals published near `published_at` (default now) sharing a band.

        Most shared bands first; "near" is the band index's window (`bands.lookup_keys`).
        """
        if not bands:
            return []
        keys = band_keys.lookup_keys(bands, published_at or self.clock())
        if self._bands is not None and self._bands.answers(keys):
            return self._bands.candidates(keys, limit)
        if self.engine.dialect.name == "postgresql":
            statement, parameters = statements.NEAR_DUPLICATE_CANDIDATES_PG, {
                "bands": statements.joined(keys), "limit": limit}
        else:
            statement, parameters = statements.NEAR_DUPLICATE_CANDIDATES, {
                "bands": keys, "limit": limit}
        with self._read() as conn:
            rows = conn.execute(statement, parameters)
            return [Fingerprint(id=row.id, signature=unpack_signature(row.signature))
                    for row in rows]

    def prefetch_near_duplicates(
        self, lookups: Sequence[tuple[Sequence[str], datetime | None]],
    ) -> None:
        """Ask once for every original a batch's lookups (bands, published) will need.

        A batch of 200 articles then costs two queries (the band rows under its keys,
        then which of their articles are public originals) instead of one per article:
        on PostgreSQL a round trip each, a third of an article's wall time. Only a batch
        keeps the answer (`bands.BandCache`); elsewhere this does nothing.
        """
        if self._connection is None:
            return
        now = self.clock()
        keys = sorted({key for bands, published_at in lookups
                       for key in band_keys.lookup_keys(bands, published_at or now)})
        with self._read() as conn:
            rows = self._rows_in(conn, "bands", keys, statements.BAND_ROWS,
                                 statements.BAND_ROWS_PG)
            ids = sorted({row.article_id for row in rows})
            signatures = {row.id: unpack_signature(row.signature)
                          for row in self._rows_in(conn, "ids", ids, statements.ORIGINALS,
                                                   statements.ORIGINALS_PG)}
        cache = band_keys.BandCache(asked=set(keys))
        for row in rows:
            if row.article_id in signatures:  # a public original
                cache.add(Fingerprint(row.article_id, signatures[row.article_id]), [row.band])
        self._bands = cache

    def _rows_in(self, conn: Connection, name: str, values: Sequence[Any],
                 statement: Executable, statement_pg: Executable) -> list[Any]:
        """Rows of a statement over many values: an array on PostgreSQL, JSON on SQLite."""
        if not values:
            return []
        if self.engine.dialect.name == "postgresql":
            return list(conn.execute(statement_pg, {name: statements.joined(values)}))
        return list(conn.execute(statement, {name: json.dumps(list(values))}))

    def known_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Which of these normalized-text hashes are stored (one query per chunk)."""
        return self._known(articles.c.content_hash, content_hashes)

    def known_urls(self, canonical_urls: Sequence[str]) -> set[str]:
        """Which of these canonical URLs some article is stored under (one query per chunk)."""
        return self._known(articles.c.canonical_url, canonical_urls)

    def _known(self, column: ColumnElement[Any], values: Sequence[str], *,
               where: ColumnElement[bool] | None = None) -> set[str]:
        """Which of `values` are in `column` (of rows matching `where`), a chunk per query."""
        wanted = sorted(set(values))
        known: set[str] = set()
        with self._read() as conn:
            for start in range(0, len(wanted), _ID_CHUNK):
                condition: ColumnElement[bool] = column.in_(wanted[start:start + _ID_CHUNK])
                if where is not None:
                    condition = where & condition
                known.update(conn.execute(select(column).where(condition).distinct()).scalars())
        return known

    def duplicates_of(self, article_ids: Sequence[int]) -> dict[int, list[Article]]:
        """For each original id, its public near-duplicates (oldest first).

        A private text that copies public news stays out, or a digest would show it.
        """
        result: dict[int, list[Article]] = {i: [] for i in article_ids}
        if not article_ids:
            return result
        for article in self._many(
            select(articles)
            .where(articles.c.duplicate_of.in_(set(article_ids)), _PUBLIC)
            .order_by(articles.c.published_at, articles.c.id)
        ):
            assert article.duplicate_of is not None
            result[article.duplicate_of].append(article)
        return result

    def list_articles(
        self, *, limit: int = 20, offset: int = 0, since: datetime | None = None
    ) -> list[Article]:
        """Public articles, newest first (by published_at, then id)."""
        statement = select(articles).where(_PUBLIC)
        if since is not None:
            statement = statement.where(articles.c.published_at >= since)
        return self._many(
            statement.order_by(desc(articles.c.published_at), desc(articles.c.id))
            .limit(limit)
            .offset(offset)
        )

    def count_articles(self) -> int:
        """How many articles are stored, private ones included."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def publish_article(self, article_id: int) -> None:
        """Make a private article public: the same text arrived as public news.

        It is new public news, so it enters the alert inbox as an added article does (in
        the same transaction); an article already public is left alone.
        """
        with self._write() as conn:
            made_public = conn.execute(
                update(articles)
                .where(articles.c.id == article_id, articles.c.owner_chat_id.is_not(None))
                .values(owner_chat_id=None)
            ).rowcount
            if made_public:
                conn.execute(statements.INSERT_INBOX,
                             {"article_id": article_id, "created_at": self.clock()})

    # Search -----------------------------------------------------------------
    def search(
        self,
        query: Node,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
        offset: int = 0,
        ids: Sequence[int] | None = None,
    ) -> list[SearchHit]:
        """Ranked public full-text matches (stemmed, best first, newer first on ties).

        Only articles published in [since, until); private texts are never searched, so
        nobody finds what another chat sent the bot. With ``ids``, only among those
        articles (the alert matcher asks about the articles just ingested). Without
        `since` or `ids`, only the `search_candidates` most recently stored matches are
        scored (see `SEARCH_CANDIDATES`); a window scores every match in it.
        """
        clause = self._search_clause(query)
        if clause is None:
            return []
        # A window or given ids bound the matches; an open search scores the newest few.
        cap = self.search_candidates if since is None and ids is None else None
        score: ColumnElement[float] = literal_column("score")
        statement = clause.ranked(Bounds(since, until, ids), cap).order_by(
            desc(score), desc(articles.c.published_at), desc(articles.c.id)
        ).limit(limit).offset(offset)
        with self._read() as conn:
            for name, value in clause.settings.items():
                conn.execute(_SET_LOCAL, {"name": name, "value": value})
            rows = conn.execute(statement).mappings().all()
            # A pooled connection's transaction ends here; a batch's goes on.
            for name in clause.settings if conn is self._connection else ():
                conn.execute(_RESET_LOCAL, {"name": name})
        return [SearchHit(article_from_row(row), float(row["score"])) for row in rows]

    # Summary cache ------------------------------------------------------------
    def get_cached_summary(self, article_id: int, algorithm: str, length: str) -> Summary | None:
        """A summary stored earlier for exactly this article, algorithm and length."""
        with self._read() as conn:
            row = conn.execute(
                select(summary_cache).where(
                    summary_cache.c.article_id == article_id,
                    summary_cache.c.algorithm == algorithm,
                    summary_cache.c.length == length,
                )
            ).mappings().first()
        return None if row is None else summary_from_row(row)

    def put_cached_summary(self, summary: Summary, length: str) -> None:
        """Remember a summary under (article_id, algorithm, length), replacing an older one.

        Raises:
            ValueError: the summary has no `article_id` to key it by.
        """
        if summary.article_id is None:
            raise ValueError("only summaries of stored articles can be cached")
        values = {
            "article_id": summary.article_id,
            "algorithm": summary.algorithm,
            "length": length,
            "sentences": list(summary.sentences),
            "total_sentences": summary.total_sentences,
            "language": summary.language,
            "note": summary.note,
            "created_at": self.clock(),
        }
        # An upsert, not delete-then-insert: two threads or processes summarizing the same
        # article at once must both succeed (on PostgreSQL the second insert would fail).
        dialect_insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = dialect_insert(summary_cache).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["article_id", "algorithm", "length"],
            set_={k: statement.excluded[k] for k in values
                  if k not in {"article_id", "algorithm", "length"}},
        )
        with self._write() as conn:
            conn.execute(statement)

    # Helpers ------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """The batch's connection, or a pooled one for this call only."""
        if self._connection is not None:
            self._flush()  # an optimistic batch's reads see its inserts
            yield self._connection
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self, *, keep_bands: bool = False) -> Iterator[Connection]:
        """A savepoint in the batch, or a transaction of its own; either undone on error.

        A write other than an insert (`keep_bands`) drops the batch's `BandCache`: an
        update or a publication changes which originals share which bands.

        The savepoint is plain SQL rather than `Connection.begin_nested()`, which costs
        ~0.4 ms a call (it compiles a fresh SAVEPOINT clause each time), more than the
        article's lookups. A PostgreSQL batch keeps one savepoint open (see below); else
        a savepoint per write, released on both paths because both backends keep a
        savepoint after ROLLBACK TO. On PostgreSQL the ROLLBACK TO is also what makes the
        transaction usable again after a failed statement.
        """
        if not keep_bands:
            self._bands = None
        conn = self._connection
        if conn is None:
            with self.engine.begin() as conn:
                yield conn
            return
        if self._pending is not None:
            # An optimistic batch: no savepoint, so a failure ends the whole batch.
            self._flush()
            try:
                yield conn
            except DBAPIError as error:
                raise _aborted(error) from error
            return
        if self._savepoint_open:
            # PostgreSQL: the savepoint opened at the start of the batch (or at the end of
            # the last write) is this write's; ending one and opening the next is one
            # round trip of two statements instead of two of one (a tenth of an article's
            # wall time in a batch). SQLite runs in process and cannot send two at once.
            try:
                yield conn
            except BaseException as error:
                # A dropped connection has nothing to roll back to: the batch reports it.
                if not (isinstance(error, DBAPIError) and error.connection_invalidated):
                    conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
                raise
            conn.exec_driver_sql(f"RELEASE SAVEPOINT {_SAVEPOINT}; SAVEPOINT {_SAVEPOINT}")
            return
        conn.exec_driver_sql(f"SAVEPOINT {_SAVEPOINT}")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
            conn.exec_driver_sql(f"RELEASE SAVEPOINT {_SAVEPOINT}")
            raise
        conn.exec_driver_sql(f"RELEASE SAVEPOINT {_SAVEPOINT}")

    def _one(
        self, statement: Select[tuple[object, ...]] | Executable,
        parameters: Mapping[str, object] | None = None,
    ) -> Article | None:
        with self._read() as conn:
            row = conn.execute(statement, parameters).mappings().first()
        return None if row is None else article_from_row(row)

    def _many(
        self, statement: Select[tuple[object, ...]] | Executable,
        parameters: Mapping[str, object] | None = None,
    ) -> list[Article]:
        with self._read() as conn:
            return [article_from_row(row) for row in conn.execute(statement, parameters).mappings()]

    def _require(self, article_id: int) -> Article:
        article = self.get_article(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    @staticmethod
    def _write_bands(conn: Connection, rows: Sequence[tuple[str, int]]) -> None:
        """Band rows (key, article id): on PostgreSQL one statement of two joined strings."""
        if not rows:
            return
        if conn.dialect.name == "postgresql":
            conn.execute(statements.INSERT_BAND_ROWS_PG, {
                "bands": statements.joined(key for key, _ in rows),
                "ids": statements.joined(article_id for _, article_id in rows)})
        else:
            conn.execute(statements.INSERT_BANDS,
                         [{"band": key, "article_id": article_id} for key, article_id in rows])

    def _conflict(self, draft: ArticleDraft, content_hash: str) -> DuplicateArticleError:
        existing = self.find_by_hash(content_hash)
        if existing is None and draft.external_id is not None:
            existing = self.find_by_external_id(draft.source, draft.external_id)
        return DuplicateArticleError(
            "an article with this content or identity is already stored",
            existing.id if existing else None,
        )


def sql_engine(store: object, feature: str = "this feature") -> Engine:
    """The engine of a `SqlStore`, for the repositories that keep their own SQL.

    Subscriptions, chats and the ledgers live in the store's database; a store of another
    kind has none of their tables, so asking for them is a programming error.

    Raises:
        TypeError: `store` is not a `SqlStore`.
    """
    if not isinstance(store, SqlStore):
        raise TypeError(f"{feature} need the SQL store")
    return store.engine
