"""Commands a new user tries first (issue 12), through the local Bot API server."""

from __future__ import annotations

from typing import Any

from bot.render import subscribe_data
from tests.bot.conftest import BOT_USERNAME, BotWorld


async def test_the_bell_keeps_an_existing_subscription(world: BotWorld) -> None:
    await world.say(world.alice, "/subscribe russia-china 08:23")
    await world.say(world.alice, "/digest russia-china 100000d")
    data = subscribe_data("russia-china")

    def with_button() -> Any:
        return next((m for m in world.server.sent_messages(world.alice.id)
                     if any(b.get("callback_data") == data for b in m.buttons)), None)

    digest = await world.server.wait_until(with_button, 60)
    query = world.server.press_button(digest, data, world.alice)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert answer["text"] == "Already subscribed to Russia–China relations: daily at 08:23."
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    assert sub.time_of_day == "08:23"


async def test_a_period_wider_than_the_news_shows_the_span_of_the_matches(
        world: BotWorld) -> None:
    # Issue 12's "header range starting 1753-02-19", fixed for the CLI, was still in the
    # bot: "/digest russia-china 100000d" said "1753-02-20 – 2026-12-06".
    replies = await world.say(world.alice, "/digest russia-china 100000d")
    header = replies[0].text.splitlines()[1]
    assert "matching article" in header
    assert int(header[:4]) >= 1990, header


async def test_digest_of_an_unknown_word_says_nothing_was_found(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/digest brexitt")
    assert reply.text.startswith("Nothing found for “brexitt”. Did you mean brexit?")
    assert "/topics" in reply.text
    assert not reply.buttons
    [reply] = await world.say(world.alice, "/digest nosuchtopic")
    assert "Did you mean" not in reply.text
    assert "Nothing found for “nosuchtopic”" in reply.text


async def test_an_empty_digest_is_never_posted(world: BotWorld) -> None:
    [reply] = await world.say(world.group, f"/post@{BOT_USERNAME} nosuchtopic here")
    assert reply.text.startswith("Nothing found for “nosuchtopic”.")
    channel = world.server.add_chat("channel", "Readers' News", username="readersnews",
                                    owner=world.alice)
    [reply] = await world.say(world.alice, "/post nosuchtopic @readersnews", timeout=60)
    assert reply.text.startswith("Nothing found for “nosuchtopic”.")
    assert world.server.sent_messages(channel.id) == []
    assert world.server.errors() == []


async def test_summary_without_a_match_suggests_what_to_try(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/summary Diemont")
    assert reply.text.startswith("Nothing found for “Diemont”.")
    assert "/topics" in reply.text
    assert "/sources" in reply.text
    [reply] = await world.say(world.alice, "/summary Diemont quarterly zebra")
    assert "fewer words" in reply.text


async def test_nothing_found_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru-RU")
    [reply] = await world.say(olga, "/digest brexitt", user=olga)
    assert "Ничего не найдено" in reply.text
    assert "brexit" in reply.text


async def test_a_typed_period_is_not_searched_for(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/digest covid-19 yesterday", timeout=60)
    assert "yesterday" not in reply.text
    assert "Nothing found" not in reply.text  # the topic, not the query "covid-19 yesterday"
    [reply] = await world.say(world.alice, "/digest covid-19 since Mondy")
    assert reply.text.startswith("I can't read “since Mondy” as a period. Use one of: today,")
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [reply] = await world.say(olga, "/digest covid-19 0d", user=olga)
    assert reply.text.startswith("Не понимаю период «0d». Можно так: today,")  # was «0 d»


async def test_search_results_show_the_matched_words(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/search putin", timeout=60)
    assert "<b>putin</b>" in (reply.source or "").casefold()
