"""An alert rig: the subscriptions rig's database and clock, a fake renderer and editor."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from digests.alerts.args import parse_alert
from digests.alerts.manage import AlertManager
from digests.alerts.outcomes import RoundupItem
from digests.alerts.service import AlertService
from digests.models import AddOutcome, Article, Summary
from digests.models.subscriptions import ChatInfo, Subscription
from digests.store import SqlStore
from digests.store.alerts import AlertLedger
from digests.subscriptions.outcomes import Begin, Outcome, Rendered, SendResult, Target, Wait
from tests.store.conftest import FixedClock, _postgres_url, _sqlite_url
from tests.subscriptions.conftest import FakeSender, open_news

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday, noon UTC


class FakeRenderer:
    """Plain text that shows what a real alert shows: headline, sources, the round-ups."""

    def alert(self, sub: Subscription, lead: Article, summary: Summary,
              also: Sequence[str], delivery_id: int) -> Rendered:
        tail = f" | also: {', '.join(also)}" if also else ""
        return Rendered((f"ALERT {lead.title} ({lead.source}){tail}",),
                        {"inline_keyboard": [[{"text": "Mute", "callback_data":
                                               f"amute:{delivery_id}"}]]})

    def roundup(self, sub: Subscription, items: Sequence[RoundupItem], *,
                spilled: bool) -> Rendered:
        head = "SPILL" if spilled else "ROUNDUP"
        return Rendered((f"{head} " + "; ".join(i.lead.title for i in items),))


@dataclass
class FakeEditor:
    """Records edits."""

    edits: list[tuple[int, int, str]] = field(default_factory=list)

    async def edit_part(self, chat_id: int, message_id: int, text: str, *,
                        markup: Mapping[str, Any] | None) -> Outcome:
        self.edits.append((chat_id, message_id, text))
        return Outcome.SENT


class NumberingSender(FakeSender):
    """A `FakeSender` whose sent parts get message ids, as Telegram's do."""

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        result = await super().send_part(target, text, markup=markup, wait=wait, begin=begin)
        if result.outcome == Outcome.SENT:
            return replace(result, message_id=len(self.sent))
        return result


@dataclass
class AlertRig:
    clock: FixedClock
    news: Any
    manager: AlertManager
    sender: NumberingSender
    editor: FakeEditor
    ledger: AlertLedger

    def service(self, *, worker: str = "w1", sender: Any = None) -> AlertService:
        assert isinstance(self.news.store, SqlStore)
        return AlertService(self.manager.subs, self.ledger, self.news, sender or self.sender,
                            self.editor, FakeRenderer(), clock=self.clock, worker=worker)

    def alert(self, chat_id: int, text: str) -> Subscription:
        chat = ChatInfo(chat_id, "private" if chat_id > 0 else "supergroup")
        return self.manager.add(chat, None, parse_alert(text.split()), 1)

    def report(self, title: str, text: str, source: str) -> int:
        result = self.news.ingest_text(text, source=source, title=title)
        assert result.outcome in (AddOutcome.ADDED, AddOutcome.NEAR_DUPLICATE), result
        assert result.article_id is not None
        return int(result.article_id)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (PostgreSQL only when configured)."""
    if request.param == "sqlite":
        yield from _sqlite_url(tmp_path)
    else:
        yield from _postgres_url()


@pytest.fixture
def arig(database_url: str, tmp_path: Path) -> Iterator[AlertRig]:
    clock = FixedClock(T0)
    news = open_news(database_url, clock, tmp_path)
    assert isinstance(news.store, SqlStore)
    engine = news.store.engine
    yield AlertRig(clock, news, AlertManager(engine, news, clock), NumberingSender(),
                   FakeEditor(), AlertLedger(engine))
    news.store.close()
