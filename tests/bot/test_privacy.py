"""Text users send the bot stays private to their chat; public channel posts stay public."""

from __future__ import annotations

from sqlalchemy import select

from bot.botapi import Chat, User
from digests.store import SqlStore
from digests.store.schema import articles
from tests.bot.conftest import BOT_USERNAME, BotWorld

WORD = "quetzalcoatlus"
TEXT = "Quetzalcoatlus field notes\n\n" + " ".join(
    f"My own notes on the quetzalcoatlus fossil we dug up, day {day} of the trip."
    for day in range(1, 30)
)


def _owned_by(world: BotWorld, chat_id: int) -> list[int]:
    store = world.services.news.store
    assert isinstance(store, SqlStore)
    with store.engine.connect() as conn:
        return list(conn.execute(
            select(articles.c.id).where(articles.c.owner_chat_id == chat_id)
        ).scalars())


async def _paste(world: BotWorld, user: User) -> int:
    [reply] = await world.say(user, TEXT)
    assert "Quetzalcoatlus" in reply.text
    [article_id] = _owned_by(world, user.id)
    return article_id


async def test_pasted_text_is_private_to_the_chat_that_sent_it(world: BotWorld) -> None:
    article_id = await _paste(world, world.alice)
    [own] = await world.say(world.alice, f"/article {article_id}")
    assert "Quetzalcoatlus field notes" in own.text
    for command in (f"/article {article_id}", f"/summary {article_id}",
                    f"/start a_{article_id}"):
        [reply] = await world.say(world.bob, command)
        assert f"No article with id {article_id}" in reply.text, command
    for command in (f"/search {WORD}", f"/digest {WORD}", f"/summary {WORD}"):
        replies = await world.say(world.bob, command)
        assert all("field notes" not in r.text.lower() for r in replies), command


async def test_private_summary_offers_no_share_or_deep_link(world: BotWorld) -> None:
    [public] = await world.say(world.alice, "/summary 1")
    assert public.buttons
    assert "start=a_1" in public.source
    [reply] = await world.say(world.alice, TEXT)
    assert reply.buttons == []
    assert "start=a_" not in reply.source


async def test_private_text_never_reaches_inline_results(world: BotWorld) -> None:
    article_id = await _paste(world, world.alice)
    for query in (f"a_{article_id}", WORD):
        sent = world.server.inline_query(world.alice, query)
        answer = await world.server.wait_for_inline_answer(sent["id"], timeout=30)
        assert answer["results"] == [], query


async def test_a_forward_from_a_person_is_private(world: BotWorld) -> None:
    world.server.send_text(world.alice, world.alice, TEXT, forward_from_user=world.bob)
    await world.server.wait_for_messages(world.alice.id, timeout=60)
    assert len(_owned_by(world, world.alice.id)) == 1
    assert world.services.news.search(WORD) == []


async def test_summary_as_a_reply_in_a_group_is_private_to_the_group(world: BotWorld) -> None:
    group: Chat = world.group
    posted = world.server.send_text(group, world.bob, TEXT)
    world.server.send_text(group, world.bob, f"/summary@{BOT_USERNAME}", reply_to=posted)
    await world.server.wait_for_messages(group.id, timeout=60)
    [article_id] = _owned_by(world, group.id)
    [reply] = await world.say(group, f"/article@{BOT_USERNAME} {article_id}", user=world.bob)
    assert "Quetzalcoatlus field notes" in reply.text
    assert world.services.news.search(WORD) == []


async def test_a_forward_from_a_private_channel_stays_private(world: BotWorld) -> None:
    channel = world.server.add_chat("channel", "Closed circle")  # no username: no public link
    world.server.send_text(world.alice, world.alice, TEXT, forward_from_chat=channel)
    [reply] = await world.server.wait_for_messages(world.alice.id, timeout=60)
    assert "Quetzalcoatlus" in reply.text
    assert reply.buttons == []
    assert len(_owned_by(world, world.alice.id)) == 1
    assert world.services.news.search(WORD) == []
    for command in (f"/search {WORD}", f"/digest {WORD}"):
        replies = await world.say(world.bob, command)
        assert all("field notes" not in r.text.lower() for r in replies), command


async def test_a_forward_from_a_public_channel_is_public(world: BotWorld) -> None:
    channel = world.server.add_chat("channel", "Open notes", username="opennotes")
    world.server.send_text(world.alice, world.alice, TEXT, forward_from_chat=channel)
    await world.server.wait_for_messages(world.alice.id, timeout=60)
    assert _owned_by(world, world.alice.id) == []
    [hit] = world.services.news.search(WORD)
    assert hit.article.url is not None
    assert hit.article.url.startswith("https://t.me/opennotes/")
