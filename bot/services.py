"""What the bot's handlers need, built once in `post_init` and reached through `context`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.error_reports import ErrorReports
from bot.ttlcache import TtlCache
from digests.ops.metrics import Metrics
from digests.query import MAX_QUERY_CHARS
from digests.service import NewsService
from digests.services.alerts import AlertSubscriptionService
from digests.services.channels import ChannelSourceService
from digests.services.chats import ChatService
from digests.services.sources import SourceService
from digests.services.subscriptions import SubscriptionService
from digests.settings import Settings

SEARCH_PAGES_SECONDS = 24 * 3600  # a search's page buttons work for a day
SEARCH_PAGES_MAX = 512  # at most 512 x 1000 characters of queries held


class Cooldown:
    """A per-chat pause between expensive commands, so one member cannot flood a group.

    The "please wait" answer is itself a message in the group: a chat is told once per window
    and then ignored until the window ends, or fifty throttled commands would send fifty
    answers and trip Telegram's own group limits.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[int, float] = {}
        self._told: set[int] = set()

    def remaining(self, chat_id: int) -> float:
        """Seconds until the chat may run an expensive command again (0 when it may now)."""
        last = self._last.get(chat_id)
        if last is None:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - last))

    def touch(self, chat_id: int) -> None:
        """Record that the chat just ran an expensive command; a new window starts."""
        self._last[chat_id] = self.clock()
        self._told.discard(chat_id)

    def first_refusal(self, chat_id: int) -> bool:
        """True the first time in the current window a command of this chat is refused."""
        if chat_id in self._told:
            return False
        self._told.add(chat_id)
        return True


@dataclass
class BotServices:
    """The composition root's product: settings, the application services, per-process state.

    The handlers and jobs reach the core only through these services (`digests.services`).
    """

    settings: Settings
    news: NewsService
    sources: SourceService
    channels: ChannelSourceService
    chats: ChatService
    subscriptions: SubscriptionService
    alerts: AlertSubscriptionService
    bot_username: str = ""
    group_cooldown: Cooldown = field(default_factory=lambda: Cooldown(20.0))
    error_reports: ErrorReports = field(default_factory=lambda: ErrorReports(600.0))
    search_queries: TtlCache[str, str] = field(default_factory=lambda: TtlCache(
        SEARCH_PAGES_SECONDS, max_entries=SEARCH_PAGES_MAX))
    metrics: Metrics = field(default_factory=Metrics)

    def remember_search(self, key: str, query: str) -> None:
        """Keep a query for its page buttons, bounded (distinct queries would grow forever).

        Only the part the query parser reads is kept: at most `MAX_QUERY_CHARS` characters.
        """
        self.search_queries.put(key, query[:MAX_QUERY_CHARS])


class BotData:
    """`context.bot_data`, typed: holds the services once `post_init` has built them."""

    def __init__(self) -> None:
        self._services: BotServices | None = None

    @property
    def services(self) -> BotServices:
        """The services; raises if used before start-up finished."""
        if self._services is None:
            raise RuntimeError("bot services are not initialised yet")
        return self._services

    @services.setter
    def services(self, value: BotServices) -> None:
        self._services = value

    @property
    def ready(self) -> bool:
        """Whether start-up got as far as building the services."""
        return self._services is not None
