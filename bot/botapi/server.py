"""The local Bot API server: real HTTP on 127.0.0.1, routed like ``api.telegram.org``.

``POST /bot<token>/<method>`` with a query string, a form (python-telegram-bot's way), multipart or
a JSON body.  Every answer has Telegram's shape and an HTTP status equal to ``error_code``, which
is what python-telegram-bot maps its exceptions from.  Method names are case-insensitive, as in
Telegram.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from bot.botapi.errors import ApiError, bad_request, method_not_found, server_error, unauthorized
from bot.botapi.limits import Clock, FloodLimiter, FloodPolicy
from bot.botapi.membership import Membership
from bot.botapi.methods import HANDLERS, Context, Records
from bot.botapi.models import User
from bot.botapi.observe import Observer, RequestRecord
from bot.botapi.params import decode
from bot.botapi.spec import load_spec
from bot.botapi.world import World
from digests.digits import parse_ascii_int

JsonDict = dict[str, Any]


class BotApiServer(Membership, Observer):
    """A strict, scriptable Telegram for one bot.

    Args:
        token: The only token accepted; its number before ``:`` is the bot's user id.
        bot_username: The bot's username (without ``@``).
        bot_name: The bot's first name.
        flood_limits: Answer 429 like Telegram when the bot sends too fast.
        flood_policy: The limits used when ``flood_limits`` is on.
        monotonic: Clock for flood control (inject a fake one to test limits without sleeping).
        clock: Wall clock for message dates.
        spec_path: Bot API catalogue to validate against (default: shared file or packaged copy).
        host: Interface to listen on; loopback by default.
        port: Port; 0 picks a free one.
        log_requests: Keep :attr:`requests` (turn off for long benchmarks).

    Example:
        async with BotApiServer() as server:
            bot = Bot(server.token, base_url=server.base_url)
    """

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "newsdigest_bot",
        *,
        bot_name: str = "News Digest",
        flood_limits: bool = False,
        flood_policy: FloodPolicy | None = None,
        monotonic: Clock = time.monotonic,
        clock: Clock = time.time,
        spec_path: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        log_requests: bool = True,
    ) -> None:
        bot_id = parse_ascii_int(token.split(":", 1)[0]) or 123456
        self.token = token
        self.world = World(
            User(bot_id, bot_name, bot_username, is_bot=True, language_code=None), clock
        )
        self.limiter = FloodLimiter(flood_policy or FloodPolicy(), monotonic, flood_limits)
        self.records = Records()
        self.requests: list[RequestRecord] = []
        self.abandoned = 0
        """Requests whose client disconnected before the request was read."""
        self.log_requests = log_requests
        self._marks: dict[int, int] = {}
        self._spec = load_spec(spec_path)
        self._names = {name.lower(): name for name in self._spec.methods}
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None

    @property
    def bot(self) -> User:
        """The bot's own user."""
        return self.world.bot

    @property
    def url(self) -> str:
        """Root URL of the running server, e.g. ``http://127.0.0.1:45123``."""
        if self._runner is None:
            raise RuntimeError("server is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url``: requests go to ``{base_url}{token}/{method}``."""
        return f"{self.url}/bot"

    @property
    def api_url(self) -> str:
        """Full method prefix including the token, e.g. for raw httpx calls."""
        return f"{self.base_url}{self.token}/"

    async def start(self) -> str:
        """Listen on a free loopback port and return :attr:`base_url`."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self._port = int(sockets[0].getsockname()[1]) if sockets else self._port
        return self.base_url

    async def stop(self) -> None:
        """Release long polls and close the listener."""
        self.world.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.Response:
        try:
            raw = await _read_params(request)
        except ConnectionResetError:
            # The client went away before sending its whole request (a cancelled call, e.g.
            # the long poll of a bot that is stopping): nobody is left to answer or to blame.
            self.abandoned += 1
            await self.records.notify()
            return web.Response(status=499)
        except ApiError as error:
            if self.log_requests:
                name = self._names.get(request.match_info["method"].lower(), "")
                self.requests.append(RequestRecord(name, {}, error.code, error.description))
            return web.json_response(error.to_json(), status=error.code)
        return await self._answer(request, raw)

    async def _answer(self, request: web.Request, raw: JsonDict) -> web.Response:
        """Call the method with its decoded parameters; errors become Telegram's answers."""
        method = request.match_info["method"]
        params: JsonDict = raw
        try:
            result = await self._call(request.match_info["token"], method, raw)
            body: JsonDict = {"ok": True, "result": result}
            status, description = 200, None
        except ApiError as error:
            body, status, description = error.to_json(), error.code, error.description
        gone = request.transport is None or request.transport.is_closing()
        if self.log_requests and not gone:  # an abandoned long poll is nobody's error
            name = self._names.get(method.lower(), method)
            self.requests.append(RequestRecord(name, params, status, description))
        return web.json_response(body, status=status)

    async def _call(self, token: str, method: str, raw: JsonDict) -> Any:
        if token != self.token:
            raise unauthorized()
        name = self._names.get(method.lower())
        if name is None:
            raise method_not_found()
        self._maybe_fail(name)
        params = decode(self._spec.methods[name], raw)
        handler = HANDLERS.get(name)
        if handler is None:
            raise bad_request(f"method {name} is not supported by the local Bot API server")
        return await handler(Context(self.world, self.limiter, self.records), params)

    def _maybe_fail(self, name: str) -> None:
        for failure in self.records.failures:
            method, code, remaining = failure
            if remaining > 0 and method in (None, name):
                failure[2] -= 1
                raise server_error(code)


async def _read_params(request: web.Request) -> JsonDict:
    """Merge query parameters with a JSON, form or multipart body."""
    raw: JsonDict = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return raw
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.text())
        except ValueError:
            raise bad_request("can't parse JSON encoded request") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        raw.update(body)
    else:
        form = await request.post()
        for key, value in form.items():
            raw[key] = value if isinstance(value, str) else "<file>"
    return raw
