"""/post <topic> [@channel | here]: admin checks, channels, forum threads."""

from __future__ import annotations

from bot.handlers.post import ANONYMOUS, NOT_ADMIN, USAGE, PostRequest, parse_post_args
from tests.bot.conftest import BOT_USERNAME, BotWorld


def test_arguments() -> None:
    assert parse_post_args(["russia-china"]) == PostRequest("russia-china")
    assert parse_post_args(["russia", "china", "HERE"]) == PostRequest("russia china")
    assert parse_post_args(["russia-china", "@chan"]) == PostRequest("russia-china", "@chan")
    assert parse_post_args([]) is None
    assert parse_post_args(["here"]) is None
    assert parse_post_args(["@chan"]) is None


async def test_an_admin_posts_a_digest_here(world: BotWorld) -> None:
    # Nothing dated in the last 24 hours: a note, then the latest stories.
    mark = world.mark()
    world.server.send_text(world.group, world.alice, f"/post@{BOT_USERNAME} russia-china here")
    replies = await world.wait_for_digest(world.group.id, mark)
    assert any("Russia–China relations" in r.text for r in replies)
    assert world.server.errors() == []


async def test_members_may_not_post(world: BotWorld) -> None:
    [reply] = await world.say(world.group, f"/post@{BOT_USERNAME} russia-china",
                              user=world.bob)
    assert reply.text == NOT_ADMIN


async def test_anonymous_admins_post_here(world: BotWorld) -> None:
    mark = world.mark()
    world.server.send_text(world.group, None, f"/post@{BOT_USERNAME} russia-china",
                           anonymous=True)
    replies = await world.wait_for_digest(world.group.id, mark)
    assert "Russia–China relations" in "".join(r.text for r in replies)


async def test_posting_to_a_channel_checks_both_rights(world: BotWorld) -> None:
    channel = world.server.add_chat("channel", "Readers' News", username="readersnews",
                                    owner=world.alice)
    [reply] = await world.say(world.alice, "/post russia-china @readersnews", timeout=60)
    assert "Posted the digest" in reply.text
    posted = world.server.sent_messages(channel.id)
    assert "Russia–China relations" in posted[0].text
    assert any(b.get("switch_inline_query_chosen_chat") for b in posted[-1].buttons)
    [reply] = await world.say(world.bob, "/post russia-china @readersnews", user=world.bob)
    assert "Only administrators of @readersnews" in reply.text
    assert world.server.errors() == []
    [reply] = await world.say(world.alice, "/post russia-china @nosuchchannel")
    assert "can't find" in reply.text


async def test_anonymous_admins_cannot_post_to_channels(world: BotWorld) -> None:
    world.server.add_chat("channel", "Readers' News", username="readersnews", owner=world.alice)
    world.server.send_text(world.group, None, f"/post@{BOT_USERNAME} russia-china @readersnews",
                           anonymous=True)
    [reply] = await world.server.wait_for_messages(world.group.id)
    assert reply.text == ANONYMOUS


async def test_forum_posts_go_to_the_thread_of_the_command(world: BotWorld) -> None:
    forum = world.server.add_chat("supergroup", "Forum", is_forum=True, owner=world.alice)
    thread = world.server.add_topic(forum, "News")
    mark = world.mark()
    world.server.send_text(forum, world.alice, f"/post@{BOT_USERNAME} russia-china",
                           thread_id=thread)
    replies = await world.wait_for_digest(forum.id, mark)
    assert all(r.thread_id == thread for r in replies)
    [usage] = await world.say(forum, f"/post@{BOT_USERNAME}")
    assert usage.text == USAGE


async def test_a_russian_admin_posts_a_russian_digest_to_a_channel(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    channel = world.server.add_chat("channel", "Новости", username="novosti", owner=olga)
    [reply] = await world.say(olga, "/post russia-china @novosti", user=olga, timeout=60)
    assert "@novosti" in reply.text
    posted = world.server.sent_messages(channel.id)
    assert "Отношения России и Китая" in posted[0].text
    assert "Key points" not in "\n".join(m.text for m in posted)
    assert any(b["text"].endswith("Поделиться") for b in posted[-1].buttons)
