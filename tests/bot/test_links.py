"""Links and feed sources through the real bot, the local Bot API server and a local site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import CallbackContext

from bot.jobs_feeds import poll_feeds
from digests.store.sources import SourceRepository
from tests.bot.conftest import BotWorld, open_world
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)

ARTICLE = samples.article_text(21)


@pytest.fixture
async def web_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    """The bot with the test allowance on and Alice as its admin."""
    async with open_world(tmp_path, seeded_db, alice_is_admin=True,
                          fetch_allow_private_addresses=True, feed_max_failures=1) as opened:
        yield opened


async def test_pasted_link_is_fetched_and_summarized(web_world: BotWorld,
                                                     site: LocalSite) -> None:  # noqa: F811
    url = site.serve("/bridge", samples.page("Bridge reopens after repairs", ARTICLE))
    [reply] = await web_world.say(web_world.alice, f"Look at this: {url}?utm_source=tg.")
    assert "Bridge reopens after repairs" in reply.text
    assert "sentences" in reply.text
    [again] = await web_world.say(web_world.alice, f"/summary {url}")
    assert "Bridge reopens after repairs" in again.text
    assert len(site.hits("/bridge")) == 1  # the second link was recognised as stored
    assert web_world.server.errors() == []


@pytest.mark.parametrize(("path", "body", "content_type", "expected"), [
    ("/logo.png", b"\x89PNG\x00\x00", "image/png", "not an HTML, XML or text page"),
    ("/huge", b"<p>" + b"x" * 6_000_000, "text/html", "too large"),
    ("/feed.xml", samples.rss(1).encode(), "application/rss+xml", "not an HTML page"),
])
async def test_refusals_are_explained(web_world: BotWorld, site: LocalSite,  # noqa: F811
                                      path: str, body: bytes, content_type: str,
                                      expected: str) -> None:
    url = site.serve(path, body, content_type)
    [reply] = await web_world.say(web_world.alice, f"/summary {url}")
    assert reply.text.startswith("I couldn't summarize that link")
    assert expected in reply.text


async def test_private_addresses_refused_by_default(world: BotWorld,
                                                    site: LocalSite) -> None:  # noqa: F811
    url = site.serve("/bridge", samples.page("Bridge", ARTICLE))
    [reply] = await world.say(world.alice, url)
    assert "not a public address" in reply.text
    [reply] = await world.say(world.alice, "/summary http://169.254.169.254/latest/meta-data")
    assert "not a public address" in reply.text
    assert site.seen == []


async def test_admin_adds_lists_and_removes_a_feed(web_world: BotWorld,
                                                   site: LocalSite) -> None:  # noqa: F811
    url = site.serve("/feed", samples.rss(3), "application/rss+xml")
    [reply] = await web_world.say(web_world.bob, f"/source add {url}", user=web_world.bob)
    assert "Only the bot's administrators" in reply.text
    [reply] = await web_world.say(web_world.alice, f"/source add {url}")
    assert reply.text == "Added: 3 entries, 3 new articles."
    [reply] = await web_world.say(web_world.alice, "/sources")
    assert "Example News" in reply.text
    assert "3 entries" in reply.text
    assert "next check in 15 min" in reply.text
    secret = url + "?token=s3cret"
    await web_world.say(web_world.alice, f"/source add {secret}")
    [reply] = await web_world.say(web_world.bob, "/sources", user=web_world.bob)
    assert "s3cret" not in reply.text
    [reply] = await web_world.say(web_world.alice, "/sources")
    assert "s3cret" in reply.text
    await web_world.say(web_world.alice, f"/source remove {secret}")
    [reply] = await web_world.say(web_world.alice, f"/source remove {url}")
    assert reply.text == "Removed."
    [reply] = await web_world.say(web_world.alice, "/sources")
    assert "No feed sources yet" in reply.text


#: English texts of /sources, /source and /post that a Russian chat used to read.
ENGLISH_SOURCES = ("Added", "entries", "new articles", "Removed", "No such source",
                   "last success", "next check", "Only the bot's administrators", "Usage",
                   "No feed sources", "No channel sources", "not a channel", "can't find",
                   "That is not", "Only administrators")


async def test_a_russian_admin_manages_sources_in_russian(web_world: BotWorld,
                                                          site: LocalSite) -> None:  # noqa: F811
    web_world.alice.language_code = "ru"  # before the first contact: the chat reads Russian
    web_world.bob.language_code = "ru"
    url = site.serve("/feed", samples.rss(3), "application/rss+xml")
    replies = {
        "/sources": "Лент-источников пока нет",
        f"/source add {url}": "Добавлено: 3 записи, 3 новые статьи.",
        "/source list": "Каналов-источников пока нет",
        "/source move http://example.com/": "Как использовать",
        "/source add ftp://example.com/": "Как использовать",
        f"/source remove {url}x": "Такого источника нет.",
        "/source add @nosuchchannel": "Не нахожу @nosuchchannel",
        "/post": "Как использовать",
        "/post russia-china @nosuchchannel": "Не нахожу @nosuchchannel",
    }
    shown = []
    for command, russian in replies.items():
        [reply] = await web_world.say(web_world.alice, command)
        assert russian in reply.text, (command, reply.text)
        shown.append(reply.text)
    [listing] = await web_world.say(web_world.alice, "/sources")
    assert "последний успех" in listing.text
    assert "3 записи" in listing.text
    assert "следующая проверка через 15 мин" in listing.text
    [removed] = await web_world.say(web_world.alice, f"/source remove {url}")
    assert removed.text == "Удалено."
    [refused] = await web_world.say(web_world.bob, f"/source add {url}", user=web_world.bob)
    assert "только администраторы бота" in refused.text
    [group] = await web_world.say(web_world.group, "/post russia-china", user=web_world.bob)
    for text in (*shown, listing.text, removed.text, refused.text):
        assert [phrase for phrase in ENGLISH_SOURCES if phrase in text] == [], text
    assert group.text == "Публиковать дайджесты в этот чат могут только его администраторы."


async def test_channel_arguments_go_to_the_channel_handler(web_world: BotWorld) -> None:
    [reply] = await web_world.say(web_world.alice, "/source add @nosuchchannel")
    assert "URL" not in reply.text
    assert "nosuchchannel" in reply.text


async def test_job_tells_the_admin_once_when_a_feed_is_paused(
        web_world: BotWorld, site: LocalSite) -> None:  # noqa: F811
    url = site.serve("/gone", "gone", "text/plain", status=410)
    repo = SourceRepository.for_store(web_world.services.news.store)
    repo.add(url, added_by=web_world.alice.id)
    assert [j.name for j in web_world.app.job_queue.jobs()].count("poll-feeds") == 1
    context = CallbackContext(web_world.app)
    await poll_feeds(context)  # type: ignore[arg-type]
    [notice] = await web_world.server.wait_for_messages(web_world.alice.id, 1, timeout=10)
    assert "is paused after 1 failed check in a row" in notice.text
    assert "410" in notice.text
    await poll_feeds(context)  # type: ignore[arg-type]
    assert len(site.hits("/gone")) == 1


async def test_a_russian_admin_reads_that_a_feed_is_paused_in_russian(
        web_world: BotWorld, site: LocalSite) -> None:  # noqa: F811
    web_world.alice.language_code = "ru"
    await web_world.say(web_world.alice, "/start")  # her chat with the bot now reads Russian
    url = site.serve("/gone", "gone", "text/plain", status=410)
    repo = SourceRepository.for_store(web_world.services.news.store)
    repo.add(url, added_by=web_world.alice.id)
    since = web_world.mark()
    await poll_feeds(CallbackContext(web_world.app))  # type: ignore[arg-type]

    def notice() -> str | None:
        sent = [m.text for m in web_world.server.records.sent[since:]
                if m.chat_id == web_world.alice.id]
        return sent[0] if sent else None

    text = await web_world.server.wait_until(notice, 10)
    assert text.startswith("Лента")
    assert "приостановлена после 1 неудачной проверки подряд" in text
    assert "Последняя ошибка: сервер ответил кодом 410" in text
    assert f"Чтобы возобновить её, отправьте /source add {url}" in text
    english = ("Feed", "paused", "failed", "Last error", "the server answered", "Gone",
               "to resume")
    assert [phrase for phrase in english if phrase in text] == [], text
