"""Hostile command arguments get a clear refusal that fits Telegram, never the internal-error path.

Issue 13: deep queries, oversized quoted arguments, times that are not times.
"""

from __future__ import annotations

import pytest

from tests.bot.conftest import BotWorld

DEEP = "(" * 330 + "russia"


@pytest.mark.parametrize("command", ["/search", "/summary", "/digest", "/subscribe"])
async def test_a_deeply_nested_query_is_a_clear_refusal(world: BotWorld, command: str) -> None:
    [reply] = await world.say(world.alice, f"{command} {DEEP}")
    assert "levels deep" in reply.text
    assert "went wrong" not in reply.text
    assert world.server.errors() == []


LONG = "A/" * 2000


@pytest.mark.parametrize("text", [
    "/timezone " + LONG,
    "/subscribe russia-china 08:00 " + LONG,
    "/subscribe russia-china " + "9" * 4000 + ":00",
    "/summary zqxj" + "q" * 4000,
    "/unsubscribe " + LONG,
    "/settings " + LONG,
    "/digest russia-china " + "7" * 4000 + "d",
])
async def test_quoted_arguments_are_shortened(world: BotWorld, text: str) -> None:
    [reply] = await world.say(world.alice, text)
    assert len(reply.text) < 800
    assert "went wrong" not in reply.text
    assert world.server.errors() == []


@pytest.mark.parametrize("at", ["99999999999:00", "25:00", "8:5", "08:00:00", "12:60",
                                "8:00pm", "8PM", "7a.m.", "20:00h", "\uff12\uff10:\uff10\uff10"])
async def test_a_time_that_is_not_one_is_refused(world: BotWorld, at: str) -> None:
    [reply] = await world.say(world.alice, f"/subscribe russia-china {at}")
    assert "Not a time of day" in reply.text
    assert "HH:MM" in reply.text
    [listing] = await world.say(world.alice, "/subscriptions")
    assert "No subscriptions" in listing.text


@pytest.mark.parametrize("text", [
    "/summary zq\u202exj plan",
    "/search zq\u202exj \u200fplan",
    "/digest zq\u2067xj",
    "/timezone Europe/\u202eBerlin",
])
async def test_bidi_controls_typed_by_a_user_are_not_echoed(world: BotWorld, text: str) -> None:
    # Item 10: ingest strips bidi controls, but a reply quoting the user's words ("Nothing
    # found for “zq<U+202E>xj”. Try …") carried them, reversing the rest of the bot's sentence.
    # (The U+200F mark may stay: it reorders nothing after it; see bot.render.html.clean.)
    [reply] = await world.say(world.alice, text)
    assert not any(c in reply.text for c in "\u202e\u2067"), ascii(reply.text)
    assert "went wrong" not in reply.text
