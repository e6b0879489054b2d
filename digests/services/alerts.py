"""Alert subscriptions as the interfaces manage them, and the tick that sends the alerts.

An alert is a subscription of kind ``alert``: each new story on its topic or query is sent
once, as it arrives, and later reports of the story edit that message. The rules of
managing them live in `digests.alerts.manage` (one per chat, thread and query, the same
limit as digests), those of the tick in `digests.alerts.service`; this service is the one
door to both. The bot's handlers parse commands and buttons, and its alert job supplies
only what is Telegram's: the sender, the editor and the renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from digests.alerts.args import AlertRequest
from digests.alerts.edits import mute_story
from digests.alerts.manage import AlertManager
from digests.alerts.outcomes import AlertRenderer, Editor
from digests.alerts.service import AlertService
from digests.models.subscriptions import ChatInfo, Kind, Subscription
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.store.alerts import AlertLedger
from digests.store.sql import sql_engine
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.delivery import Leader
from digests.subscriptions.outcomes import Sender

if TYPE_CHECKING:
    from digests.service import NewsService
    from digests.services.chats import ChatService
    from digests.store.base import Store

Clock = Callable[[], datetime]

__all__ = ["AlertService", "AlertSubscriptionService"]


class AlertSubscriptionService:
    """The alert subscriptions of one database, and the tick that sends them."""

    def __init__(self, store: Store, news: NewsService, chats: ChatService) -> None:
        self.news = news
        self.chats = chats
        self._engine = sql_engine(store, "alerts")
        # The clock is read at each use: the sandbox moves the news clock after start-up.
        self._manage = AlertManager(self._engine, news, lambda: self.news.clock())
        self._subs = SubscriptionRepository(self._engine)
        self._ledger = AlertLedger(self._engine)

    def listing(self, chat_id: int) -> list[Subscription]:
        """The chat's alerts, oldest first."""
        return self._manage.listing(chat_id)

    def add(self, chat: ChatInfo, thread_id: int | None, request: AlertRequest,
            user_id: int | None) -> Subscription:
        """Create the alert, or change the chat's existing one for the same query.

        Raises:
            digests.topics.UnknownTopic, digests.query.QueryError: the query is unusable.
            digests.subscriptions.manage.TooManySubscriptionsError: the chat has the most
            alerts it can have.
        """
        return self._manage.add(chat, thread_id, request, user_id)

    def unalert(self, chat_id: int, text: str) -> list[Subscription]:
        """Remove the chat's alerts on the topic or query `text`; the removed ones.

        An empty text names none (`AlertManager.matching`).
        """
        found = self._manage.matching(chat_id, text)
        for sub in found:
            self._manage.remove(sub.id)
        return found

    def remove_from(self, chat_id: int, sub_id: int) -> bool:
        """Remove an alert of the chat (Remove alert); False when it is not one of its alerts.

        A digest subscription, or another chat's alert, is left alone.
        """
        sub = self._subs.get(sub_id)
        if sub is None or sub.kind != Kind.ALERT or sub.chat_id != chat_id:
            return False
        return self._manage.remove(sub.id)

    def mute(self, delivery_id: int, chat_id: int) -> bool:
        """No more edits of this alert (Mute this story), if it was sent to ``chat_id``."""
        return mute_story(self._ledger, delivery_id, chat_id, self.news.settings.alert_max_edits)

    def ticker(self, sender: Sender, editor: Editor, render: AlertRenderer, *, worker: str,
               leader: Leader | None = None, clock: Clock | None = None,
               metrics: Metrics = NULL_METRICS) -> AlertService:
        """The alert tick that sends through `sender` and edits through `editor`.

        Stories are chosen and summarized in each chat's language.
        """
        return AlertService(self._subs, self._ledger, self.news, sender, editor, render,
                            clock=clock or self.news.clock, worker=worker, leader=leader,
                            chat_prefs=self.chats.prefs, metrics=metrics)
