"""The news service's rules that the bot reaches only through it: popular topics, one link."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore
from digests.store.base import Store
from digests.store.schema import chats, subscriptions
from digests.topics import load_topics
from tests.web import samples
from tests.web.conftest import (  # noqa: F401 - fixtures
    LocalSite,
    clock,
    local_settings,
    site,
    web_store,
)


def test_popular_topics_count_active_topic_subscriptions_only(store: Store,
                                                              settings: Settings) -> None:
    news = NewsService(store, settings, load_topics(settings.topics_file))
    bundled = list(news.topics)
    assert news.popular_topics() == bundled  # nobody subscribed: the curated order
    assert isinstance(store, SqlStore)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        conn.execute(insert(chats).values(chat_id=-5, type="group", created_at=now,
                                          updated_at=now))
        for topic, paused in (("space", False), ("space", False), ("energy", False),
                              ("brexit", True), ("brexit", True), ("brexit", True)):
            conn.execute(insert(subscriptions).values(chat_id=-5, topic=topic, query=topic,
                                                      paused=paused, created_at=now))
        conn.execute(insert(subscriptions).values(chat_id=-5, topic=None, query="tea",
                                                  created_at=now))
    popular = news.popular_topics()
    assert popular[:2] == ["space", "energy"]
    assert sorted(popular) == sorted(bundled)
    assert popular[2:] == [name for name in bundled if name not in ("space", "energy")]


async def test_one_link_is_fetched_once_then_found_stored(
        site: LocalSite, web_store: SqlStore, local_settings: Settings) -> None:  # noqa: F811
    url = site.serve("/story", samples.page("Harbour bridge reopens", samples.article_text(3)))
    news = NewsService(web_store, local_settings, {})
    first = await news.ingest_link(url)
    assert first.article_id is not None
    assert first.reason is None
    again = await news.ingest_link(url)
    assert again.article_id == first.article_id
    assert len(site.hits("/story")) == 1
    refused = await news.ingest_link("ftp://example.org/story")
    assert refused.article_id is None
    assert refused.reason is not None
