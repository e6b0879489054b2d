"""Groups stay quiet: only commands addressed to this bot get answers, with a cooldown.

The bot is made an administrator, so (as with privacy mode off) it receives every message in
the group; the test then waits until each ignored update was fully handled and checks that
nothing was sent, instead of sleeping and hoping.
"""

from __future__ import annotations

import pytest

from tests.bot.conftest import BOT_USERNAME, BotWorld
from tests.bot.processed import Processed

CHATTER = " ".join(["Putin and Xi met in Moscow to sign trade deals on gas and grain."] * 6)


@pytest.fixture
def hearing(world: BotWorld) -> BotWorld:
    """The world with the bot an administrator of the group: it hears every message."""
    world.server.set_member(world.group, world.server.world.bot, "administrator")
    return world


@pytest.mark.parametrize("text", [
    CHATTER,
    "https://example.com/news/1",
    "/frobnicate",
    "/summary@other_bot russia china",
    "/digest@other_bot russia-china",
    "@other_bot hello",
])
async def test_chatter_and_other_bots_commands_get_no_reply(hearing: BotWorld,
                                                            text: str) -> None:
    processed = Processed(hearing.app)
    before = len(hearing.server.sent_messages(hearing.group.id))
    message = hearing.server.send_text(hearing.group, hearing.bob, text)
    await processed.wait(message)
    assert len(hearing.server.sent_messages(hearing.group.id)) == before


async def test_a_plain_reply_to_the_bot_gets_no_unasked_summary(hearing: BotWorld) -> None:
    [answer] = await hearing.say(hearing.group, f"/topics@{BOT_USERNAME}", user=hearing.bob)
    processed = Processed(hearing.app)
    message = hearing.server.send_text(hearing.group, hearing.bob, CHATTER, reply_to=answer)
    await processed.wait(message)
    assert hearing.server.sent_messages(hearing.group.id) == [answer]


async def test_unknown_commands_addressed_to_the_bot_get_a_hint(hearing: BotWorld) -> None:
    [reply] = await hearing.say(hearing.group, f"/frobnicate@{BOT_USERNAME}", user=hearing.bob)
    assert "/help" in reply.text


async def test_the_cooldown_is_per_group_and_says_when(world: BotWorld) -> None:
    other = world.server.add_chat("supergroup", "Other readers", members=(world.bob,))
    await world.say(world.group, f"/summary@{BOT_USERNAME} russia china", user=world.bob)
    [cooling] = await world.say(world.group, f"/summary@{BOT_USERNAME} putin", user=world.bob)
    assert cooling.text.startswith("Please try again in ")
    assert cooling.text.endswith(" seconds.")
    [fresh] = await world.say(other, f"/summary@{BOT_USERNAME} putin", user=world.bob)
    assert "sentence" in fresh.text
    for _ in range(2):
        [private] = await world.say(world.alice, "/summary putin")
        assert "sentence" in private.text
