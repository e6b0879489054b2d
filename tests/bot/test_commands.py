"""Each command in a private chat and in a supergroup, through the local Bot API server."""

from __future__ import annotations

import pytest

from bot.commands import COMMANDS, command_list
from tests.bot.conftest import BOT_USERNAME, BotWorld


async def test_start_and_help_list_every_command(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/start")
    for command in command_list(group=False):
        assert f"/{command.name}" in reply.text
    [reply] = await world.say(world.alice, "/help")
    assert "/summary" in reply.text


async def test_menu_is_set_per_scope_from_the_same_list(world: BotWorld) -> None:
    menus = world.server.commands
    private = next(v for k, v in menus.items() if k.startswith("all_private_chats"))
    groups = next(v for k, v in menus.items() if k.startswith("all_group_chats"))
    assert [c["command"] for c in private] == [c.name for c in command_list(group=False)]
    assert [c["command"] for c in groups] == [c.name for c in command_list(group=True)]
    assert {c.name for c in COMMANDS} >= {"start", "help", "summary", "digest", "search"}


async def test_summary_of_a_topic_cites_its_source(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/summary russia china")
    assert "sentences" in reply.text
    assert reply.params.get("link_preview_options", {}).get("is_disabled") is True
    labels = [b["text"] for b in reply.buttons]
    assert any("Share" in label for label in labels)


async def test_digest_of_the_seeds(world: BotWorld) -> None:
    replies = await world.say(world.alice, "/digest russia-china 100000d")
    text = "\n".join(r.text for r in replies)
    assert "Russia–China relations" in text
    assert world.server.errors() == []


async def test_search_pages_with_buttons(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/search putin")
    assert "putin" in reply.text.lower()
    next_page = next(b["callback_data"] for b in reply.buttons
                     if b.get("callback_data", "").endswith(":2"))
    query = world.server.press_button(reply, next_page, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    edited = await world.server.wait_until(lambda: reply if reply.edits else None, timeout=30)
    assert "2/" in " ".join(b["text"] for b in edited.buttons)
    assert world.server.errors() == []


async def test_topics_and_article(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/topics")
    assert "russia-china" in reply.text
    [reply] = await world.say(world.alice, "/article 99999999")
    assert "no article" in reply.text.lower()
    [reply] = await world.say(world.alice, "/article 1")
    assert reply.text


@pytest.mark.parametrize(
    "command",
    ["/start", "/help", "/summary@{bot} russia china", "/digest@{bot} russia-china 100000d",
     "/search@{bot} putin", "/topics@{bot}"],
)
async def test_commands_work_in_a_supergroup(world: BotWorld, command: str) -> None:
    replies = await world.say(world.group, command.format(bot=BOT_USERNAME), user=world.bob)
    assert replies[0].text
    assert world.server.errors() == []


async def test_commands_for_another_bot_are_ignored(world: BotWorld) -> None:
    world.server.send_text(world.group, world.bob, "/summary@other_bot russia")
    [reply] = await world.say(world.group, "/topics", user=world.bob)
    assert "russia-china" in reply.text


async def test_group_cooldown_on_expensive_commands(world: BotWorld) -> None:
    await world.say(world.group, f"/search@{BOT_USERNAME} putin", user=world.bob)
    [reply] = await world.say(world.group, f"/search@{BOT_USERNAME} xi", user=world.bob)
    assert "try again in" in reply.text


async def test_pasted_text_is_ingested_and_summarized(world: BotWorld) -> None:
    text = " ".join(f"The river port of Khabarovsk reported record cargo in week {i}." for i in
                    range(1, 30))
    [reply] = await world.say(world.alice, "Khabarovsk port news\n\n" + text)
    assert "Khabarovsk" in reply.text
    assert "of 29 sentences" in reply.text or "sentences" in reply.text


async def test_links_get_a_clear_not_yet(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "https://example.com/news/1")
    assert "link" in reply.text.lower()


async def test_page_counter_and_stale_buttons_are_answered(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/search putin")
    counter = next(b["callback_data"] for b in reply.buttons if b.get("callback_data") == "noop")
    query = world.server.press_button(reply, counter, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)


async def test_summary_as_reply_to_the_bots_summary_does_not_ingest_it(world: BotWorld) -> None:
    [summary] = await world.say(world.alice, "/summary 1")
    before = world.services.news.store.count_articles()
    world.server.send_text(world.alice, world.alice, "/summary", reply_to=summary)
    [again] = await world.server.wait_for_messages(world.alice.id, timeout=60)
    assert again.text.splitlines()[0] == summary.text.splitlines()[0]
    assert world.services.news.store.count_articles() == before


async def test_deep_links_open_an_article_or_a_topic(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/start a_1")
    assert "sentences" in reply.text
    [reply] = await world.say(world.alice, "/start t_nonexistent-topic")
    assert "no longer valid" in reply.text
