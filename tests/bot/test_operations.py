"""Metrics and readiness of the real bot, scraped over HTTP while it works.

The bot runs against the local Bot API server and a local web site; the operations server
is scraped as Prometheus would and parsed with prometheus-client's own text parser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from digests.ops.server import OpsServer
from tests.bot.conftest import BotWorld, open_measured_world
from tests.bot.test_subscriptions import delivery_service, next_run, run_job
from tests.ops.scrape import get, scrape, total, value
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)


@pytest.fixture
async def measured(tmp_path: Path,
                   seeded_db: Path) -> AsyncIterator[tuple[BotWorld, OpsServer]]:
    async with open_measured_world(tmp_path, seeded_db, alice_is_admin=True,
                                   fetch_allow_private_addresses=True) as opened:
        yield opened


async def test_counters_move_with_commands_deliveries_polls_and_ingests(
        measured: tuple[BotWorld, OpsServer], site: LocalSite) -> None:  # noqa: F811
    world, ops = measured
    before = await scrape(ops.url)
    await world.say(world.alice, "/summary russia china")
    mark = world.mark()
    world.server.send_text(world.alice, world.alice, "/digest russia-china")
    await world.wait_for_digest(world.alice.id, mark)
    await world.say(world.alice, "/nosuchcommand")
    url = site.serve("/feed", samples.rss(3), "application/rss+xml")
    [added] = await world.say(world.alice, f"/source add {url}")
    assert "3 new articles" in added.text
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    await world.say(world.alice, f"/subscribe russia-china {at}")
    when = next_run(world.services, world.alice.id)
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    await run_job(world.app)
    after = await scrape(ops.url)

    def moved(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    assert moved("newsdigest_updates_total", command="summary", outcome="ok") == 1
    assert moved("newsdigest_updates_total", command="digest", outcome="ok") == 1
    assert moved("newsdigest_updates_total", command="unknown_command", outcome="ok") == 1
    assert moved("newsdigest_reply_seconds_count", command="summary") == 1
    assert moved("newsdigest_messages_sent_total", method="sendMessage") >= 6
    assert moved("newsdigest_feed_polls_total", outcome="updated") == 1
    assert moved("newsdigest_feed_fetch_seconds_count") == 1
    assert moved("newsdigest_articles_ingested_total", outcome="added") == 3
    assert moved("newsdigest_deliveries_total", status="sent") == 1
    assert moved("newsdigest_digests_composed_total") >= 2  # /digest and the delivery
    assert moved("newsdigest_digest_compose_seconds_count") >= 2
    assert moved("newsdigest_db_query_seconds_count", operation="select") > 0
    assert moved("newsdigest_db_query_seconds_count", operation="insert") > 0
    assert value(after, "process_resident_memory_bytes") > 10_000_000
    assert world.server.errors() == []


async def test_rejected_ingests_are_counted_by_reason(
        measured: tuple[BotWorld, OpsServer]) -> None:
    world, ops = measured
    from digests.models import ArticleDraft

    store = world.services.news.store
    from digests.ingest import ingest_draft

    ingest_draft(store, ArticleDraft(title="x" * 10, text="y" * 500_000, source="t"),
                 world.services.settings)
    after = await scrape(ops.url)
    assert value(after, "newsdigest_articles_rejected_total", reason="too large") == 1
    assert value(after, "newsdigest_articles_ingested_total", outcome="rejected") == 1


async def test_readyz_turns_unready_when_the_database_goes_and_back_when_it_returns(
        measured: tuple[BotWorld, OpsServer]) -> None:
    world, ops = measured
    status, body = await get(ops.url, "/healthz")
    assert (status, body) == (200, {"status": "ok"})
    status, body = await get(ops.url, "/readyz")
    assert status == 200, body
    assert body["ready"] is True
    database = Path(str(world.services.settings.resolved_database_url()).removeprefix(
        "sqlite:///"))
    aside = database.with_suffix(".aside")
    # chmod 000 does not stop root (these tests may run as root): move the file away.
    shutil.move(database, aside)
    try:
        status, body = await get(ops.url, "/readyz")
        assert status == 503
        checks = body["checks"]
        assert isinstance(checks, dict)
        assert checks["database"]["ok"] is False
        assert database.name not in os.listdir(database.parent)  # the probe never creates it
    finally:
        shutil.move(aside, database)
    status, body = await get(ops.url, "/readyz")
    assert status == 200, body
