"""The bot's own membership: chats tracked, a greeting once, pause on removal, resume on return."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from tests.bot.conftest import BotWorld


async def eventually(probe: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait for a database effect of an update the bot handles silently (no reply to await).

    This polls a condition, it does not wait for time to pass: it returns as soon as the
    handler has run.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not probe():
        assert loop.time() < deadline, "the update was not handled in time"
        await asyncio.sleep(0.01)


async def test_added_removed_and_added_back(world: BotWorld) -> None:
    team = world.server.add_chat("supergroup", "Team", owner=world.alice)
    world.server.set_bot_membership(team, "left", world.alice)
    world.server.set_bot_membership(team, "member", world.alice)
    [hello] = await world.server.wait_for_messages(team.id)
    assert "/subscribe@" in hello.text
    await world.say(team, "/subscribe russia-china 08:00")
    manage = world.services.subscriptions
    world.server.kick_bot(team, world.alice)
    # The status and the pause are two writes: wait for both, not just the first.
    await eventually(lambda: world.services.chats.get(team.id).member_status == "kicked"  # type: ignore[union-attr]
                     and manage.for_chat(team.id)[0].paused)
    [sub] = manage.for_chat(team.id)
    assert sub.paused
    assert sub.pause_reason == "membership: kicked"
    world.server.set_bot_membership(team, "member", world.alice)
    await eventually(lambda: not manage.for_chat(team.id)[0].paused)
    assert len(world.server.sent_messages(team.id)) == 2  # greeting once, the confirmation
    chat = world.services.chats.get(team.id)
    assert chat is not None
    assert (chat.type, chat.title, chat.member_status) == ("supergroup", "Team", "member")


async def test_channel_demotion_pauses(world: BotWorld) -> None:
    channel = world.server.add_chat("channel", "Wire", username="wire", owner=world.alice)
    await world.say(world.alice, "/subscribe @wire russia-china 08:00")
    world.server.set_bot_membership(channel, "member", world.alice)  # can no longer post
    manage = world.services.subscriptions
    await eventually(lambda: manage.for_chat(channel.id)[0].paused)
    assert manage.for_chat(channel.id)[0].pause_reason == "membership: demoted"
