"""`Store.batch()`: one transaction, a savepoint per write, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.ingest.batches import ingest_batched
from digests.ingest.known import KnownKeys
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import AddOutcome, AddResult, Article, ArticleDraft
from digests.store import ConnectionLostError, DuplicateArticleError, SqlStore, open_store
from digests.store.base import Store
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


def _add_then_lose_the_connection(store: SqlStore) -> None:
    with store.batch() as batch:
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
