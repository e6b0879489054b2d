"""Opening the database for a process: every service for the bot, one for a CLI command.

The bot builds every service once at start-up (`open_services`) and hands them to its
handlers and jobs, which never see the store. A CLI command needs one or two, and its
start-up is most of its time (`benchmarks/bench_startup.py`): a digest must not pay for
importing the feed poller or the alert scheduler. So each `open_*` function opens the
store (migrations run on open) and builds one service over it, importing only what that
service needs; the caller closes the store when the command is done.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digests.ops.metrics import NULL_METRICS, Metrics
from digests.settings import Settings

if TYPE_CHECKING:
    from digests.ops.status import StatusReport
    from digests.service import NewsService
    from digests.services.alerts import AlertSubscriptionService
    from digests.services.channels import ChannelSourceService
    from digests.services.chats import ChatService
    from digests.services.sources import SourceService
    from digests.services.subscriptions import SubscriptionService

__all__ = ["Services", "database_status", "open_news", "open_services", "open_sources",
           "upgrade_database"]


@dataclass(frozen=True, slots=True)
class Services:
    """Every application service of a long-running process, over one open database."""

    news: NewsService
    sources: SourceService
    channels: ChannelSourceService
    chats: ChatService
    subscriptions: SubscriptionService
    alerts: AlertSubscriptionService

    def close(self) -> None:
        """Close the one database every service shares, when the process stops."""
        self.news.close()


def open_services(settings: Settings, *, metrics: Metrics = NULL_METRICS) -> Services:
    """Open the database once and build every service over it (the bot's start-up)."""
    from digests.service import NewsService
    from digests.services.alerts import AlertSubscriptionService
    from digests.services.channels import ChannelSourceService
    from digests.services.chats import ChatService
    from digests.services.sources import SourceService
    from digests.services.subscriptions import SubscriptionService
    from digests.store import open_store
    from digests.topics import load_topics

    store = open_store(settings.resolved_database_url(), metrics=metrics)
    news = NewsService(store, settings, load_topics(settings.topics_file))
    chats = ChatService(store, news)
    return Services(news=news, sources=SourceService(store, settings),
                    channels=ChannelSourceService(store, settings), chats=chats,
                    subscriptions=SubscriptionService(store, news, chats),
                    alerts=AlertSubscriptionService(store, news, chats))


def open_news(settings: Settings, *, metrics: Metrics = NULL_METRICS) -> NewsService:
    """The news service (ingest, search, summaries, digests, links) over the database."""
    from digests.service import NewsService
    from digests.store import open_store
    from digests.topics import load_topics

    store = open_store(settings.resolved_database_url(), metrics=metrics)
    return NewsService(store, settings, load_topics(settings.topics_file))


def open_sources(settings: Settings, *, metrics: Metrics = NULL_METRICS) -> SourceService:
    """The feed sources service over the database (no topics needed)."""
    from digests.services.sources import SourceService
    from digests.store import open_store

    return SourceService(open_store(settings.resolved_database_url(), metrics=metrics),
                         settings)


def upgrade_database(settings: Settings) -> None:
    """Apply pending migrations to the database and close it (`newsdigest db upgrade`)."""
    from digests.store import upgrade_database as upgrade

    upgrade(settings.resolved_database_url())


def database_status(settings: Settings) -> StatusReport:
    """The operator's report (`read_status`, as `/status` shows it), from the database alone.

    No topics file is read: the report answers while anything else is broken.
    """
    from digests.ops.status import read_status
    from digests.store import open_store

    with closing(open_store(settings.resolved_database_url())) as store:
        return read_status(store)
