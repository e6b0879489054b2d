"""Managing subscriptions and chats: what the bot's commands and membership updates call.

Synchronous and framework-free like `NewsService`; the bot runs it off the event loop. Every
change that affects timing recomputes ``next_run_at`` here, so the scheduler only ever reads
the stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Engine

from digests import reasons
from digests.chatprefs import adopt_language
from digests.models.subscriptions import (
    USER_PAUSE,
    ChatInfo,
    Delivery,
    EmptyPolicy,
    Subscription,
)
from digests.service import NewsService
from digests.store.chats import ChatRepository
from digests.store.deliveries import DeliveryLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.schedule import format_time_of_day, next_run_at
from digests.subscriptions.zones import parse_timezone

Clock = Callable[[], datetime]
LEFT_STATUSES = frozenset({"left", "kicked", "demoted"})
MAX_SUBSCRIPTIONS_PER_CHAT = 20  # /subscriptions shows five buttons each; Telegram allows 100


class TooManySubscriptionsError(ValueError):
    """The chat already has `MAX_SUBSCRIPTIONS_PER_CHAT` subscriptions."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"This chat already has {limit} subscriptions, the most it can have")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class Listed:
    """A subscription with its next firing and its latest ledger row, for ``/subscriptions``."""

    subscription: Subscription
    last: Delivery | None


class SubscriptionManager:
    """Subscribe, list, change and remove; track chats and pause or resume their orders."""

    def __init__(self, engine: Engine, news: NewsService, clock: Clock) -> None:
        self.news = news
        self.clock = clock
        self.chats = ChatRepository(engine, clock)
        self.subs = SubscriptionRepository(engine)
        self.ledger = DeliveryLedger(engine)
        self.default_zone = news.settings.default_timezone

    def _next(self, sub: Subscription) -> datetime:
        return next_run_at(sub.schedule(self.default_zone), self.clock())

    def _reschedule(self, sub_id: int) -> Subscription:
        sub = self.subs.get(sub_id)
        assert sub is not None
        self.subs.change(sub_id, next_run_at=self._next(sub))
        fresh = self.subs.get(sub_id)
        assert fresh is not None
        return fresh

    def subscribe(self, chat: ChatInfo, thread_id: int | None, request: SubscribeRequest,
                  user_id: int | None) -> Subscription:
        """Create the subscription, or update the chat's existing one to the same query.

        Raises:
            digests.topics.UnknownTopic, digests.query.QueryError: the query is unusable.
            TooManySubscriptionsError: a new one would exceed `MAX_SUBSCRIPTIONS_PER_CHAT`.
        """
        resolved = self.news.resolve(request.query)
        topic = resolved.topic.name or None
        query = resolved.topic.query if topic else request.query
        self.chats.upsert(chat.chat_id, chat.type, title=chat.title, username=chat.username)
        if chat.type == "channel":  # managed from a private chat: its reader's language
            adopt_language(self.chats, chat.chat_id, user_id)
        values = {"time_of_day": format_time_of_day(request.at), "weekdays": request.weekdays,
                  "timezone": request.zone, "paused": False, "pause_reason": None}
        if request.policy is not None:
            values["empty_policy"] = request.policy
        existing = self.subs.find(chat.chat_id, thread_id, query)
        if existing is not None:
            self.subs.change(existing.id, **values)
            return self._reschedule(existing.id)
        if len(self.subs.for_chat(chat.chat_id)) >= MAX_SUBSCRIPTIONS_PER_CHAT:
            raise TooManySubscriptionsError(MAX_SUBSCRIPTIONS_PER_CHAT)
        added = self.subs.add({
            **values, "chat_id": chat.chat_id, "thread_id": thread_id, "topic": topic,
            "query": query, "created_by": user_id, "created_at": self.clock(),
        })
        return self._reschedule(added.id)

    def existing(self, chat_id: int, thread_id: int | None, text: str) -> Subscription | None:
        """The chat's (thread's) subscription to the topic or query `text`, if it has one.

        The digest's one-tap Subscribe must not overwrite a time the chat chose.
        """
        resolved = self.news.resolve(text)
        query = resolved.topic.query if resolved.topic.name else text
        return self.subs.find(chat_id, thread_id, query)

    def listing(self, chat_id: int) -> list[Listed]:
        """The chat's subscriptions with how their last delivery went."""
        subs = self.subs.for_chat(chat_id)
        last = self.ledger.latest([s.id for s in subs])
        return [Listed(s, last.get(s.id)) for s in subs]

    def matching(self, chat_id: int, text: str) -> list[Subscription]:
        """The chat's subscriptions whose topic or query is ``text`` (case-insensitive).

        An empty text names nothing: without the guard it would equal the empty topic of
        every query subscription, and ``/unsubscribe`` would remove them all.
        """
        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return []
        return [s for s in self.subs.for_chat(chat_id)
                if wanted in ((s.topic or "").casefold(), s.query.casefold())]

    def set_time(self, sub_id: int, at: time) -> Subscription:
        """Change the local time a subscription fires at."""
        self.subs.change(sub_id, time_of_day=format_time_of_day(at))
        return self._reschedule(sub_id)

    def pause(self, sub_id: int) -> None:
        """Pause by a person's choice (not resumed automatically)."""
        self.subs.change(sub_id, paused=True, pause_reason=USER_PAUSE)

    def resume(self, sub_id: int) -> Subscription:
        """Resume; the next run is the next firing from now, never a stale catch-up."""
        self.subs.change(sub_id, paused=False, pause_reason=None)
        return self._reschedule(sub_id)

    def toggle_empty_policy(self, sub_id: int) -> Subscription:
        """Switch between skipping empty periods and saying that nothing was new."""
        sub = self.subs.get(sub_id)
        assert sub is not None
        flipped = (EmptyPolicy.NOTIFY if sub.empty_policy == EmptyPolicy.SKIP
                   else EmptyPolicy.SKIP)
        self.subs.change(sub_id, empty_policy=flipped)
        return self._reschedule(sub_id)

    def set_timezone(self, chat: ChatInfo, text: str) -> str:
        """Set the chat's zone and reschedule its subscriptions that follow it.

        Raises:
            UnknownTimeZone: with suggestions.
        """
        zone = parse_timezone(text)
        self.chats.upsert(chat.chat_id, chat.type, title=chat.title, username=chat.username)
        self.chats.set_timezone(chat.chat_id, zone)
        for sub in self.subs.for_chat(chat.chat_id):
            if sub.timezone is None:
                self._reschedule(sub.id)
        return zone

    def zone_of_chat(self, chat_id: int) -> str:
        """The chat's zone name, or the default."""
        chat = self.chats.get(chat_id)
        return (chat.timezone if chat and chat.timezone else None) or self.default_zone

    def membership_changed(self, chat: ChatInfo) -> tuple[bool, int]:
        """Record the bot's new status in a chat; pause on leaving, resume on return.

        Returns:
            (whether this is the first time the bot joined the chat, how many subscriptions
            were paused or resumed).
        """
        before = self.chats.get(chat.chat_id)
        self.chats.upsert(chat.chat_id, chat.type, title=chat.title, username=chat.username,
                          member_status=chat.member_status)
        if chat.member_status in LEFT_STATUSES:
            return False, self.subs.pause_chat(
                chat.chat_id, reasons.MEMBERSHIP.format(status=chat.member_status))
        first = before is None or not before.settings.get("welcomed")
        if first and chat.type != "private":
            self.chats.set_setting(chat.chat_id, "welcomed", True)
        return first, self.resume_chat(chat.chat_id)

    def resume_chat(self, chat_id: int) -> int:
        """Resume a chat's automatically paused subscriptions (a /start, a re-add)."""
        paused = self.subs.auto_paused(chat_id)
        self.subs.resume([s.id for s in paused], [self._next(s) for s in paused])
        return len(paused)
