"""/sources never shows a feed's credentials to anyone but the bot's admins (issue 13.11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.render.sources import public_url
from digests.store.sources import SourceRepository
from tests.bot.conftest import open_world

PLAIN = "http://feeds.example.org/feed.xml"
SECRET = "http://reader:hunter2@feeds.example.org/feed.xml?key=s3cret"


def test_public_url_drops_userinfo_query_and_fragment() -> None:
    assert public_url("http://user:pw@host/feed.xml?token=1#top") == "http://host/feed.xml"
    assert public_url("https://host:8080/rss") == "https://host:8080/rss"
    assert public_url("http://a@b@host/x") == "http://host/x"


async def test_feed_credentials_are_shown_to_admins_only(tmp_path: Path,
                                                        seeded_db: Path) -> None:
    async with open_world(tmp_path, seeded_db, alice_is_admin=True) as world:
        repo = SourceRepository.for_store(world.services.news.store)
        source = repo.add(SECRET, added_by=world.alice.id)
        later = datetime.now(UTC) + timedelta(days=1)  # not polled during the test
        repo.record_failure(source.id, error=f"HTTP 401 from {SECRET}", next_check=later,
                            pause=False)
        [shown] = await world.say(world.bob, "/sources", user=world.bob)
        for leak in ("reader", "hunter2", "s3cret"):
            assert leak not in shown.text
        assert PLAIN in shown.text
        assert "HTTP 401" in shown.text
        [whole] = await world.say(world.alice, "/sources")
        assert "hunter2" in whole.text
        assert "s3cret" in whole.text
