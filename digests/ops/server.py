"""The small operations server: `/metrics`, `/healthz`, `/readyz`, on loopback by default.

It runs on the process's own event loop (aiohttp), beside the bot's polling or webhook
server or `poll --forever`'s scheduler, so a blocked loop shows as a failed liveness probe.
Off unless `METRICS_PORT` is set; `METRICS_HOST` defaults to 127.0.0.1 because the
numbers (and the error details in `/readyz`) are for the operator, not the internet.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from digests.ops.health import Check, check_database, migration_heads, probe_engine
from digests.ops.prometheus import PrometheusMetrics
from digests.settings import Settings

log = logging.getLogger(__name__)
DATABASE_CHECK_SECONDS = 10.0


@dataclass
class Readiness:
    """What `/readyz` checks: the database, the schema, the Bot API at start-up, the jobs."""

    database_url: str
    metrics: PrometheusMetrics
    bot_api: bool | None = None
    """True once the Bot API answered at start-up; None where there is no Telegram."""
    _heads: set[str] = field(default_factory=set)

    async def checks(self) -> list[Check]:
        """Every check, the database ones off the event loop and bounded in time."""
        if not self._heads:
            self._heads = await asyncio.to_thread(migration_heads)
        found = await self._database()
        if self.bot_api is not None:
            found.append(Check("bot_api", self.bot_api,
                               "answered at start-up" if self.bot_api else "not reached"))
        found.extend(self.metrics.heartbeats.checks())
        return found

    async def _database(self) -> list[Check]:
        engine = probe_engine(self.database_url)
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(check_database, engine, self._heads),
                timeout=DATABASE_CHECK_SECONDS)
        except TimeoutError:
            return [Check("database", False, f"no answer in {DATABASE_CHECK_SECONDS:.0f} s"),
                    Check("migrations", False, "database not reachable")]
        finally:
            engine.dispose()


class OpsServer:
    """The aiohttp site serving the three endpoints; `start` and `stop` from the owner's loop."""

    def __init__(self, host: str, port: int, metrics: PrometheusMetrics,
                 readiness: Readiness) -> None:
        self.host = host
        self.port = port
        self.metrics = metrics
        self.readiness = readiness
        self._runner: web.AppRunner | None = None
        self._was_ready: bool | None = None

    @property
    def url(self) -> str:
        """The base URL, with the port actually bound (port 0 picks a free one)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Bind and serve; raises OSError when the address is taken."""
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        log.info("operations server on %s (/metrics /healthz /readyz)", self.url)

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.Response:
        body = await asyncio.to_thread(self.metrics.exposition)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _readyz(self, request: web.Request) -> web.Response:
        checks = await self.readiness.checks()
        ready = all(check.ok for check in checks)
        if ready != self._was_ready:  # one log line per change, not one per probe
            failing = [f"{c.name} ({c.detail})" for c in checks if not c.ok]
            if ready:
                log.info("ready")
            else:
                log.warning("not ready: %s", "; ".join(failing))
            self._was_ready = ready
        body = {"ready": ready,
                "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks}}
        return web.Response(text=json.dumps(body), status=200 if ready else 503,
                            content_type="application/json")


def build_ops_server(settings: Settings, metrics: PrometheusMetrics, *,
                     bot_api: bool | None = None) -> OpsServer | None:
    """The server the settings ask for, or None when `METRICS_PORT` is unset."""
    if settings.metrics_port is None:
        return None
    readiness = Readiness(settings.resolved_database_url(), metrics, bot_api=bot_api)
    return OpsServer(settings.metrics_host, settings.metrics_port, metrics, readiness)
