"""Creating, listing and removing alert subscriptions.

What ``/alert``, ``/alerts`` and ``/unalert`` call.
Synchronous and framework-free; the bot runs it off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from digests.alerts.args import AlertRequest
from digests.chatprefs import adopt_language
from digests.models.subscriptions import ChatInfo, Kind, Subscription
from digests.service import NewsService
from digests.store.chats import ChatRepository
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.manage import MAX_SUBSCRIPTIONS_PER_CHAT, TooManySubscriptionsError

Clock = Callable[[], datetime]


class AlertManager:
    """A chat's alert subscriptions (kind ``alert`` rows of ``subscriptions``)."""

    def __init__(self, engine: Engine, news: NewsService, clock: Clock) -> None:
        self.news = news
        self.clock = clock
        self.chats = ChatRepository(engine, clock)
        self.subs = SubscriptionRepository(engine)

    def add(self, chat: ChatInfo, thread_id: int | None, request: AlertRequest,
            user_id: int | None) -> Subscription:
        """Create the alert, or change the chat's existing one for the same query.

        Raises:
            digests.topics.UnknownTopic, digests.query.QueryError: the query is unusable.
            TooManySubscriptionsError: the chat has `MAX_SUBSCRIPTIONS_PER_CHAT` alerts.
        """
        resolved = self.news.resolve(request.query)
        topic = resolved.topic.name or None
        query = resolved.topic.query if topic else request.query
        self.chats.upsert(chat.chat_id, chat.type, title=chat.title, username=chat.username)
        if chat.type == "channel":  # managed from a private chat: its reader's language
            adopt_language(self.chats, chat.chat_id, user_id)
        values = {"quiet_hours": str(request.quiet) if request.quiet else None,
                  "max_per_day": request.max_per_day, "paused": False, "pause_reason": None}
        existing = self.subs.find(chat.chat_id, thread_id, query, Kind.ALERT)
        if existing is not None:
            self.subs.change(existing.id, **values)
            changed = self.subs.get(existing.id)
            assert changed is not None
            return changed
        if len(self.subs.for_chat(chat.chat_id, Kind.ALERT)) >= MAX_SUBSCRIPTIONS_PER_CHAT:
            raise TooManySubscriptionsError(MAX_SUBSCRIPTIONS_PER_CHAT)
        return self.subs.add({
            **values, "chat_id": chat.chat_id, "thread_id": thread_id, "topic": topic,
            "query": query, "kind": Kind.ALERT, "created_by": user_id,
            "created_at": self.clock(),
        })

    def listing(self, chat_id: int) -> list[Subscription]:
        """The chat's alerts, oldest first."""
        return self.subs.for_chat(chat_id, Kind.ALERT)

    def matching(self, chat_id: int, text: str) -> list[Subscription]:
        """The chat's alerts whose topic or query is ``text`` (case-insensitive).

        An empty text names nothing (else it would equal every query alert's empty topic).
        """
        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return []
        return [s for s in self.listing(chat_id)
                if wanted in ((s.topic or "").casefold(), s.query.casefold())]

    def remove(self, sub_id: int) -> bool:
        """Delete one alert (its ledger rows go with it)."""
        return self.subs.remove(sub_id)
