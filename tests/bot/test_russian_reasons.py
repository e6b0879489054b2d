"""A Russian chat reads why a link or a feed failed in Russian, through the local Bot API.

The reasons come from the core as English texts (stored as a feed's last error too); the
bot shows them in the chat's language. A server's own words (an unknown status phrase)
stay as the server said them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.conftest import BotWorld, open_world
from tests.bot.test_chats import eventually
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)

#: The core's English reasons a Russian chat used to read inside a Russian frame.
ENGLISH_REASONS = ("the server answered", "Not Found", "could not connect", "web page",
                   "All connection attempts", "not an HTML", "not an RSS", "malformed",
                   "refused", "not a public address", "timed out", "too large", "last error")


def english_reasons(text: str) -> list[str]:
    """The English reason texts found in `text`."""
    return [phrase for phrase in ENGLISH_REASONS if phrase in text]


@pytest.fixture
async def web_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    """The bot fetching from the local site, Alice (Russian) as its admin."""
    async with open_world(tmp_path, seeded_db, alice_is_admin=True,
                          fetch_allow_private_addresses=True) as opened:
        opened.alice.language_code = "ru"  # before the first contact: the chat reads Russian
        yield opened


async def test_link_and_feed_failures_read_in_russian(web_world: BotWorld,
                                                      site: LocalSite) -> None:  # noqa: F811
    missing = site.url("/gone")  # the local site answers 404 for anything not served
    picture = site.serve("/logo.png", b"\x89PNG\x00\x00", "image/png")
    page = site.serve("/page", samples.page("Bridge", samples.article_text(3)))
    feed = site.url("/news/rss.xml")
    home = site.serve("/home", samples.page("Home", samples.article_text(3)).replace(
        "</head>", '<link rel="alternate" type="application/rss+xml" href="news/rss.xml"></head>'))
    replies = {
        f"/summary {missing}": "сервер ответил кодом 404 (не найдено)",
        f"/summary {picture}": "это не страница HTML, XML или текст (image/png)",
        "/summary http://127.0.0.1:9/": "не удалось подключиться",
        f"/source add {missing}": "первая проверка не удалась: сервер ответил кодом 404",
        f"/source add {page}": "первая проверка не удалась: это веб-страница, а не лента RSS "
                               "или Atom.",
        f"/source add {home}": "это веб-страница, а не лента RSS или Atom; сама страница "
                               f"ссылается на свою ленту: {feed}",
        "/sources": "последняя ошибка",
    }
    shown = []
    for command, russian in replies.items():
        said = await web_world.say(web_world.alice, command)
        text = "\n".join(m.text for m in said)
        assert russian in text, (command, text)
        shown.append(text)
    for text in shown:
        assert english_reasons(text) == [], text
    listing = shown[-1]  # neither feed has a title: each is headed by its URL, shown once
    assert listing.count(missing) == 1, listing
    assert listing.count(page) == 1, listing


async def test_a_private_address_is_refused_in_russian(world: BotWorld) -> None:
    world.alice.language_code = "ru"
    [reply] = await world.say(world.alice, "/summary http://169.254.169.254/latest/meta-data")
    assert "отказ: 169.254.169.254 — не публичный адрес" in reply.text
    assert english_reasons(reply.text) == []


async def test_why_a_channels_digest_is_paused_reads_in_russian(world: BotWorld) -> None:
    world.alice.language_code = "ru"
    channel = world.server.add_chat("channel", "Wire", username="wire", owner=world.alice)
    await world.say(world.alice, "/subscribe @wire russia-china 08:00")
    world.server.set_bot_membership(channel, "member", world.alice)  # can no longer post
    manage = world.services.subscriptions
    await eventually(lambda: manage.for_chat(channel.id)[0].paused)
    [listing] = await world.say(world.alice, "/subscriptions @wire")
    assert "бот лишён прав администратора" in listing.text
    assert "membership" not in listing.text


async def test_a_host_that_does_not_resolve_reads_in_russian(web_world: BotWorld) -> None:
    # ".invalid" never resolves (RFC 6761): the system resolver's failure, with no network.
    replies = {
        "/summary http://nothing.invalid/story": "сервер nothing.invalid не найден в DNS",
        "/source add http://nothing.invalid/feed.xml": "первая проверка не удалась: "
                                                       "сервер nothing.invalid не найден в DNS",
    }
    for command, russian in replies.items():
        said = await web_world.say(web_world.alice, command)
        text = "\n".join(m.text for m in said)
        assert russian in text, (command, text)
        assert english_reasons(text) == [], text
        assert "cannot resolve" not in text
