"""The alert counters, scraped from `/metrics` while the real bot alerts and edits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from digests.ops.server import OpsServer
from tests.alerts.test_service import QUAKE, QUAKE_2
from tests.bot.conftest import BotWorld, open_measured_world
from tests.bot.test_alerts import run_alert_job
from tests.ops.scrape import scrape, total


@pytest.fixture
async def measured(tmp_path: Path,
                   seeded_db: Path) -> AsyncIterator[tuple[BotWorld, OpsServer]]:
    async with open_measured_world(tmp_path, seeded_db) as opened:
        yield opened


async def test_alerts_sent_and_edited_are_counted(
        measured: tuple[BotWorld, OpsServer]) -> None:
    world, ops = measured
    await world.say(world.alice, "/alert earthquake")
    before = await scrape(ops.url)
    mark = len(world.server.sent_messages(world.alice.id))
    news = world.services.news
    news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    await run_alert_job(world)
    news.ingest_text(QUAKE_2, source="Paper B", title="Chile hit by 7.1 earthquake")
    await run_alert_job(world)
    await run_alert_job(world)  # nothing new: counted once
    [alert] = world.server.sent_messages(world.alice.id)[mark:]
    assert alert.edits == 1
    after = await scrape(ops.url)

    def moved(name: str) -> float:
        return total(after, name) - total(before, name)

    assert moved("newsdigest_alerts_sent_total") == 1
    assert moved("newsdigest_alerts_edited_total") == 1
    assert world.server.errors() == []
