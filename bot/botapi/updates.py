"""The bot's pending updates, with getUpdates' offset and long-polling semantics.

Telegram keeps updates until the bot confirms them by asking for a higher ``offset``; a negative
offset keeps only the last ``-offset`` updates; ``getUpdates`` waits up to ``timeout`` seconds and
returns as soon as something arrives.  A newer getUpdates call ends a waiting one with 409, which
is how Telegram tells two polling bot instances apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import Any

from bot.botapi.errors import conflict

JsonDict = dict[str, Any]
DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "my_chat_member",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)


class UpdateQueue:
    """Pending updates and the waiters of long polling."""

    def __init__(self) -> None:
        self.pending: list[JsonDict] = []
        self.delivered: list[JsonDict] = []
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self._next_id = 1
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._closing = False
        self.poll_arrived = asyncio.Event()
        """Set whenever a getUpdates call starts waiting; lets tests inject at the right moment."""
        self.accepted = 0
        """How many updates were queued for the bot so far (dropped ones not counted)."""

    def push(self, kind: str, payload: JsonDict) -> JsonDict:
        """Queue one update of ``kind`` (e.g. ``"message"``) and wake a waiting poller.

        Updates of kinds the bot did not subscribe to (``allowed_updates``) are dropped, as
        Telegram drops them.  The payload is copied: later edits must not rewrite history.

        Returns:
            The ``Update`` dict (with its ``update_id``), even when it was dropped.
        """
        update = {"update_id": self._next_id, kind: copy.deepcopy(payload)}
        self._next_id += 1
        if kind in self.allowed:
            self.pending.append(update)
            self.accepted += 1
            self._changed.set()
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset`` (or keep the last ``-offset`` when negative)."""
        if offset < 0:
            keep = self.pending[offset:]
        else:
            keep = [u for u in self.pending if u["update_id"] >= offset]
        gone = [u for u in self.pending if u not in keep]
        self.delivered.extend(gone)
        self.pending = keep

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Remember ``allowed_updates``; an empty list means the default set, None keeps it."""
        if allowed is not None:
            self.allowed = frozenset(allowed) if allowed else DEFAULT_ALLOWED

    async def wait(self, offset: int, limit: int, seconds: float) -> list[JsonDict]:
        """Return up to ``limit`` updates from ``offset``, waiting up to ``seconds``.

        Raises:
            ApiError: 409 when a newer getUpdates call supersedes this one.
        """
        self._poll_generation += 1
        generation = self._poll_generation
        self._changed.set()
        self._changed.clear()
        self.confirm(offset)
        self.poll_arrived.set()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, seconds)
        while not self.pending and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
            self._changed.clear()
            if generation != self._poll_generation:
                raise conflict(
                    "terminated by other getUpdates request; "
                    "make sure that only one bot instance is running"
                )
        return self.pending[:limit]

    def close(self) -> None:
        """Make waiting pollers return now; used on shutdown so the server stops promptly."""
        self._closing = True
        self._changed.set()
