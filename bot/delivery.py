"""Send one part of a digest to one chat, and turn Telegram's answers into outcomes.

Delivery has its own `Bot` (see `build_delivery_bot`): no `AIORateLimiter`, whose one
`RetryAfter` pauses every request of the process (a 429 for one chat would stall command
replies to everybody), and a long read timeout, so a slow answer is waited for instead of
becoming an ambiguous send. The pacing is here instead: about one message per second per
private chat, one per three seconds per group (Telegram's 20/min), and an even overall rate
under Telegram's ~30/s. A `RetryAfter` is honoured for its chat only.

What is safe to retry is retried with exponential backoff: 5xx answers and requests that
never reached the server (refused connections, connect and pool timeouts). A request that
went out and got no answer (read timeout, connection reset or closed before the answer)
may have been delivered: Telegram has no idempotency key, so it is reported as
`Outcome.AMBIGUOUS` and the core's policy decides. What waiting cannot fix becomes an
outcome too: blocked (403), chat not found, migrated, rejected (other 400s).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Defaults, ExtBot

from bot.metrics import MeteredRequest
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.settings import Settings
from digests.subscriptions.outcomes import Begin, Outcome, SendResult, Target, Wait

log = logging.getLogger(__name__)
MAX_RETRY_AFTER_WAITS = 5
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteTimeout,
            httpx.UnsupportedProtocol)
"""Failures that happen before the request reaches the server: always safe to retry."""


def build_delivery_bot(settings: Settings, defaults: Defaults | None,
                       metrics: Metrics = NULL_METRICS) -> ExtBot[None]:
    """The bot scheduled digests go through, separate from the one answering commands."""
    assert settings.telegram_bot_token is not None
    request = MeteredRequest(metrics, connection_pool_size=128,
                           read_timeout=settings.delivery_read_timeout_seconds,
                           connect_timeout=10.0, pool_timeout=30.0)
    return ExtBot(settings.telegram_bot_token.get_secret_value(),
                  base_url=settings.telegram_api_base_url, defaults=defaults, request=request)


def sent_or_not(error: TelegramError) -> Outcome:
    """`Outcome.FAILED` when the request certainly did not go through, else AMBIGUOUS.

    python-telegram-bot raises `NetworkError`/`TimedOut` from httpx's exception (kept as
    ``__cause__``) or from a 5xx status (no cause): an answer, so nothing was delivered.
    """
    cause = error.__cause__
    if cause is None or isinstance(cause, NOT_SENT):
        return Outcome.FAILED
    return Outcome.AMBIGUOUS


class TelegramSender:
    """The `Sender` of `digests.subscriptions.delivery`, over python-telegram-bot.

    Args:
        bot: the delivery bot (HTML defaults; see `build_delivery_bot`).
        pace: seconds between two messages to the same private chat.
        group_pace: seconds between two messages to the same group or channel.
        retries: attempts after a 5xx or an unsent request before the part is reported failed.
        backoff: first backoff delay in seconds, doubled after each failure.
        overall_rate: messages per second across chats, spaced evenly (a burst above 30/s is
            answered with 429s, measured by benchmarks/bench_fanout.py).
        sleep, monotonic: injected so tests run without waiting.
    """

    def __init__(self, bot: Bot, *, pace: float = 1.0, group_pace: float = 3.0,
                 retries: int = 3, backoff: float = 2.0, overall_rate: float | None = 29.0,
                 sleep: Callable[[float], Any] = asyncio.sleep,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self.pace = pace
        self.group_pace = group_pace
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.monotonic = monotonic
        self.overall_rate = overall_rate
        self._next_overall = 0.0
        self._next_slot: dict[int, float] = {}

    async def send_part(self, target: Target, text: str, *,
                        markup: Mapping[str, Any] | None, wait: Wait,
                        begin: Begin) -> SendResult:
        """Send one part, retrying what is safe to retry; every wait goes through ``wait``.

        ``begin`` runs after the pace and right before each request, so a part counts as
        in flight only while its request can actually be out.
        """
        keyboard = InlineKeyboardMarkup.de_json(dict(markup), self.bot) if markup else None
        failures, waits = 0, 0
        while True:
            await self._keep_pace(target.chat_id)
            await begin()
            try:
                sent = await self.bot.send_message(target.chat_id, text, reply_markup=keyboard,
                                                   message_thread_id=target.thread_id)
                return SendResult(Outcome.SENT, 1, message_id=sent.message_id)
            except RetryAfter as error:
                waits += 1
                if waits > MAX_RETRY_AFTER_WAITS:
                    return SendResult(Outcome.FAILED, 0, str(error))
                await wait(error.retry_after if isinstance(error.retry_after, (int, float))
                           else error.retry_after.total_seconds())
            except Forbidden as error:
                return SendResult(Outcome.BLOCKED, 0, error.message)
            except ChatMigrated as error:
                return SendResult(Outcome.MIGRATED, 0, str(error), error.new_chat_id)
            except BadRequest as error:
                gone = "chat not found" in error.message.lower()
                return SendResult(Outcome.NOT_FOUND if gone else Outcome.REJECTED, 0,
                                  error.message)
            except NetworkError as error:  # TimedOut too; 5xx answers
                detail = f"{type(error).__name__}: {error}"
                if sent_or_not(error) == Outcome.AMBIGUOUS:
                    return SendResult(Outcome.AMBIGUOUS, 0, detail)
                failures += 1
                if failures > self.retries:
                    return SendResult(Outcome.FAILED, 0, detail)
                delay = self.backoff * 2 ** (failures - 1)
                log.info("send to %s failed (%s); retry %d in %.1f s", target.chat_id, detail,
                         failures, delay)
                await wait(delay)

    async def edit_part(self, chat_id: int, message_id: int, text: str, *,
                        markup: Mapping[str, Any] | None) -> Outcome:
        """Edit an alert once, paced like a send; never retried (an edit is a courtesy).

        "Message is not modified" counts as done: the message already reads ``text``.
        """
        keyboard = InlineKeyboardMarkup.de_json(dict(markup), self.bot) if markup else None
        await self._keep_pace(chat_id)
        try:
            await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                             reply_markup=keyboard)
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return Outcome.SENT
            return Outcome.REJECTED
        except Forbidden:
            return Outcome.BLOCKED
        except TelegramError as error:
            log.info("edit of %s/%s failed: %s", chat_id, message_id, error)
            return Outcome.FAILED
        return Outcome.SENT

    async def _keep_pace(self, chat_id: int) -> None:
        now = self.monotonic()
        slot = max(now, self._next_slot.get(chat_id, now), self._next_overall)
        self._next_slot[chat_id] = slot + (self.pace if chat_id > 0 else self.group_pace)
        if self.overall_rate:
            self._next_overall = slot + 1.0 / self.overall_rate
        if slot > now:
            await self.sleep(slot - now)
