"""A real HTTP server on 127.0.0.1 serving feeds and pages, and settings that may reach it.

Tests register responses per path; the server records every request it received (path
and headers), so tests can assert on what was sent — conditional headers, User-Agent,
how many requests — without mocking any of our code.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from digests.settings import Settings
from digests.store import SqlStore, open_store
from digests.store.sources import SourceRepository
from tests.store.conftest import FixedClock

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


@dataclass
class LocalSite:
    """Routes by path; `url(path)` is the absolute URL on the running server."""

    base: str = ""
    handlers: dict[str, Handler] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.handlers[path] = handler
        return self.url(path)

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html",
              *, status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode() if isinstance(body, str) else body

        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(body=data, status=status,
                                headers={"Content-Type": content_type, **(headers or {})})

        return self.route(path, handler)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        return self.route(path, handler)

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path.split("?")[0] == path]

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        self.seen.append(Seen(request.path_qs, dict(request.headers)))
        handler = self.handlers.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)


@pytest.fixture
async def site() -> AsyncIterator[LocalSite]:
    local = LocalSite()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", local.dispatch)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = runner.addresses[0][1]
    local.base = f"http://127.0.0.1:{port}"
    try:
        yield local
    finally:
        await runner.cleanup()


@pytest.fixture
def local_settings(tmp_path: Path) -> Settings:
    """Settings that may fetch from 127.0.0.1 — the test allowance, set explicitly."""
    return Settings(_env_file=None, data_dir=tmp_path / "data",  # type: ignore[call-arg]
                    fetch_allow_private_addresses=True, fetch_max_bytes=200_000,
                    fetch_timeout_seconds=5.0, feed_max_failures=3)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def web_store(local_settings: Settings, clock: FixedClock) -> Iterator[SqlStore]:
    opened = open_store(local_settings.resolved_database_url(), clock=clock)
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


@pytest.fixture
def repo(web_store: SqlStore) -> SourceRepository:
    return SourceRepository.for_store(web_store)
