"""Chats as the interfaces see them: their settings, language, time zone and membership.

A chat's choices (`/settings`: summary length, algorithm, language) apply to every reply,
scheduled digest and alert it gets, so one service reads and writes them for the bot's
handlers and its delivery jobs alike. The language is taken once, from the first person the
bot hears from in the chat; a chat the bot leaves has its subscriptions and alerts paused,
and they resume when it returns. The interfaces parse what was pressed or typed and render
what comes back; none of them touches the ``chats`` table.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from digests.chatprefs import SummaryPrefs, first_contact, language_settings, load_prefs
from digests.language import ALL_LANGUAGES, CHAT_LANGUAGES, language_from_code
from digests.models.subscriptions import ChatInfo
from digests.store.chats import ChatRepository
from digests.store.sql import sql_engine
from digests.subscriptions.manage import SubscriptionManager
from digests.summarize import algorithm_names

if TYPE_CHECKING:
    from digests.service import NewsService
    from digests.store.base import Store

SUMMARY_LENGTHS = ("3", "5", "8", "20%")  # what /settings offers: sentences, or a share
SETTINGS = ("length", "algorithm", "language")

__all__ = ["SETTINGS", "SUMMARY_LENGTHS", "ChatService", "SummaryPrefs"]


class ChatService:
    """The chats of one database: their choices, zones, and the bot's membership in them."""

    def __init__(self, store: Store, news: NewsService) -> None:
        self.news = news
        engine = sql_engine(store, "chats")
        # Read at each use: the sandbox moves the news clock after start-up.
        self._chats = ChatRepository(engine, self._now)
        self._orders = SubscriptionManager(engine, news, self._now)  # pausing, rescheduling

    def _now(self) -> datetime:
        return self.news.clock()

    # Choices -------------------------------------------------------------------------
    def get(self, chat_id: int) -> ChatInfo | None:
        """The chat as recorded (names, the bot's status, zone, choices), or None if unknown."""
        return self._chats.get(chat_id)

    def prefs(self, chat_id: int) -> SummaryPrefs:
        """The chat's stored choices (defaults for a chat never seen), valid values only."""
        return load_prefs(self._chats, chat_id)

    def user_prefs(self, user_id: int, language_code: str | None) -> SummaryPrefs:
        """A user's choices outside any chat (inline queries): their private chat's.

        A user who never opened a private chat with the bot, or never chose a language
        there, reads in their Telegram app's language.
        """
        prefs = self.prefs(user_id)
        if prefs.language is None:
            language = language_from_code(language_code)
            return dataclasses.replace(prefs, language=language, interface=language)
        return prefs

    def first_contact(self, chat: ChatInfo, language_code: str | None) -> SummaryPrefs:
        """The chat's choices, recording the chat; a chat without a language takes the user's.

        The first person the bot hears from in a chat sets its language from their app's
        ``language_code``, once (`digests.chatprefs.first_contact`).
        """
        return first_contact(self._chats, chat.chat_id, chat.type, language_code,
                             title=chat.title, username=chat.username)

    def allowed(self, setting: str, value: str) -> bool:
        """Whether `value` is a choice /settings offers for `setting` (one of `SETTINGS`).

        A button sent before an algorithm was removed may still be pressed.
        """
        return ((setting == "length" and value in SUMMARY_LENGTHS)
                or (setting == "algorithm" and value in algorithm_names())
                or (setting == "language" and value in (*CHAT_LANGUAGES, ALL_LANGUAGES)))

    def choose(self, chat: ChatInfo, setting: str, value: str) -> SummaryPrefs:
        """Store one choice of the chat (recording the chat first); its choices afterwards.

        Choosing a language changes the bot's own texts too; "all" keeps the ones it had.

        Raises:
            ValueError: the value is not `allowed`.
        """
        if not self.allowed(setting, value):
            raise ValueError(f"not a choice for {setting}: {value!r}")
        changes = language_settings(value) if setting == "language" else {setting: value}
        self._chats.upsert(chat.chat_id, chat.type, title=chat.title, username=chat.username)
        for key, stored in changes.items():
            self._chats.set_setting(chat.chat_id, key, stored)
        return self.prefs(chat.chat_id)

    # Time zone -----------------------------------------------------------------------
    def zone_of(self, chat_id: int) -> str:
        """The chat's time zone name, or the bot's default."""
        return self._orders.zone_of_chat(chat_id)

    def set_timezone(self, chat: ChatInfo, text: str) -> str:
        """Set the chat's zone from a name, city or offset; its subscriptions follow it.

        Returns:
            The zone's canonical name.

        Raises:
            digests.subscriptions.zones.UnknownTimeZone: with suggestions.
        """
        return self._orders.set_timezone(chat, text)

    # Membership ----------------------------------------------------------------------
    def membership_changed(self, chat: ChatInfo) -> tuple[bool, int]:
        """Record the bot's new status in a chat: pause its orders on leaving, resume on return.

        Returns:
            (whether the bot joined this group for the first time, so it says hello; how
            many subscriptions and alerts were paused or resumed).
        """
        return self._orders.membership_changed(chat)

    def resume_chat(self, chat_id: int) -> int:
        """Resume the chat's orders paused by leaving or by failed deliveries (a /start)."""
        return self._orders.resume_chat(chat_id)
