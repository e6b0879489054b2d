"""`read_status` on both backends: the counts and last errors an operator asks for first.

The rows are written through the repositories the bot and poller use (chats,
subscriptions, the delivery ledger, sources), so the report reads what they really write.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from digests.models import ArticleDraft
from digests.models.subscriptions import Kind, Status
from digests.ops.status import SourceProblem, read_status
from digests.store import SqlStore, open_store
from digests.store.chats import ChatRepository
from digests.store.deliveries import DeliveryLedger
from digests.store.sources import SourceRepository
from digests.store.subscriptions import SubscriptionRepository
from tests.store.conftest import FixedClock, _postgres_url, _sqlite_url

LEASE = timedelta(minutes=5)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[SqlStore]:
    """An empty store on each backend (PostgreSQL only when configured)."""
    urls = _sqlite_url(tmp_path) if request.param == "sqlite" else _postgres_url()
    for url in urls:
        opened = open_store(url, clock=clock)
        assert isinstance(opened, SqlStore)
        yield opened
        opened.close()


def _article(store: SqlStore, title: str, language: str | None) -> None:
    draft = ArticleDraft(title=title, text=title, source="test", language=language)
    store.add_article(draft, content_hash=f"hash:{title}", signature=None)


def _subscription(store: SqlStore, chat: int, topic: str, *, kind: Kind = Kind.DIGEST,
                  paused: bool = False) -> int:
    ChatRepository(store.engine, store.clock).upsert(chat, "supergroup", title="Readers")
    return SubscriptionRepository(store.engine).add({
        "chat_id": chat, "topic": topic, "query": topic, "kind": kind, "paused": paused,
        "created_at": store.clock()}).id


def _delivery(store: SqlStore, subscription: int, period: str, status: Status,
              error: str | None = None) -> None:
    now = store.clock()
    ledger = DeliveryLedger(store.engine)
    claim = ledger.claim(subscription, period, worker="w1", now=now, window=(now, now),
                         lease=LEASE)
    ledger.finish(claim.delivery.id, status, now, error, worker="w1")


def test_an_empty_database_reports_zeros(db: SqlStore) -> None:
    report = read_status(db)
    assert report.articles.total == report.articles.recent == 0
    assert report.articles.by_language == {}
    assert report.sources == {"ok": 0, "failing": 0, "paused": 0, "new": 0}
    assert report.deliveries == report.alerts == {}
    assert report.source_errors == report.delivery_errors == ()


def test_counts_and_last_errors(db: SqlStore, clock: FixedClock) -> None:
    store = db
    _article(store, "Old news", "en")
    clock.advance(days=2)
    _article(store, "Fresh news", "en")
    _article(store, "Свежие новости", "ru")
    _article(store, "Unknown", None)

    repo = SourceRepository.for_store(store)
    ok, failing, paused, _new = (repo.add(f"https://feeds.example/{n}.xml")
                                 for n in ("ok", "failing", "paused", "new"))
    repo.record_success(ok.id, next_check=clock.now, etag=None, last_modified=None,
                        new_entries=3)
    repo.record_failure(paused.id, error="HTTP 404", next_check=clock.now, pause=True)
    clock.advance(minutes=5)
    repo.record_failure(failing.id, error="HTTP 500\nServer Error " + "x" * 400,
                        next_check=clock.now, pause=False)

    world = _subscription(store, -100123, "world")
    _subscription(store, -100123, "sport", paused=True)
    alert = _subscription(store, -100456, "ukraine", kind=Kind.ALERT)
    _delivery(store, world, "2026-03-01", Status.SENT)  # older than the window
    clock.advance(days=1, minutes=1)
    _delivery(store, world, "2026-03-02", Status.SENT)
    _delivery(store, world, "2026-03-03", Status.UNDELIVERABLE, "Forbidden: bot was blocked")
    _delivery(store, alert, "story:1", Status.SENT)
    _delivery(store, alert, "story:2", Status.HELD)

    report = read_status(store)
    assert report.now == clock.now
    assert (report.articles.total, report.articles.recent) == (4, 0)
    assert report.articles.by_language == {"en": 2, "ru": 1, "unknown": 1}
    assert read_status(store, now=clock.now - timedelta(days=1)).articles.recent == 3
    assert report.sources == {"ok": 1, "failing": 1, "paused": 1, "new": 1}
    assert [(p.url.rsplit("/", 1)[1], p.health, p.failures) for p in report.source_errors] == [
        ("failing.xml", "failing", 1), ("paused.xml", "paused", 1)]
    first = report.source_errors[0]
    assert isinstance(first, SourceProblem)
    assert first.error.startswith("HTTP 500 Server Error x")
    assert first.error.endswith("…")
    assert len(first.error) == 300
    subs = report.subscriptions
    assert (subs.digests_active, subs.digests_paused, subs.alerts_active,
            subs.alerts_paused) == (1, 1, 1, 0)
    assert report.deliveries == {"sent": 1, "undeliverable": 1}
    assert report.alerts == {"held": 1, "sent": 1}
    [problem] = report.delivery_errors
    assert (problem.chat, problem.topic, problem.period, problem.status, problem.kind) == (
        -100123, "world", "2026-03-03", "undeliverable", "digest")
    assert problem.error == "Forbidden: bot was blocked"
    assert problem.at == clock.now
