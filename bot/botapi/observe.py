"""Reading what the bot did: its messages, answers, command menus, and every API call.

Waiting is event-based: each bot action notifies a condition, so a test wakes up the moment the
reply arrives instead of polling with sleeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.botapi.methods import Records
from bot.botapi.models import StoredMessage

JsonDict = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class RequestRecord:
    """One API call as the server saw it: method, decoded parameters, status and error text."""

    method: str
    params: JsonDict
    status: int
    description: str | None = None


class Observer:
    """Mixin of :class:`~bot.botapi.server.BotApiServer` with the assertion helpers."""

    records: Records
    requests: list[RequestRecord]
    _marks: dict[int, int]

    def sent_messages(
        self, chat_id: int | None = None, *, deleted: bool = False
    ) -> list[StoredMessage]:
        """Messages the bot sent (current state, after edits), optionally for one chat.

        Args:
            chat_id: Only this chat.
            deleted: Include messages the bot deleted later.
        """
        return [
            m
            for m in self.records.sent
            if (chat_id is None or m.chat_id == chat_id) and (deleted or not m.deleted)
        ]

    @property
    def callback_answers(self) -> list[JsonDict]:
        """``answerCallbackQuery`` calls, in order."""
        return self.records.callback_answers

    @property
    def inline_answers(self) -> dict[str, JsonDict]:
        """``answerInlineQuery`` parameters by inline query id."""
        return self.records.inline_answers

    @property
    def commands(self) -> dict[str, list[JsonDict]]:
        """Command menus by scope key, e.g. ``"all_private_chats/"`` or ``"chat:-100123/en"``."""
        return self.records.commands

    @property
    def chat_actions(self) -> list[tuple[int, str]]:
        """``(chat_id, action)`` from ``sendChatAction``."""
        return self.records.chat_actions

    def errors(self) -> list[RequestRecord]:
        """Calls the server refused, to explain a test failure."""
        return [r for r in self.requests if r.status != 200]

    async def wait_until(
        self,
        probe: Callable[[], T | None],
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline argument reads best in tests
    ) -> T:
        """Wait until ``probe()`` returns something other than None (re-checked on each bot action).

        Raises:
            TimeoutError: With the refused calls listed, when ``timeout`` seconds pass first.
        """
        changed = self.records.changed
        try:
            async with asyncio.timeout(timeout), changed:
                while (found := probe()) is None:
                    await changed.wait()
                return found
        except TimeoutError:
            refused = [(r.method, r.status, r.description) for r in self.errors()[-5:]]
            raise TimeoutError(
                f"bot did not act within {timeout}s; refused calls: {refused}"
            ) from None

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
        since: int | None = None,
    ) -> list[StoredMessage]:
        """Wait for ``count`` new bot messages in ``chat_id`` and return them.

        Args:
            chat_id: The chat to watch.
            count: How many new messages to wait for.
            timeout: Seconds before giving up.
            since: Position in the sent log to count from; by default the moment the latest
                update was injected into that chat, i.e. "the replies to what I just did".
        """
        start = self._marks.get(chat_id, 0) if since is None else since

        def probe() -> list[StoredMessage] | None:
            new = [m for m in self.records.sent[start:] if m.chat_id == chat_id]
            return new[:count] if len(new) >= count else None

        return await self.wait_until(probe, timeout)

    async def wait_for_inline_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JsonDict:
        """Wait for the bot's ``answerInlineQuery`` to ``query_id``."""
        return await self.wait_until(lambda: self.records.inline_answers.get(query_id), timeout)

    async def wait_for_callback_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JsonDict:
        """Wait for the bot's ``answerCallbackQuery`` to ``query_id``."""

        def probe() -> JsonDict | None:
            answers = self.records.callback_answers
            return next((a for a in answers if str(a["callback_query_id"]) == query_id), None)

        return await self.wait_until(probe, timeout)
