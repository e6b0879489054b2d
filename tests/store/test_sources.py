"""The sources repository on every backend: feeds only, due order, health bookkeeping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from digests.store import SqlStore
from digests.store.schema import sources
from digests.store.sources import SourceExistsError, SourceRepository
from tests.store.conftest import FixedClock


@pytest.fixture
def repo(store: SqlStore) -> SourceRepository:
    return SourceRepository.for_store(store)


def test_add_find_list_remove(repo: SourceRepository, clock: FixedClock) -> None:
    added = repo.add("https://a.example/feed", title="A", added_by=7, interval_minutes=30)
    assert (added.kind, added.title, added.added_by, added.interval_minutes) == ("feed", "A", 7,
                                                                                 30.0)
    assert added.next_check == clock.now
    assert added.created_at == clock.now
    assert not added.paused
    with pytest.raises(SourceExistsError):
        repo.add("https://a.example/feed")
    repo.add("https://b.example/feed")
    assert [s.url for s in repo.list_sources()] == ["https://a.example/feed",
                                                    "https://b.example/feed"]
    assert repo.find("https://b.example/feed") is not None
    assert repo.remove("https://a.example/feed")
    assert not repo.remove("https://a.example/feed")


def test_channel_rows_are_not_feeds(repo: SourceRepository, store: SqlStore,
                                    clock: FixedClock) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(sources).values(url="https://t.me/news", kind="channel",
                                            created_at=clock.now, next_check=clock.now))
    assert repo.list_sources() == []
    assert repo.due(clock.now) == []
    assert repo.find("https://t.me/news") is None
    assert not repo.remove("https://t.me/news")
    assert len(repo.list_sources(kind="channel")) == 1


def test_due_order_and_paused(repo: SourceRepository, clock: FixedClock) -> None:
    first = repo.add("https://a.example/feed")
    clock.advance(minutes=1)
    second = repo.add("https://b.example/feed")
    assert [s.id for s in repo.due(clock.now)] == [first.id, second.id]
    repo.record_failure(first.id, error="boom", next_check=clock.now + timedelta(hours=1),
                        pause=True)
    assert [s.id for s in repo.due(clock.now + timedelta(days=9))] == [second.id]
    assert repo.resume("https://a.example/feed")
    resumed = repo.get(first.id)
    assert resumed is not None
    assert (resumed.paused, resumed.failures, resumed.next_check) == (False, 0, clock.now)


def test_success_and_failure_bookkeeping(repo: SourceRepository, clock: FixedClock) -> None:
    source = repo.add("https://a.example/feed")
    later = clock.now + timedelta(minutes=15)
    repo.record_failure(source.id, error="HTTP 503", next_check=later, pause=False)
    repo.record_failure(source.id, error="HTTP 503 again", next_check=later, pause=False)
    failing = repo.get(source.id)
    assert failing is not None
    assert (failing.failures, failing.last_error, failing.last_error_at) == (
        2, "HTTP 503 again", clock.now)
    repo.record_success(source.id, next_check=later, etag='"x"', last_modified="lm",
                        new_entries=4, title="Feed title")
    repo.record_success(source.id, next_check=later, etag=None, last_modified=None,
                        new_entries=3, title="Renamed")
    ok = repo.get(source.id)
    assert ok is not None
    assert (ok.failures, ok.entries_seen, ok.etag, ok.last_modified, ok.title) == (
        0, 7, '"x"', "lm", "Feed title")
    assert ok.last_success == clock.now
    assert ok.last_error == "HTTP 503 again"  # kept for the health view
