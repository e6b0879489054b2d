"""What every method handler receives: the world, the flood limiter and the records tests read."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.botapi.errors import too_many_requests
from bot.botapi.limits import FloodLimiter
from bot.botapi.models import Chat, StoredMessage
from bot.botapi.world import World

JsonDict = dict[str, Any]


@dataclass
class Records:
    """What the bot did besides sending messages, kept for assertions.

    Attributes:
        sent: Every message the bot produced, in order (edits update these objects).
        callback_answers: ``answerCallbackQuery`` parameters, in order.
        inline_answers: ``answerInlineQuery`` parameters by inline query id.
        commands: ``setMyCommands`` lists by scope key (see :func:`validate.scope_key`).
        chat_actions: ``(chat_id, action)`` from ``sendChatAction``.
        open_callbacks: Callback queries not answered yet, by id.
        open_inline: Inline queries not answered yet, by id.
        webhook: The current ``setWebhook`` parameters, or None when polling.
        webhook_error: ``last_error_date``/``last_error_message`` of webhook delivery.
        failures: Scripted transient errors: ``[method or None, status, remaining count]``.
    """

    sent: list[StoredMessage] = field(default_factory=list)
    callback_answers: list[JsonDict] = field(default_factory=list)
    inline_answers: dict[str, JsonDict] = field(default_factory=dict)
    commands: dict[str, list[JsonDict]] = field(default_factory=dict)
    chat_actions: list[tuple[int, str]] = field(default_factory=list)
    open_callbacks: dict[str, JsonDict] = field(default_factory=dict)
    open_inline: dict[str, JsonDict] = field(default_factory=dict)
    webhook: JsonDict | None = None
    webhook_error: JsonDict | None = None
    failures: list[list[Any]] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def notify(self) -> None:
        """Wake observers waiting for the bot's output."""
        async with self.changed:
            self.changed.notify_all()


@dataclass
class Context:
    """The server state a handler works on."""

    world: World
    limiter: FloodLimiter
    records: Records

    def take_flood_slot(self, chat: Chat) -> None:
        """Count one outgoing message, or raise 429 with ``retry_after``."""
        wait = self.limiter.acquire(chat.id, private=chat.type == "private")
        if wait:
            raise too_many_requests(wait)


Handler = Callable[[Context, JsonDict], Awaitable[Any]]
