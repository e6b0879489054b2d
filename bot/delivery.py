"""Send a rendered digest to one chat, and turn Telegram's answers into outcomes.

Messages go through the Application's bot, whose `AIORateLimiter` keeps the overall ~30/s
and per-group 20/min limits and retries a `RetryAfter` itself. On top of that this module
keeps a per-chat pace of about one message per second (Telegram's private-chat limit, and
polite in groups), honours any `RetryAfter` that still reaches it, and retries network
errors and 5xx with exponential backoff. What cannot be fixed by waiting becomes an
`Outcome` for the core to record: blocked (403), chat not found, migrated, or failed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.render.subscriptions import DeliveryPieces
from digests.subscriptions.outcomes import Outcome, Progress, SendResult, Target

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
MAX_RETRY_AFTER_WAITS = 5


class TelegramSender:
    """The `Sender` of `digests.subscriptions.delivery`, over python-telegram-bot.

    Args:
        bot: the Application's bot (with its rate limiter and HTML defaults).
        pace: seconds between two messages to the same chat.
        retries: attempts after a network error or 5xx before the period is marked failed.
        backoff: first backoff delay in seconds, doubled after each failure.
        overall_rate: messages per second across chats, spaced evenly. The rate limiter's
            leaky bucket lets short bursts above 30/s through, which Telegram answers with
            429s (measured by benchmarks/bench_fanout.py); even spacing at 29/s avoids them.
        sleep, monotonic: injected so tests run without waiting.
    """

    def __init__(self, bot: Bot, *, pace: float = 1.0, retries: int = 3, backoff: float = 2.0,
                 overall_rate: float | None = 29.0, sleep: Sleep = asyncio.sleep,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self.pace = pace
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.monotonic = monotonic
        self.overall_rate = overall_rate
        self._next_overall = 0.0
        self._next_slot: dict[int, float] = {}

    async def send(self, target: Target, pieces: Sequence[str], *, start: int,
                   progress: Progress) -> SendResult:
        """Send ``pieces[start:]`` to the target, recording progress after each part."""
        keyboard = pieces.keyboard if isinstance(pieces, DeliveryPieces) else None
        for index in range(start, len(pieces)):
            markup = keyboard if index == len(pieces) - 1 else None
            try:
                await self._send_one(target, pieces[index], markup)
            except Forbidden as error:
                return SendResult(Outcome.BLOCKED, index, error.message)
            except ChatMigrated as error:
                return SendResult(Outcome.MIGRATED, index, str(error), error.new_chat_id)
            except BadRequest as error:
                gone = "chat not found" in error.message.lower()
                return SendResult(Outcome.NOT_FOUND if gone else Outcome.FAILED, index,
                                  error.message)
            except (NetworkError, RetryAfter) as error:
                return SendResult(Outcome.FAILED, index, str(error))
            await progress(index + 1)
        return SendResult(Outcome.SENT, len(pieces))

    async def _send_one(self, target: Target, text: str,
                        keyboard: InlineKeyboardMarkup | None = None) -> None:
        failures, waits = 0, 0
        while True:
            await self._keep_pace(target.chat_id)
            try:
                await self.bot.send_message(target.chat_id, text, reply_markup=keyboard,
                                            message_thread_id=target.thread_id)
                return
            except RetryAfter as error:
                waits += 1
                if waits > MAX_RETRY_AFTER_WAITS:
                    raise
                await self.sleep(error.retry_after if isinstance(error.retry_after, (int, float))
                                 else error.retry_after.total_seconds())
            except (BadRequest, ChatMigrated, Forbidden):
                raise
            except NetworkError as error:  # includes TimedOut and 5xx answers
                failures += 1
                if failures > self.retries:
                    raise
                delay = self.backoff * 2 ** (failures - 1)
                log.info("send to %s failed (%s); retry %d in %.1f s", target.chat_id, error,
                         failures, delay)
                await self.sleep(delay)

    async def _keep_pace(self, chat_id: int) -> None:
        now = self.monotonic()
        slot = max(now, self._next_slot.get(chat_id, now), self._next_overall)
        self._next_slot[chat_id] = slot + self.pace
        if self.overall_rate:
            self._next_overall = slot + 1.0 / self.overall_rate
        if slot > now:
            await self.sleep(slot - now)
