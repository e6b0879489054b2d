"""Daily digest subscriptions as the interfaces manage them, and the scheduler that sends them.

The rules of a standing order live in `digests.subscriptions.manage` (one subscription per
chat, thread and query, at most `MAX_SUBSCRIPTIONS_PER_CHAT`, every timing change
rescheduling it) and the rules of sending in `digests.subscriptions.delivery` (what is due,
what the ledger records, when a chat is paused); this service is the one door to both. The
bot's handlers parse commands and buttons and render what comes back, and its delivery job
supplies only what is Telegram's: the sender and the renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING

from digests.alerts.addendum import AlertAddenda, AttachAddendum
from digests.models.subscriptions import ChatInfo, Delivery, Subscription
from digests.store.alerts import AlertLedger
from digests.store.deliveries import DeliveryLedger
from digests.store.sql import sql_engine
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.delivery import DeliveryService, Leader
from digests.subscriptions.manage import (
    MAX_SUBSCRIPTIONS_PER_CHAT,
    Listed,
    SubscriptionManager,
    TooManySubscriptionsError,
)
from digests.subscriptions.outcomes import Renderer, Sender
from digests.subscriptions.workers import DatabaseLeader

if TYPE_CHECKING:
    from digests.service import NewsService
    from digests.services.chats import ChatService
    from digests.store.base import Store

Clock = Callable[[], datetime]

__all__ = [
    "MAX_SUBSCRIPTIONS_PER_CHAT",
    "DeliveryService",
    "Listed",
    "SubscriptionService",
    "TooManySubscriptionsError",
]


class SubscriptionService:
    """The digest subscriptions of one database, and their delivery."""

    def __init__(self, store: Store, news: NewsService, chats: ChatService) -> None:
        self.news = news
        self.chats = chats
        self._engine = sql_engine(store, "subscriptions")
        # The clock is read at each use: the sandbox moves the news clock after start-up.
        self._manage = SubscriptionManager(self._engine, news, lambda: self.news.clock())
        self._subs = SubscriptionRepository(self._engine)
        self._ledger = DeliveryLedger(self._engine)

    # Reading ------------------------------------------------------------------------
    def get(self, sub_id: int) -> Subscription | None:
        """One subscription (a digest or an alert) by id, or None when it is gone."""
        return self._subs.get(sub_id)

    def for_chat(self, chat_id: int) -> list[Subscription]:
        """The chat's digest subscriptions, oldest first."""
        return self._subs.for_chat(chat_id)

    def listing(self, chat_id: int) -> list[Listed]:
        """The chat's subscriptions with how their last delivery went (``/subscriptions``)."""
        return self._manage.listing(chat_id)

    def existing(self, chat_id: int, thread_id: int | None, text: str) -> Subscription | None:
        """The chat's (thread's) subscription to the topic or query `text`, if it has one."""
        return self._manage.existing(chat_id, thread_id, text)

    def deliveries(self, sub_id: int) -> list[Delivery]:
        """The subscription's ledger rows, one per period, oldest first."""
        return self._ledger.for_subscription(sub_id)

    def first_due(self, until: datetime) -> Subscription | None:
        """The running digest subscription that comes due first, if it does by `until`."""
        due = self._subs.due(until, 1)
        return due[0] if due else None

    # Changing -----------------------------------------------------------------------
    def subscribe(self, chat: ChatInfo, thread_id: int | None, request: SubscribeRequest,
                  user_id: int | None) -> Subscription:
        """Subscribe the chat (thread), or move its subscription to the same query.

        Raises:
            digests.topics.UnknownTopic, digests.query.QueryError: the query is unusable.
            TooManySubscriptionsError: a new one would exceed `MAX_SUBSCRIPTIONS_PER_CHAT`.
        """
        return self._manage.subscribe(chat, thread_id, request, user_id)

    def unsubscribe(self, chat_id: int, text: str) -> list[Subscription]:
        """Remove the chat's subscriptions to the topic or query `text`; the removed ones.

        An empty text names none (`SubscriptionManager.matching`).
        """
        found = self._manage.matching(chat_id, text)
        for sub in found:
            self._subs.remove(sub.id)
        return found

    def remove(self, sub_id: int) -> bool:
        """Delete one subscription (its ledger rows go with it)."""
        return self._subs.remove(sub_id)

    def set_time(self, sub_id: int, at: time) -> Subscription:
        """Change the local time a subscription fires at."""
        return self._manage.set_time(sub_id, at)

    def pause(self, sub_id: int) -> None:
        """Pause by a person's choice (never resumed automatically)."""
        self._manage.pause(sub_id)

    def resume(self, sub_id: int) -> Subscription:
        """Resume from the next firing after now, never with a stale catch-up."""
        return self._manage.resume(sub_id)

    def toggle_empty_policy(self, sub_id: int) -> Subscription:
        """Switch between skipping empty periods and saying that nothing was new."""
        return self._manage.toggle_empty_policy(sub_id)

    # Delivery -----------------------------------------------------------------------
    def leader(self) -> DatabaseLeader:
        """The fan-out leader lock of this database (one sending process per database)."""
        return DatabaseLeader(self._engine)

    def delivery(self, sender: Sender, render: Renderer, attach: AttachAddendum, *,
                 clock: Clock | None = None, worker: str | None = None,
                 leader: Leader | None = None) -> DeliveryService:
        """The scheduler core that sends due digests through `sender`, rendered by `render`.

        Each digest carries the chat's alert stories over its daily cap and the alerted
        stories that grew since (`digests.alerts.addendum`), attached by `attach`; stories
        are chosen in each chat's language.
        """
        chat_prefs = self.chats.prefs
        additions = AlertAddenda(self._subs, AlertLedger(self._engine), self.news, attach,
                                 chat_prefs=chat_prefs)
        return DeliveryService(
            self._subs, self._ledger, self.news, sender, render,
            clock=clock or self.news.clock, chat_prefs=chat_prefs, worker=worker,
            leader=leader, additions=additions)
