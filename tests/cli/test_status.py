"""`newsdigest status` and `status --json` on a database with a failing feed and delivery."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cli.main import run
from digests.models import ArticleDraft
from digests.models.subscriptions import Status
from digests.store import SqlStore, open_store
from digests.store.chats import ChatRepository
from digests.store.deliveries import DeliveryLedger
from digests.store.sources import SourceRepository
from digests.store.subscriptions import SubscriptionRepository


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one article, a failing feed and an undeliverable digest."""
    data = tmp_path / "data"
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    store = open_store(f"sqlite:///{data}/newsdigest.sqlite3")
    assert isinstance(store, SqlStore)
    now = datetime.now(UTC)
    store.add_article(ArticleDraft(title="Fresh", text="Fresh news.", source="t", language="en"),
                      content_hash="fresh")
    sources = SourceRepository.for_store(store)
    feed = sources.add("https://feeds.example/broken.xml")
    sources.record_failure(feed.id, error="HTTP 503 <Service Unavailable>", next_check=now,
                           pause=False)
    ChatRepository(store.engine).upsert(-100123, "supergroup", title="Readers")
    subscription = SubscriptionRepository(store.engine).add(
        {"chat_id": -100123, "topic": "world", "query": "world", "created_at": now})
    ledger = DeliveryLedger(store.engine)
    claim = ledger.claim(subscription.id, "2026-12-06", worker="w", now=now, window=(now, now),
                         lease=timedelta(minutes=5))
    ledger.finish(claim.delivery.id, Status.UNDELIVERABLE, now, "Forbidden: bot was kicked",
                  worker="w")
    store.close()
    return data


def test_status_prints_counts_and_last_errors(data_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["status"]) == 0
    out = capsys.readouterr().out
    assert "Articles:      1 stored, 1 in the last 24 h" in out
    assert "Languages:     en 1" in out
    assert "Sources:       0 ok · 1 failing · 0 paused · 0 new" in out
    assert "Subscriptions: 1 active · 0 paused" in out
    assert "Deliveries (24 h): undeliverable 1" in out
    assert "https://feeds.example/broken.xml (failing, 1 in a row): HTTP 503" in out
    assert "chat -100123 digest" in out
    assert "'world' 2026-12-06: undeliverable after 1 attempt(s): Forbidden: bot was kicked" in out


def test_status_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == {"total": 1, "recent": 1, "by_language": {"en": 1}}
    assert report["sources"] == {"ok": 0, "failing": 1, "paused": 0, "new": 0}
    assert report["deliveries"] == {"undeliverable": 1}
    [feed] = report["source_errors"]
    assert feed["error"] == "HTTP 503 <Service Unavailable>"
    [delivery] = report["delivery_errors"]
    assert (delivery["chat"], delivery["status"]) == (-100123, "undeliverable")
    datetime.fromisoformat(report["now"])


def test_status_of_an_unreachable_database_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert run(["status"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsdigest: error: database error:")
    assert err.count("\n") == 1
