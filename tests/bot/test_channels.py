"""Channels as sources: /source add|remove|list @channel, channel posts and edits ingested."""

from __future__ import annotations

from bot.botapi import Chat
from tests.bot.conftest import BotWorld
from tests.bot.processed import Processed

POST = ("Harbour bridge reopens after repairs\n"
        "The Zanzibar harbour bridge reopened on Monday after six months of repairs. "
        "Engineers replaced the cables and the deck. Traffic returned within hours.")
EDITED = POST.replace("six months", "seven months")


def _channel(world: BotWorld, username: str = "harbournews") -> Chat:
    return world.server.add_chat("channel", "Harbour News", username=username, owner=world.alice)


async def test_posts_of_unregistered_channels_are_ignored(world: BotWorld) -> None:
    processed = Processed(world.app)
    post = world.server.channel_post(_channel(world), POST)
    await processed.wait(post)
    assert world.services.news.search("zanzibar harbour") == []


async def test_registered_channel_posts_become_searchable_articles(world: BotWorld) -> None:
    channel = _channel(world)
    [reply] = await world.say(world.alice, "/source add @HarbourNews")
    assert "now a source" in reply.text
    processed = Processed(world.app)
    post = world.server.channel_post(channel, POST)
    await processed.wait(post)
    [hit] = world.services.news.search("zanzibar harbour")
    article = hit.article
    assert article.url == f"https://t.me/harbournews/{post['message_id']}"
    assert article.source == "Harbour News"
    assert article.external_id == f"{channel.id}/{post['message_id']}"
    assert article.title == "Harbour bridge reopens after repairs"
    [found] = await world.say(world.alice, "/search zanzibar harbour")
    assert "Harbour bridge reopens" in found.text
    digest = await world.say(world.alice, "/digest zanzibar harbour")
    assert any("Harbour bridge reopens" in m.text for m in digest)
    assert world.server.errors() == []


async def test_an_edited_post_updates_the_stored_article(world: BotWorld) -> None:
    channel = _channel(world)
    await world.say(world.alice, "/source add @harbournews")
    processed = Processed(world.app)
    post = world.server.channel_post(channel, POST)
    await processed.wait(post)
    world.server.edit_channel_post(post, EDITED)
    await processed.wait(post, times=2)
    [hit] = world.services.news.search("zanzibar harbour")
    assert "seven months" in hit.article.text
    assert world.services.news.search('"six months" zanzibar') == []


async def test_only_channel_admins_may_add_and_remove(world: BotWorld) -> None:
    _channel(world)
    [reply] = await world.say(world.bob, "/source add @harbournews", user=world.bob)
    assert "Only administrators" in reply.text
    await world.say(world.alice, "/source add @harbournews")
    [reply] = await world.say(world.bob, "/source remove @harbournews", user=world.bob)
    assert "Only administrators" in reply.text
    [reply] = await world.say(world.alice, "/source list")
    assert "@harbournews — Harbour News" in reply.text
    [reply] = await world.say(world.alice, "/source remove @harbournews")
    assert "no longer a source" in reply.text
    [reply] = await world.say(world.alice, "/source list")
    assert "No channel sources" in reply.text


async def test_a_removed_channel_is_no_longer_read(world: BotWorld) -> None:
    channel = _channel(world)
    await world.say(world.alice, "/source add @harbournews")
    await world.say(world.alice, "/source remove @harbournews")
    processed = Processed(world.app)
    await processed.wait(world.server.channel_post(channel, POST))
    assert world.services.news.search("zanzibar harbour") == []


async def test_the_adder_may_remove_after_the_bot_left(world: BotWorld) -> None:
    channel = _channel(world)
    await world.say(world.alice, "/source add @harbournews")
    world.server.kick_bot(channel, world.alice)
    [reply] = await world.say(world.alice, "/source remove @harbournews")
    assert "no longer a source" in reply.text


async def test_bad_arguments_get_usage(world: BotWorld) -> None:
    for text in ("/source", "/source add", "/source add @x", "/source frobnicate @harbournews"):
        [reply] = await world.say(world.alice, text)
        assert "Usage" in reply.text, text
    [reply] = await world.say(world.alice, "/source add @nosuchchannel")
    assert "can't find" in reply.text


async def test_a_forwarded_channel_post_keeps_channel_and_link(world: BotWorld) -> None:
    channel = _channel(world)
    long_post = POST + " " + " ".join(["The port authority thanked the residents."] * 8)
    message = world.server.send_text(world.alice, world.alice, long_post,
                                     forward_from_chat=channel)
    replies = await world.server.wait_for_messages(world.alice.id, timeout=60)
    assert "Harbour bridge" in replies[0].text
    [hit] = world.services.news.search("zanzibar harbour")
    origin = message["forward_origin"]
    assert hit.article.source == "Harbour News"
    assert hit.article.url == f"https://t.me/harbournews/{origin['message_id']}"
    # Dated by the post's own date, so it can be that day's news (digests.undated).
    assert hit.article.dated
    assert hit.article.published_at.timestamp() == origin["date"]
