"""Wait until the bot has finished handling an update that makes it send nothing.

Handlers in later groups run after earlier groups' handlers return, so a recorder in the last
group sees an update only once the bot is done with it: an event to wait on, never a sleep.
Used for channel posts (ingested silently) and group chatter the bot must ignore.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import TypeHandler

from bot.app import BotApplication

LAST_GROUP = 1_000


class Processed:
    """Records (chat id, message id) of every update the bot has finished handling."""

    def __init__(self, app: BotApplication) -> None:
        self.seen: list[tuple[int, int]] = []
        self._changed = asyncio.Condition()
        app.add_handler(TypeHandler(Update, self._record), group=LAST_GROUP)

    async def _record(self, update: Update, context: object) -> None:
        message = update.effective_message
        if message is not None:
            async with self._changed:
                self.seen.append((message.chat_id, message.message_id))
                self._changed.notify_all()

    async def wait(self, message: dict[str, object], times: int = 1,
                   timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Wait until `times` updates carrying `message` (a post, then its edit) were handled."""
        chat = message["chat"]
        assert isinstance(chat, dict)
        key = (int(chat["id"]), int(str(message["message_id"])))
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.seen.count(key) >= times)
