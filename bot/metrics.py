"""The bot's Telegram-side measurements: every Bot API request and every handled update.

Requests are measured at the HTTP seam (`MeteredRequest`), so sends from handlers, jobs,
the error reporter and the delivery bot are all counted without a hook at each call site:
a 200 is a message sent, a 429 a rate limit with its `retry_after`, anything else a failure.
Updates are measured by wrapping each handler's callback (`metered`), named after its
command, so reply latency and errors are per command.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest, RequestData

from bot.context import Context
from digests.ops.metrics import Metrics

HandlerCallback = Callable[[Update, Context], Coroutine[Any, Any, None]]


def retry_after_of(payload: bytes) -> float | None:
    """The `parameters.retry_after` of a Bot API error answer, if it has one."""
    try:
        value = json.loads(payload).get("parameters", {}).get("retry_after")
    except (ValueError, AttributeError):
        return None
    return float(value) if isinstance(value, int | float) else None


class MeteredRequest(HTTPXRequest):
    """`HTTPXRequest` that reports each request's method and outcome to `metrics`."""

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metrics = metrics

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send as usual; count the answer (or the failure to get one)."""
        api_method = url.rsplit("/", 1)[-1]
        try:
            status, payload = await super().do_request(url, method, request_data,
                                                       *args, **kwargs)
        except Exception:
            self.metrics.telegram_request(api_method, "failed", None)
            raise
        if status == 429:
            self.metrics.telegram_request(api_method, "rate-limited", retry_after_of(payload))
        else:
            self.metrics.telegram_request(api_method, "ok" if status == 200 else "failed", None)
        return status, payload


def metered(name: str, callback: HandlerCallback) -> HandlerCallback:
    """The callback, reporting its outcome ("ok" or "error") and duration under `name`."""

    @functools.wraps(callback)
    async def handle(update: Update, context: Context) -> None:
        started = time.perf_counter()
        outcome = "error"
        try:
            await callback(update, context)
            outcome = "ok"
        finally:
            if context.bot_data.ready:
                context.bot_data.services.metrics.update_handled(
                    name, outcome, time.perf_counter() - started)

    return handle
