"""`Store.batch()`: one transaction, a savepoint per write, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from digests.ingest.batches import ingest_batched
from digests.ingest.known import KnownKeys
from digests.ingest.save import save as save_article
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import AddOutcome, AddResult, Article, ArticleDraft
from digests.query import parse_query
from digests.store import (
    BatchAbortedError,
    ConnectionLostError,
    DuplicateArticleError,
    SqlStore,
    open_store,
)
from digests.store.base import Store
from digests.store.schema import alert_inbox
from tests.store.conftest import _postgres_url


def _draft(title: str, **fields: object) -> ArticleDraft:
    return ArticleDraft(title=title, text=f"{title} text", source="test", **fields)  # type: ignore[arg-type]


def test_batch_commits_on_exit_and_sees_its_own_writes(store: SqlStore) -> None:
    with store.batch() as batch:
        first = batch.add_article(_draft("one"), content_hash="h1", bands=["b1"])
        assert batch.find_by_hash("h1") == first
        assert [a.id for a in batch.near_duplicate_candidates(["b1"])] == [first.id]
    assert store.get_article(first.id) == first
    assert store.count_articles() == 1


def test_duplicate_in_a_batch_fails_alone(store: SqlStore) -> None:
    with store.batch() as batch:
        first = batch.add_article(_draft("one"), content_hash="same", bands=["b1"])
        with pytest.raises(DuplicateArticleError) as raised:
            batch.add_article(_draft("two"), content_hash="same", bands=["b2"])
        assert raised.value.existing_id == first.id
        second = batch.add_article(_draft("three", external_id="g"), content_hash="other")
    assert [a.id for a in store.list_articles()] == [second.id, first.id]
    assert store.near_duplicate_candidates(["b2"]) == []


def test_failures_first_and_in_a_row_undo_only_themselves(store: SqlStore) -> None:
    """PostgreSQL keeps one savepoint open across a batch's writes; each still fails alone."""
    before = store.add_article(_draft("before"), content_hash="old", bands=["b0"])
    with store.batch() as batch:
        for _ in range(2):  # the batch's first write fails, and the next one too
            with pytest.raises(DuplicateArticleError):
                batch.add_article(_draft("again"), content_hash="old", bands=["b9"])
        added = batch.add_article(_draft("new"), content_hash="new", bands=["b1"])
        with pytest.raises(DuplicateArticleError):
            batch.add_article(_draft("again"), content_hash="new", bands=["b8"])
        last = batch.add_article(_draft("last"), content_hash="last")
    assert [a.id for a in store.list_articles()] == [last.id, added.id, before.id]
    assert store.near_duplicate_candidates(["b8", "b9"]) == []


def test_writes_before_an_escaping_error_are_kept(store: SqlStore) -> None:
    kept: list[Article] = []

    def add_then_fail() -> None:
        with store.batch() as batch:
            kept.append(batch.add_article(_draft("kept"), content_hash="h1"))
            raise RuntimeError("a later stage failed")

    with pytest.raises(RuntimeError):
        add_then_fail()
    assert store.get_article(kept[0].id) == kept[0]


def test_nested_batches_share_the_outer_transaction(store: SqlStore) -> None:
    with store.batch() as outer:
        with outer.batch() as inner:
            assert inner is outer
            inner.add_article(_draft("one"), content_hash="h1")
        assert outer.count_articles() == 1


def test_added_article_equals_what_is_read_back(store: SqlStore) -> None:
    """add_article builds its result without a read; it must match the stored row."""
    moscow = datetime(2026, 1, 1, 15, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/Moscow"))
    draft = _draft("t", published_at=moscow, url="u", canonical_url="c", author="a",
                   license="l", attribution="at", external_id="e", origin="feed")
    with store.batch() as batch:
        original = batch.add_article(_draft("o"), content_hash="o")
        added = batch.add_article(draft, content_hash="h", signature=[1, 2**32 + 5],
                                  duplicate_of=original.id)
    assert store.get_article(added.id) == added
    assert added.published_at.utcoffset() is not None
    assert added.published_at.tzinfo == UTC


def test_a_writer_outside_the_batch_waits_instead_of_failing(tmp_path: Path) -> None:
    """SQLite: the batch holds the write lock; another connection's write gets it after."""
    store = open_store(f"sqlite:///{tmp_path}/news.sqlite3")
    outcome: list[Article | BaseException] = []

    def write_elsewhere() -> None:
        try:
            outcome.append(store.add_article(_draft("two"), content_hash="h2"))
        except BaseException as error:  # reported through the list, asserted below
            outcome.append(error)

    try:
        with store.batch() as batch:
            first = batch.add_article(_draft("one"), content_hash="h1")
            writer = threading.Thread(target=write_elsewhere)
            writer.start()
        writer.join()
        [second] = outcome
        assert isinstance(second, Article)
        assert [a.id for a in store.list_articles()] == [second.id, first.id]
    finally:
        store.close()


def _kill_own_connection(batch: SqlStore) -> None:
    """PostgreSQL: end the batch's session from another connection, as a failover would."""
    assert batch._connection is not None
    pid = batch._connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    with batch.engine.connect() as other:
        other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")


@pytest.fixture
def pg_store() -> Iterator[SqlStore]:
    """A store on PostgreSQL (skipped without a server): sessions can be killed there."""
    for url in _postgres_url():
        store = open_store(url)
        assert isinstance(store, SqlStore)
        yield store
        store.close()


def _add_then_lose_the_connection(store: SqlStore, *, optimistic: bool = False) -> None:
    with store.batch(optimistic=optimistic) as batch:
        batch.add_article(_draft("one"), content_hash="h1")
        _kill_own_connection(batch)
        batch.add_article(_draft("two"), content_hash="h2")


def test_a_dropped_connection_rolls_the_batch_back_and_says_so(pg_store: SqlStore) -> None:
    """The first cause is raised, not "Can't reconnect until invalid transaction is rolled
    back" from committing a dead transaction; nothing of the batch is stored."""
    with pytest.raises(ConnectionLostError) as raised:
        _add_then_lose_the_connection(pg_store)
    assert "rolled back" not in str(raised.value)
    assert raised.value.__cause__ is not None
    assert pg_store.count_articles() == 0


def test_ingest_saves_a_batch_again_after_a_dropped_connection(pg_store: SqlStore) -> None:
    drops: list[int] = []

    def save(batch: Store, item: PreparedArticle | Rejection, _known: KnownKeys) -> AddResult:
        assert isinstance(batch, SqlStore)
        assert isinstance(item, PreparedArticle)
        if not drops and item.draft.title == "two":
            drops.append(1)
            _kill_own_connection(batch)
        article = batch.add_article(item.draft, content_hash=item.content_hash)
        return AddResult(AddOutcome.ADDED, article.id, label=item.draft.title)

    def prepare(draft: ArticleDraft, label: str | None) -> PreparedArticle:
        return PreparedArticle(draft, f"hash-{draft.title}", label or "")

    items = [(_draft(t), None) for t in ("one", "two", "three")]
    results = ingest_batched(pg_store, items, prepare=prepare, save=save, size=10)
    assert drops == [1]
    assert [r.label for r in results] == ["one", "two", "three"]
    assert pg_store.count_articles() == 3


def test_prefetched_lookups_answer_as_the_sql_does(store: SqlStore) -> None:
    """A batch's `BandCache` gives what each lookup's query would, its own inserts included."""
    when = datetime(2026, 12, 7, 9, tzinfo=UTC)
    far = datetime(2026, 10, 1, tzinfo=UTC)
    stored = [store.add_article(_draft(f"s{i}", published_at=at), content_hash=f"s{i}",
                                bands=bands, signature=[i, i + 1])
              for i, (bands, at) in enumerate([(["b1", "b2"], when), (["b2"], when),
                                               (["b1"], far), (["b3"], when)])]
    store.add_article(_draft("copy", published_at=when), content_hash="c", bands=["b1", "b2"],
                      duplicate_of=stored[0].id)
    store.add_article(_draft("mine", published_at=when, owner_chat_id=7), content_hash="m",
                      bands=["b1"])
    lookups: list[tuple[list[str], datetime | None]] = [
        (["b1", "b2"], when), (["b3", "b1"], when), (["b1"], far), (["b9"], when)]
    with store.batch() as batch:
        batch.prefetch_near_duplicates(lookups)
        new = batch.add_article(_draft("new", published_at=when), content_hash="n",
                                bands=["b3", "b2"], signature=[9, 9])
        batch.add_article(_draft("near", published_at=when), content_hash="nd", bands=["b3"],
                          duplicate_of=new.id)
        cached = [batch.near_duplicate_candidates(bands, at) for bands, at in lookups]
        limited = batch.near_duplicate_candidates(["b1", "b2"], when, limit=1)
    asked = [store.near_duplicate_candidates(bands, at) for bands, at in lookups]
    assert cached == asked
    assert [[f.id for f in found] for found in asked] == [
        [stored[0].id, stored[1].id, new.id], [stored[0].id, stored[3].id, new.id],
        [stored[2].id], []]  # most shared bands first, then the oldest
    assert asked[0][0].signature == (0, 1)
    assert limited == asked[0][:1]


def test_a_write_other_than_an_insert_drops_the_prefetched_lookups(store: SqlStore) -> None:
    when = datetime(2026, 12, 7, 9, tzinfo=UTC)
    private = store.add_article(_draft("mine", published_at=when, owner_chat_id=7),
                                content_hash="m", bands=["b1"])
    public = store.add_article(_draft("news", published_at=when), content_hash="p",
                               bands=["b1"])
    with store.batch() as batch:
        batch.prefetch_near_duplicates([(["b1"], when), (["b2"], when)])
        batch.publish_article(private.id)  # now an original too
        batch.update_article(public.id, _draft("news", published_at=when), content_hash="p2",
                             bands=["b2"])
        assert [f.id for f in batch.near_duplicate_candidates(["b1"], when)] == [private.id]
        assert [f.id for f in batch.near_duplicate_candidates(["b2"], when)] == [public.id]


def test_prefetch_outside_a_batch_keeps_nothing(store: SqlStore) -> None:
    when = datetime(2026, 12, 7, 9, tzinfo=UTC)
    store.prefetch_near_duplicates([(["b1"], when)])
    elsewhere = SqlStore(store.engine)  # another writer: a kept answer would miss it
    added = elsewhere.add_article(_draft("later", published_at=when), content_hash="l",
                                  bands=["b1"])
    assert [f.id for f in store.near_duplicate_candidates(["b1"], when)] == [added.id]


def test_an_optimistic_batch_stores_what_a_careful_one_does(store: SqlStore) -> None:
    """Inserts sent together (PostgreSQL) or one by one (SQLite): the same rows either way."""
    when = datetime(2026, 12, 7, 9, tzinfo=UTC)
    with store.batch(optimistic=True) as batch:
        first = batch.add_article(_draft("walrus census", published_at=when), content_hash="h1",
                                  bands=["b1", "b2"], signature=[1, 2])
        mine = batch.add_article(_draft("my walrus", owner_chat_id=7), content_hash="h2",
                                 bands=["b1"])
        near = batch.add_article(_draft("walrus count", published_at=when), content_hash="h3",
                                 bands=["b1"], duplicate_of=first.id)
        assert batch.find_by_hash("h3") == near  # a read sees the batch's inserts
        later = batch.add_article(_draft("seal census"), content_hash="h4")
    assert first.id < mine.id < near.id < later.id
    assert store.get_articles([first.id, mine.id, near.id, later.id]) == [first, mine, near,
                                                                          later]
    assert [f.id for f in store.near_duplicate_candidates(["b1", "b2"], when)] == [first.id]
    assert [h.article.id for h in store.search(parse_query("walrus"))] == [near.id, first.id]
    with store.engine.connect() as conn:
        inbox = conn.execute(select(alert_inbox.c.article_id).order_by(
            alert_inbox.c.article_id)).scalars().all()
    assert inbox == [first.id, near.id, later.id]  # public news only


def test_an_optimistic_batch_is_undone_whole_when_a_write_fails(pg_store: SqlStore) -> None:
    """PostgreSQL: one duplicate among the batch's inserts rolls all of them back."""
    before = pg_store.add_article(_draft("before"), content_hash="old")

    def add_both() -> None:
        with pg_store.batch(optimistic=True) as batch:
            batch.add_article(_draft("new"), content_hash="new", bands=["b1"])
            batch.add_article(_draft("again"), content_hash="old")  # sent at the end: fails

    with pytest.raises(BatchAbortedError):
        add_both()
    assert [a.id for a in pg_store.list_articles()] == [before.id]
    assert pg_store.near_duplicate_candidates(["b1"]) == []
    with pytest.raises(ConnectionLostError):
        _add_then_lose_the_connection(pg_store, optimistic=True)
    assert pg_store.count_articles() == 1


def test_ingest_saves_an_aborted_batch_again_article_by_article(pg_store: SqlStore) -> None:
    """Another writer stores a batch's text meanwhile: that one is a duplicate, the rest added."""
    attempts: list[bool] = []

    def save(batch: Store, item: PreparedArticle | Rejection, known: KnownKeys) -> AddResult:
        assert isinstance(item, PreparedArticle)
        if item.draft.title == "one":
            attempts.append(isinstance(batch, SqlStore) and batch._pending is not None)
            if len(attempts) == 1:  # the other writer, between the lookups and the insert
                pg_store.add_article(_draft("elsewhere"), content_hash="hash-two")
        return save_article(batch, item, threshold=0.5, known=known)

    def prepare(draft: ArticleDraft, label: str | None) -> PreparedArticle:
        return PreparedArticle(draft, f"hash-{draft.title}", label or "")

    items = [(_draft(t), t) for t in ("one", "two", "three")]
    results = ingest_batched(pg_store, items, prepare=prepare, save=save, size=10)
    assert attempts == [True, False]  # optimistic first, then one article at a time
    assert [r.outcome for r in results] == [AddOutcome.ADDED, AddOutcome.DUPLICATE,
                                            AddOutcome.ADDED]
    assert pg_store.count_articles() == 3
