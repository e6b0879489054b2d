"""`newsdigest run` and `poll --forever` as processes, scraped over their operations port."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from bot.botapi import BotApiServer
from tests.bot.conftest import BOT_USERNAME, TOKEN
from tests.ops.scrape import get, scrape, total
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until(condition: Callable[[], Awaitable[bool]], timeout: float = 120.0) -> None:  # noqa: ASYNC109
    """Wait for `condition` (polled), failing after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.2)


async def answers(base: str) -> bool:
    try:
        status, _ = await get(base, "/healthz")
    except httpx.HTTPError:
        return False
    return status == 200


async def start(tmp_path: Path, env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from cli.main import main; main()", *args, cwd=tmp_path,
        env={**os.environ, **env}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)


async def stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return output.decode()


async def test_run_serves_metrics_health_and_readiness_while_it_answers(
        tmp_path: Path, seeded_db: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
        process = await start(tmp_path, {
            "TELEGRAM_BOT_TOKEN": TOKEN, "DATA_DIR": str(data),
            "TELEGRAM_API_BASE_URL": server.base_url, "METRICS_PORT": str(port),
            "LOG_FORMAT": "json"}, "run")
        try:
            await until(lambda: answers(base))
            status, body = await get(base, "/readyz")
            assert status == 200, body
            before = await scrape(base)
            alice = server.add_user("Alice", "alice")
            for text in ("/topics", "/summary russia china"):
                server.send_text(alice, alice, text)
            await server.wait_for_messages(alice.id, 2, timeout=120)

            async def counted() -> bool:
                after = await scrape(base)
                return total(after, "newsdigest_updates_total", outcome="ok") - total(
                    before, "newsdigest_updates_total", outcome="ok") == 2
            await until(counted)
            after = await scrape(base)
            assert total(after, "newsdigest_messages_sent_total") >= 2
            assert total(after, "newsdigest_reply_seconds_count", command="summary") == 1
        finally:
            output = await stop(process)
    assert process.returncode == 0, output[-2000:]
    assert TOKEN not in output
    assert '"message": "operations server on' in output  # JSON lines
    assert '"message": "stopped"' in output


async def test_poll_forever_serves_metrics_and_counts_polls(
        tmp_path: Path, site: LocalSite) -> None:  # noqa: F811
    url = site.serve("/feed", samples.rss(2), "application/rss+xml")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"DATA_DIR": str(tmp_path / "data"), "METRICS_PORT": str(port),
           "FETCH_ALLOW_PRIVATE_ADDRESSES": "true"}
    added = await start(tmp_path, env, "sources", "add", url)
    assert await added.wait() == 0
    process = await start(tmp_path, env, "poll", "--forever", "--every", "3600")
    try:
        async def polled() -> bool:
            if not await answers(base):
                return False
            found = await scrape(base)
            return total(found, "newsdigest_feed_polls_total", outcome="updated") == 1
        await until(polled)
        found = await scrape(base)
        assert total(found, "newsdigest_articles_ingested_total", outcome="added") == 2
        status, body = await get(base, "/readyz")
        assert status == 200, body
        checks = body["checks"]
        assert isinstance(checks, dict)
        assert "bot_api" not in checks  # no Telegram in this process
        assert checks["scheduler:poll"]["ok"] is True
    finally:
        output = await stop(process)
    assert process.returncode == 0, output[-2000:]
    assert "stopped" in output


async def test_a_taken_metrics_port_is_one_line_and_exit_status_1(
        tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
            process = await start(tmp_path, {
                "TELEGRAM_BOT_TOKEN": TOKEN, "DATA_DIR": str(tmp_path / "data"),
                "TELEGRAM_API_BASE_URL": server.base_url, "METRICS_PORT": str(port)}, "run")
            output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    last = output.decode().strip().splitlines()[-1]
    assert process.returncode == 1, output.decode()[-2000:]
    assert last.startswith("newsdigest: error:")
    assert str(port) in last
