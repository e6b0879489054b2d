"""What the bot's handlers need, built once in `post_init` and reached through `context`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from digests.service import NewsService
from digests.settings import Settings


class Cooldown:
    """A per-chat pause between expensive commands, so one member cannot flood a group."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[int, float] = {}

    def remaining(self, chat_id: int) -> float:
        """Seconds until the chat may run an expensive command again (0 when it may now)."""
        last = self._last.get(chat_id)
        if last is None:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - last))

    def touch(self, chat_id: int) -> None:
        """Record that the chat just ran an expensive command."""
        self._last[chat_id] = self.clock()


@dataclass
class BotServices:
    """The composition root's product: settings, the news service, per-process state."""

    settings: Settings
    news: NewsService
    bot_username: str = ""
    group_cooldown: Cooldown = field(default_factory=lambda: Cooldown(20.0))
    search_queries: dict[str, str] = field(default_factory=dict)


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
