"""The planners use the indexes for the lookups that run per article and per request.

A later schema change (an index dropped, a misleading one added, as the full index on
`owner_chat_id` once was) must not silently turn these into scans of every row. The
store's own statements are captured as they run, then explained on a database with a few
thousand rows and fresh statistics (`analyze`), as the store leaves it after an ingest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert

from digests.ingest import ingest_drafts
from digests.ingest.batches import BATCH_SIZE
from digests.models import ArticleDraft
from digests.query import parse_query
from digests.settings import Settings
from digests.store import SqlStore
from digests.store.analyze import FIRST_AFTER, AnalyzeSchedule, analyze
from digests.store.bands import stored_keys
from digests.store.schema import article_bands, articles
from digests.store.search_postgres import RANGE_BANDS, RANGE_BITS
from tests.store.conftest import T0

ROWS = 4000
BANDS = 8
# Rows the size of real articles: the planners weigh reading a table by its pages.
_BODY = " ".join(f"filler{k}" for k in range(80))


def _fill(store: SqlStore) -> None:
    """ROWS public articles (every tenth a near-duplicate of the one before), a few private."""
    rows = [
        {"source": "bulk", "title": f"title {i}", "text": f"common word{i % 400} {_BODY} {i}",
         "language": "en", "published_at": T0 - timedelta(minutes=i), "ingested_at": T0,
         "content_hash": f"h{i}", "duplicate_of": i - 1 if i % 10 == 0 else None,
         "owner_chat_id": 42 if i % 500 == 0 else None, "origin": "text", "extra": {},
         "dated": True}
        for i in range(1, ROWS + 1)
    ]
    bands = [{"band": key, "article_id": i} for i in range(1, ROWS + 1)
             for key in stored_keys([f"{k}:{i * 7919 % 100003}" for k in range(BANDS)], T0)]
    with store.engine.begin() as conn:
        conn.execute(insert(articles), rows)
        conn.execute(insert(article_bands), bands)
        analyze(conn)


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    _fill(store)
    return store


@contextmanager
def captured(store: SqlStore) -> Iterator[list[tuple[str, Any]]]:
    """The queries (SELECT, WITH) the store runs inside the block, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)


def plans(store: SqlStore, call: Callable[[], object]) -> list[str]:
    """The query plan of each SELECT `call` runs, as one text per statement.

    Planner settings the store makes for a statement (`set_config`) are replayed in
    order in one transaction, so each statement is explained as it ran.
    """
    with captured(store) as seen:
        call()
    assert seen, "the call ran no SELECT"
    assert any("set_config(" not in statement for statement, _ in seen), seen
    result = []
    with store.engine.connect() as conn:
        for statement, parameters in seen:
            if "set_config(" in statement:
                conn.exec_driver_sql(statement, parameters)
            elif store.engine.dialect.name == "sqlite":
                rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                result.append("\n".join(str(row[-1]) for row in rows))
            else:
                rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                result.append("\n".join(str(row[0]) for row in rows))
    return result


def full_scans(plan: str) -> list[str]:
    """Lines of the plan that read a whole table of ours (FTS5's own scan is its index)."""
    pattern = (r"Seq Scan on (articles|article_bands|article_search)\b"
               r"|^SCAN (articles|article_bands)\b(?!_)")
    return [line for line in plan.splitlines() if re.search(pattern, line.strip())]


def test_near_duplicate_lookup_uses_the_band_index(filled: SqlStore) -> None:
    bands = [f"{k}:{5 * 7919 % 100003}" for k in range(BANDS)] + ["0:unknown"] * 3
    assert [f.id for f in filled.near_duplicate_candidates(bands, T0)] == [5]
    for plan in plans(filled, lambda: filled.near_duplicate_candidates(bands, T0)):
        assert not full_scans(plan), plan
        assert re.search(r"article_bands_pkey|sqlite_autoindex_article_bands", plan), plan


def test_a_batch_asks_the_band_index_for_its_candidates(filled: SqlStore) -> None:
    """A batch's band lookup starts from the band index, not from the originals.

    With a full index on duplicate_of, SQLite walked every original instead (0011).
    """
    lookups = [([f"{k}:{i * 7919 % 100003}" for k in range(BANDS)], T0)
               for i in range(1, 10, 3)]  # few keys for the table (a batch's at 100,000)

    def prefetch() -> None:
        with filled.batch() as batch:
            batch.prefetch_near_duplicates(lookups)
            assert [f.id for f in batch.near_duplicate_candidates(*lookups[1])] == [4]

    for plan in plans(filled, prefetch):
        if "article_bands" not in plan:
            continue
        assert not full_scans(plan), plan
        assert re.search(r"article_bands_pkey|sqlite_autoindex_article_bands", plan), plan
        assert "ix_articles_duplicate_of" not in plan, plan


def test_duplicates_of_uses_the_duplicate_index(filled: SqlStore) -> None:
    found = plans(filled, lambda: filled.duplicates_of([9, 19, 29]))
    for plan in found:
        assert not full_scans(plan), plan
        assert "ix_articles_duplicate_of" in plan, plan
        assert "ix_articles_owner_chat_id" not in plan, plan


@pytest.mark.parametrize("query", ["word7", "word7 OR word8", '"common word9"', "word3*"])
def test_search_uses_the_text_index(filled: SqlStore, query: str) -> None:
    windowed = lambda: filled.search(parse_query(query), since=T0 - timedelta(hours=2))  # noqa: E731
    for call in (lambda: filled.search(parse_query(query)), windowed):
        for plan in plans(filled, call):
            assert not full_scans(plan), plan
            if filled.engine.dialect.name == "postgresql":
                assert "ix_article_search_recent" in plan, plan
                assert "Filter: (search_vector @@" not in plan, plan


@pytest.mark.parametrize("query", ["common", "common OR filler7", '"common word9"', "fill*"])
def test_common_word_search_scores_only_the_newest_matches_found_by_the_index(
    filled: SqlStore, query: str
) -> None:
    """A word in every article: found through the text index, capped before scoring.

    PostgreSQL's planner, left alone, tests every row's vector for such a word (it does
    not count reading TOASTed vectors), and both backends used to score every match.
    PostgreSQL also used to collect every match before keeping the newest (migration
    0008 puts the id range into the text index).
    """
    (plan,) = plans(filled, lambda: filled.search(parse_query(query)))
    assert not full_scans(plan), plan
    if filled.engine.dialect.name == "postgresql":
        # Each band is one lookup of the words in its id ranges, both in the index (the
        # ranges are never tested row by row, nor the vectors outside the index's
        # recheck); each band after the first runs only if those before fell short.
        lookups = [line.strip() for line in plan.splitlines() if "Index Cond:" in line
                   and "search_vector @@" in line]
        ranged = f"AND (ARRAY[(id >> {RANGE_BITS})] && "
        assert [ranged in line for line in lookups] == [True] * (len(RANGE_BANDS) + 1), plan
        assert all("Bitmap Index Scan on ix_article_search_recent" in line
                   for line in plan.splitlines() if "Bitmap Index Scan" in line), plan
        assert plan.count("One-Time Filter:") == len(RANGE_BANDS), plan
        assert "Filter: (search_vector @@" not in plan, plan
        assert "CTE band1" in plan, plan
    else:
        # FTS5 serves ORDER BY rowid DESC LIMIT itself: no sort before the cap.
        fts, *rest = plan.splitlines()[1:]
        assert plan.splitlines()[0] == "MATERIALIZE candidates", plan
        assert fts.startswith("SCAN articles_fts VIRTUAL TABLE"), plan
        assert rest[0] == "SCAN candidates", plan
        assert "USING INTEGER PRIMARY KEY" in rest[1], plan


def test_a_windowed_sqlite_search_walks_only_the_windows_ids(filled: SqlStore) -> None:
    """A 24 h digest's search at 100,000 articles scored every match of all time (44 ms of
    SQL for "film OR music OR award"); FTS5 now takes the window's id range (2 ms)."""
    if filled.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's windows go through its own text index")
    (plan,) = plans(filled, lambda: filled.search(parse_query("common OR filler7"),
                                                  since=T0 - timedelta(hours=2)))
    fts = next(line for line in plan.splitlines() if "articles_fts VIRTUAL TABLE" in line)
    assert fts.endswith("><"), plan  # rowid >= lowest and rowid <= highest, in FTS5
    assert "SCAN window" not in plan, plan  # the window's ids are looked up, not scanned


def test_private_index_is_partial_and_serves_owner_lookups(filled: SqlStore) -> None:
    def own_texts() -> None:
        with filled.engine.connect() as conn:
            conn.exec_driver_sql("SELECT id FROM articles WHERE owner_chat_id = 42").all()

    found = plans(filled, own_texts)
    assert all("ix_articles_owner_chat_id" in plan for plan in found), found


def test_ingest_analyzes_as_the_articles_grow() -> None:
    schedule = AnalyzeSchedule()
    schedule.wrote(FIRST_AFTER - 1)
    assert not schedule.claim()
    schedule.wrote(1)
    assert schedule.claim()
    assert not schedule.claim()  # one at a time
    schedule.done(10_000)
    schedule.wrote(4_999)
    assert not schedule.claim()  # half the analyzed rows must be written first
    schedule.wrote(1)
    assert schedule.claim()
    schedule.done(None)  # failed: tried again only after more writes
    assert not schedule.claim()


def _statistics_rows(store: SqlStore) -> int:
    """How many articles the planner's statistics say there are (0: none gathered yet)."""
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            stat = conn.exec_driver_sql(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' AND idx IS NOT NULL"
            ).scalars().first()
            return int(stat.split()[0]) if stat else 0
        return int(conn.exec_driver_sql(
            "SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass").scalar_one())


def test_a_fresh_database_has_statistics_after_its_first_batch(store: SqlStore,
                                                               settings: Settings) -> None:
    """The first ingest into a new database must not run on the empty tables' statistics.

    With statistics of empty tables, PostgreSQL scanned every band row per article: the
    first 1,000 articles cost 37 ms of server CPU each (2 ms after), half of all the
    server CPU of ingesting 10,000. Regression: the first ANALYZE came after 1,000
    articles; now after the first batch.
    """
    drafts = [ArticleDraft(title=f"Report {n}", source="wire", language="en",
                           text=f"Harbour works report {n}: the council met on day {n} and "
                                f"approved {n * 7} new berths and {n * 13} cranes for the port.")
              for n in range(BATCH_SIZE + 50)]
    ingest_drafts(store, drafts, settings)
    assert _statistics_rows(store) >= BATCH_SIZE
