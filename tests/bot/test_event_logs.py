"""One log line per event, its fields as JSON keys (LOG_FORMAT=json) or key=value (issue 17.5).

The real bot against the local Bot API and a local feed, logging through the formatter and
token filter `newsdigest run` installs; the lines are read back from its stream.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackContext

from bot.jobs_feeds import poll_feeds
from bot.logsafe import configure_logging
from digests.alerts.service import AlertService
from digests.ops.logformat import event_fields
from digests.store.sources import SourceRepository
from tests.alerts.test_service import QUAKE, QUAKE_2
from tests.bot.conftest import TOKEN, BotWorld, open_world
from tests.bot.test_alerts import alert_service, one_item_feed
from tests.bot.test_subscriptions import delivery_service, next_run, run_job
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Root logging as `run` sets it up with LOG_FORMAT=json, into a buffer."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("INFO", TOKEN, stream, json_format=True)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
async def web_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    async with open_world(tmp_path, seeded_db, alice_is_admin=True,
                          fetch_allow_private_addresses=True,
                          alert_interval_seconds=3600.0) as opened:
        yield opened


def _events(stream: io.StringIO, message: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line]
    return [line for line in lines if line["message"].startswith(message)]


async def test_a_poll_and_a_delivery_log_their_fields_as_json(
        web_world: BotWorld, site: LocalSite, json_log: io.StringIO) -> None:  # noqa: F811
    world = web_world
    url = site.serve("/feed.xml", samples.rss(3), "application/rss+xml")
    secret = url.replace("://", "://reader:s3cret@") + "?key=s3cret"
    [added] = await world.say(world.alice, f"/source add {secret}")
    assert "3 new articles" in added.text
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    await world.say(world.alice, f"/subscribe russia-china {at}")
    when = next_run(world.services, world.alice.id)
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    await run_job(world.app)

    [poll] = _events(json_log, "feed updated")
    source = SourceRepository.for_store(world.services.news.store).find(secret)
    assert source is not None
    assert (poll["source"], poll["outcome"], poll["entries"], poll["new_entries"]) == (
        source.id, "updated", 3, 3)
    assert poll["url"] == url  # no password, no query: feed URLs carry secrets there
    assert 0 <= poll["duration"] < 30
    assert poll["level"] == "INFO"
    assert poll["logger"] == "digests.web.poller"
    [delivery] = _events(json_log, "delivery sent")
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    assert (delivery["chat"], delivery["subscription"], delivery["outcome"],
            delivery["attempt"]) == (world.alice.id, sub.id, "sent", 1)
    assert delivery["period"].startswith(when.astimezone(UTC).strftime("%Y-%m-%d"))
    assert "s3cret" not in json_log.getvalue()
    assert TOKEN not in json_log.getvalue()


async def test_an_alert_logs_sent_then_edited(
        web_world: BotWorld, site: LocalSite, json_log: io.StringIO) -> None:  # noqa: F811
    world = web_world
    await world.say(world.alice, "/alert earthquake")
    repo = SourceRepository.for_store(world.services.news.store)
    repo.add(one_item_feed(site, "wire", "Earthquake strikes Chile", QUAKE),
             added_by=world.alice.id)
    service: AlertService = alert_service(world)
    await poll_feeds(CallbackContext(world.app))  # type: ignore[arg-type]
    await service.run_once()
    repo.add(one_item_feed(site, "paper", "Chile hit by 7.1 earthquake", QUAKE_2),
             added_by=world.alice.id)
    await poll_feeds(CallbackContext(world.app))  # type: ignore[arg-type]
    await service.run_once()
    [sent] = _events(json_log, "alert sent")
    [edited] = _events(json_log, "alert edited")
    assert (sent["chat"], sent["outcome"]) == (world.alice.id, "sent")
    assert sent["story"].startswith("story:")
    assert (edited["chat"], edited["story"], edited["outcome"]) == (
        world.alice.id, sent["story"], "edited")
    assert edited["subscription"] == sent["subscription"]


def test_a_token_in_an_event_field_is_redacted_in_both_formats() -> None:
    for json_format in (True, False):
        stream = io.StringIO()
        handler = configure_logging("INFO", TOKEN, stream, json_format=json_format)
        try:
            logging.getLogger("tests.event_logs").warning(
                "send failed", extra=event_fields(
                    chat=5, error=f"POST https://api.telegram.org/bot{TOKEN}/sendMessage: 502"))
        finally:
            logging.getLogger().removeHandler(handler)
        text = stream.getvalue()
        assert TOKEN not in text
        assert TOKEN.split(":")[1] not in text
        assert "bot<token>/sendMessage" in text
        if json_format:
            assert json.loads(text)["chat"] == 5
        else:
            assert text.rstrip().endswith(
                'chat=5 error="POST https://api.telegram.org/bot<token>/sendMessage: 502"')
