"""A local Bot API server that misbehaves on purpose: lost answers, resets, 5xx, long 429s.

`FaultyBotApiServer` is `BotApiServer` with a fault plan consulted for every ``sendMessage``.
Each fault is one a real client meets in production, placed where it matters for
delivery guarantees:

- ``slow``: the message is processed, the answer comes ``seconds`` later;
- ``lost``: the message is processed, then the connection is dropped (the client never
  learns it was sent);
- ``reset``: the connection is dropped before the request is processed (nothing sent, but
  the client cannot tell the difference from ``lost``);
- ``error``: a 5xx answer, nothing processed;
- ``retry_after``: a 429 with that ``retry_after``, nothing processed.

Errors keep HTTP status = ``error_code``, as python-telegram-bot maps exceptions by status.
``faults`` counts what was injected, so a benchmark can report it next to what arrived.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.botapi.errors import ApiError, server_error, too_many_requests
from bot.botapi.server import BotApiServer

JsonDict = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Fault:
    """One injected fault: its kind and its number (seconds, status or retry_after)."""

    kind: str  # slow | lost | reset | error | retry_after
    value: float = 0.0


Plan = Callable[[JsonDict], Fault | None]
"""Given a ``sendMessage``'s parameters, the fault to inject (None: behave)."""


class FaultyBotApiServer(BotApiServer):
    """`BotApiServer` whose ``sendMessage`` follows a fault plan (settable at any time)."""

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan: Plan | None = plan
        self.faults: collections.Counter[str] = collections.Counter()

    async def _answer(self, request: web.Request, raw: JsonDict) -> web.Response:
        if self.plan is None or request.match_info["method"].lower() != "sendmessage":
            return await super()._answer(request, raw)
        fault = self.plan(raw)
        if fault is None:
            return await super()._answer(request, raw)
        self.faults[fault.kind] += 1
        if fault.kind in ("error", "retry_after"):
            error: ApiError = (server_error(int(fault.value)) if fault.kind == "error"
                               else too_many_requests(int(fault.value)))
            return web.json_response(error.to_json(), status=error.code)
        if fault.kind == "reset":
            return _drop(request)
        response = await super()._answer(request, raw)
        if fault.kind == "lost":
            return _drop(request)
        await asyncio.sleep(fault.value)  # slow
        return response


def _drop(request: web.Request) -> web.Response:
    """Close the connection without an answer (the client sees it closed or reset)."""
    if request.transport is not None:
        request.transport.abort()
    raise asyncio.CancelledError  # aiohttp stops handling this request quietly
