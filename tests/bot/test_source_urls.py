"""`/source add <url>` keeps one spelling per feed (issue 13: URL variants were two sources)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from digests.store.sources import SourceRepository
from tests.bot.conftest import BotWorld, open_world
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)


@pytest.fixture
async def admin_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    async with open_world(tmp_path, seeded_db, alice_is_admin=True,
                          fetch_allow_private_addresses=True) as opened:
        yield opened


async def test_two_spellings_of_a_feed_are_one_source(admin_world: BotWorld,
                                                      site: LocalSite) -> None:  # noqa: F811
    world = admin_world
    url = site.serve("/feed.xml", samples.rss(3), "application/rss+xml")
    spelled = url.replace("http://", "HTTP://") + "?utm_source=newsletter#top"
    [added] = await world.say(world.alice, f"/source add {spelled}")
    assert "3 new articles" in added.text
    [again] = await world.say(world.alice, f"/source add {url}")
    assert "0 new articles" in again.text
    repo = SourceRepository.for_store(world.services.news.store)
    assert [s.url for s in repo.list_sources()] == [url]
    [removed] = await world.say(world.alice, f"/source remove {url}#x")
    assert removed.text == "Removed."
    assert repo.list_sources() == []
    assert world.server.errors() == []
