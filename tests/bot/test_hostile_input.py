"""Hostile input never produces a request Telegram would reject, and never stops the bot."""

from __future__ import annotations

import pytest

from tests.bot.conftest import BotWorld

RTL = "\u202e\u200f"
HOSTILE = [
    "/summary <script>alert(1)</script> & <b>bold",
    "/search <i>unclosed &amp; &lt;",
    "/search " + "a&b<c>" * 900,
    "/summary " + "x" * 5000,
    "/digest " + "y" * 5000,
    "/search 🇷🇺🇨🇳 " + RTL + "путин " + RTL,
    "/article <1>",
    "/nonsense_command with args",
    "/search AT&T covid-19 \"unbalanced NEAR( *",
    "/digest russia-china 99999999d",
    "/summary",
    "/search",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_commands_get_valid_replies(world: BotWorld, text: str) -> None:
    replies = await world.say(world.alice, text)
    assert replies[0].text
    assert world.server.errors() == []


async def test_a_4096_character_message_is_handled(world: BotWorld) -> None:
    text = ("Ж<&> " * 1000)[:4096]
    replies = await world.say(world.alice, text)
    assert replies
    assert world.server.errors() == []


async def test_the_bot_keeps_working_after_hostile_input(world: BotWorld) -> None:
    for text in HOSTILE[:4]:
        await world.say(world.alice, text)
    [reply] = await world.say(world.alice, "/topics")
    assert "russia-china" in reply.text


async def test_hostile_article_titles_are_escaped(world: BotWorld) -> None:
    body = " ".join(f"Sentence {i} about <script> & \"quotes\" in Moscow." for i in range(20))
    replies = await world.say(world.alice, "<b>Title</b> & <script>x</script>\n\n" + body)
    assert "<script>" in replies[0].text
    assert world.server.errors() == []


@pytest.mark.parametrize(
    "text", ["/article 99999999999999999999999", "/summary 99999999999999999999999",
             "/summary ²", "/article ²", "/summary #0"],
)
async def test_impossible_article_ids_are_not_found(world: BotWorld, text: str) -> None:
    [reply] = await world.say(world.alice, text)
    said = reply.text.lower()  # "/summary ²" is a query matching nothing (issue 12's advice)
    assert "no article" in said or "usage" in said or "nothing found" in said
    assert "went wrong" not in reply.text
