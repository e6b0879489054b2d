"""A news service with a few fresh articles on each backend, a fake sender, a manual clock."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import pytest

from digests.ingest.parse_text import parse_text
from digests.ingest.pipeline import ingest_draft
from digests.models import Digest
from digests.models.subscriptions import ChatInfo, Subscription
from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore, open_store
from digests.store.deliveries import DeliveryLedger
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.delivery import DeliveryService
from digests.subscriptions.manage import SubscriptionManager
from digests.subscriptions.outcomes import Begin, Outcome, Rendered, SendResult, Target, Wait
from tests.store.conftest import FixedClock, _postgres_url, _sqlite_url

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday
STORY = ("President Putin met President Xi in Beijing on Monday. The leaders signed an energy "
         "agreement. Officials said trade between Russia and China grew again this year. "
         "Analysts expect more talks on the pipeline.")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (PostgreSQL only when configured)."""
    if request.param == "sqlite":
        yield from _sqlite_url(tmp_path)
    else:
        yield from _postgres_url()


@dataclass
class FakeSender:
    """Records every part; scripted outcomes per chat; ``die_after`` simulates a crash.

    Past ``die_after`` parts every send hangs (counted in ``stalled``) until the test cancels
    the run: like a killed process, no handler runs, so the ledger rows stay ``sending``.
    ``script`` gives the outcomes of the next sends in order (an ``AMBIGUOUS`` one is
    delivered, like a message whose answer was lost); ``outcomes`` fixes a chat's answer.
    """

    sent: list[tuple[int, int | None, str]] = field(default_factory=list)
    outcomes: dict[int, SendResult] = field(default_factory=dict)
    script: list[Outcome] = field(default_factory=list)
    die_after: int | None = None
    stalled: int = 0
    waits: list[float] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)  # set on each part or stall

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        scripted = self.outcomes.get(target.chat_id)
        if scripted is not None:
            return scripted
        await asyncio.sleep(0)
        await begin()
        if self.die_after is not None and len(self.sent) >= self.die_after:
            self.stalled += 1
            self.changed.set()
            await asyncio.Event().wait()  # the process died: only cancelling ends this
        outcome = self.script.pop(0) if self.script else Outcome.SENT
        if outcome in (Outcome.SENT, Outcome.AMBIGUOUS):
            self.sent.append((target.chat_id, target.thread_id, text))
        self.changed.set()
        return SendResult(outcome, 0, f"scripted {outcome}")

    def chats(self) -> list[int]:
        return [chat for chat, _, _ in self.sent]


def render_three(digest: Digest, subscription: Subscription, zone: tzinfo) -> Rendered:
    """Three parts per digest, so tests can see progress per part."""
    head = "empty" if digest.is_empty else f"{len(digest.stories)} stories"
    return Rendered(tuple(f"{subscription.label} {head} {n}" for n in (1, 2, 3)))


@dataclass
class Rig:
    """Everything a core test needs, sharing one database."""

    clock: FixedClock
    news: NewsService
    manager: SubscriptionManager
    sender: FakeSender
    url: str

    def service(self, *, worker: str = "w1", sender: FakeSender | None = None,
                news: NewsService | None = None, **options: Any) -> DeliveryService:
        news = news or self.news
        assert isinstance(news.store, SqlStore)
        engine = news.store.engine
        manager = SubscriptionManager(engine, news, self.clock)
        return DeliveryService(manager.subs, DeliveryLedger(engine), news,
                               sender or self.sender, render_three, clock=self.clock,
                               worker=worker, **options)

    def subscribe(self, chat_id: int, text: str, **request: object) -> Subscription:
        chat = ChatInfo(chat_id, "private" if chat_id > 0 else "supergroup")
        return self.manager.subscribe(chat, None, SubscribeRequest(text, **request), 1)  # type: ignore[arg-type]

    def add_story(self, title: str, when: datetime) -> None:
        """A news story published (and ingested) at `when`.

        Dated: an undated article is no period's news (`digests.undated`).
        """
        saved = self.clock.now
        self.clock.now = when
        draft = parse_text(f"{title}. {STORY}", origin="text",
                           metadata={"source": "test", "title": title})
        ingest_draft(self.news.store, dataclasses.replace(draft, published_at=when),
                     self.news.settings, label=title)
        self.clock.now = saved


def open_news(url: str, clock: FixedClock, tmp_path: Path) -> NewsService:
    settings = Settings(_env_file=None, data_dir=tmp_path / "d", database_url=url)  # type: ignore[call-arg]
    return NewsService(open_store(url, clock=clock), settings, {}, clock=clock)


@pytest.fixture
def rig(database_url: str, tmp_path: Path) -> Iterator[Rig]:
    clock = FixedClock(T0)
    news = open_news(database_url, clock, tmp_path)
    assert isinstance(news.store, SqlStore)
    rig = Rig(clock, news, SubscriptionManager(news.store.engine, news, clock), FakeSender(),
              database_url)
    rig.add_story("Putin and Xi sign a deal", T0 - timedelta(hours=2))
    yield rig
    news.store.close()
