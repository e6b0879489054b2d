"""Buttons, inline mode, command menus, memberships, forums and flood control."""

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    SwitchInlineQueryChosenChat,
)
from telegram.error import BadRequest, RetryAfter

from bot.botapi import GROUP_ANONYMOUS_BOT_ID, BotApiServer, FloodPolicy


def _article(result_id: str, text: str = "<b>news</b>") -> InlineQueryResultArticle:
    content = InputTextMessageContent(text, parse_mode="HTML")
    return InlineQueryResultArticle(result_id, "Title", content)


async def test_inline_answers_are_checked_and_recorded(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    query = server.inline_query(alice, "russia china")
    with pytest.raises(BadRequest, match=r"(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(query["id"], [_article(str(i)) for i in range(51)])
    with pytest.raises(BadRequest, match=r"(?i)RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query(query["id"], [_article("a"), _article("a")])
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.answer_inline_query(query["id"], [_article("a", "<b>broken")])
    await bot.answer_inline_query(
        query["id"], [_article(str(i)) for i in range(50)], next_offset="50"
    )
    answer = await server.wait_for_inline_answer(query["id"])
    assert len(answer["results"]) == 50
    assert answer["next_offset"] == "50"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query(query["id"], [])


async def test_set_my_commands_checks_names_and_keeps_scopes(
    server: BotApiServer, bot: Bot
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Summary", "Summarize")])
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("x" * 33, "Too long")])
    private = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([BotCommand("start", "Start")], scope=private)
    assert server.commands == {"all_private_chats/": [{"command": "start", "description": "Start"}]}
    [command] = await bot.get_my_commands(scope=private)
    assert command.command == "start"
    assert await bot.get_my_commands() == ()


async def test_button_press_and_answer(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    share = SwitchInlineQueryChosenChat("t_news", allow_group_chats=True)
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Next", callback_data="page:2")],
            [InlineKeyboardButton("Share", switch_inline_query_chosen_chat=share)],
            [InlineKeyboardButton("Full article", url="https://example.com/a")],
        ]
    )
    sent = await bot.send_message(alice.id, "page 1", reply_markup=keyboard)
    [stored] = server.sent_messages(alice.id)
    query = server.press_button(stored, "page:2", alice)
    [update] = [u.to_dict() for u in await bot.get_updates()]
    assert update["callback_query"]["data"] == "page:2"
    assert update["callback_query"]["message"]["message_id"] == sent.message_id
    await bot.answer_callback_query(query["id"], text="Loading")
    assert (await server.wait_for_callback_answer(query["id"]))["text"] == "Loading"
    await bot.edit_message_text("page 2", alice.id, sent.message_id)
    assert stored.text == "page 2"
    assert stored.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("page 2", alice.id, sent.message_id)


async def test_bad_buttons_are_rejected(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    nowhere = SwitchInlineQueryChosenChat("q")
    for button in (
        InlineKeyboardButton("x", url="javascript:alert(1)"),
        InlineKeyboardButton("x", switch_inline_query_chosen_chat=nowhere),
        InlineKeyboardButton("x"),
    ):
        with pytest.raises(BadRequest):
            await bot.send_message(alice.id, "x", reply_markup=InlineKeyboardMarkup([[button]]))


async def test_membership_update_and_admin_checks(server: BotApiServer, bot: Bot) -> None:
    alice, bob = server.add_user("Alice"), server.add_user("Bob")
    group = server.add_chat("supergroup", "News fans", owner=alice, members=(bob,))
    server.set_member(group, bob, "administrator", anonymous=True)
    server.set_bot_membership(group, "administrator", alice)
    [update] = [u.to_dict() for u in await bot.get_updates()]
    assert update["my_chat_member"]["new_chat_member"]["status"] == "administrator"
    assert update["my_chat_member"]["from"]["id"] == alice.id
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id for a in admins} == {alice.id, bob.id, bot.id}
    member = await bot.get_chat_member(group.id, bob.id)
    assert member.status == "administrator"
    assert member.to_dict()["is_anonymous"]
    message = server.send_text(group, bob, "/subscribe news", anonymous=True)
    assert message["from"]["id"] == GROUP_ANONYMOUS_BOT_ID
    assert message["sender_chat"]["id"] == group.id


async def test_privacy_mode_hides_chatter_in_groups(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    group = server.add_chat("group", "Friends", members=(alice,))
    server.send_text(group, alice, "just chatting")
    server.send_text(group, alice, "/help@other_bot")
    server.send_text(group, alice, "/help@newsdigest_bot")
    updates = [u.to_dict() for u in await bot.get_updates()]
    assert [u["message"]["text"] for u in updates] == ["/help@newsdigest_bot"]


async def test_forum_threads(server: BotApiServer, bot: Bot) -> None:
    forum = server.add_chat("supergroup", "Forum", is_forum=True)
    thread = server.add_topic(forum, "Economy")
    sent = await bot.send_message(forum.id, "in topic", message_thread_id=thread)
    assert sent.message_thread_id == thread
    with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=999)
    plain = server.add_chat("supergroup", "Plain")
    await bot.send_message(plain.id, "ignored thread", message_thread_id=999)


async def test_channel_posts_and_edits(server: BotApiServer, bot: Bot) -> None:
    channel = server.add_chat("channel", "Wire", username="wire")
    post = server.channel_post(channel, "Breaking: https://example.com/x")
    server.edit_channel_post(post, "Breaking (updated)")
    first, second = [u.to_dict() for u in await bot.get_updates()]
    assert first["channel_post"]["sender_chat"]["username"] == "wire"
    assert first["channel_post"]["entities"][0]["type"] == "url"
    assert second["edited_channel_post"]["text"] == "Breaking (updated)"
    sent = await bot.send_message("@wire", "digest")
    assert sent.to_dict()["sender_chat"]["id"] == channel.id


async def test_flood_limits_answer_retry_after() -> None:
    now = [0.0]
    policy = FloodPolicy(private_burst=1)
    async with (
        BotApiServer(flood_limits=True, flood_policy=policy, monotonic=lambda: now[0]) as server,
        Bot(server.token, base_url=server.base_url) as bot,
    ):
        alice = server.add_user("Alice")
        await bot.send_message(alice.id, "one")
        with pytest.raises(RetryAfter):
            await bot.send_message(alice.id, "two")
        assert server.requests[-1].description == "Too Many Requests: retry after 1"
        now[0] += 1.0
        await bot.send_message(alice.id, "two")


async def test_choosing_an_inline_result_posts_it(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    group = server.add_chat("group", "Friends", members=(alice,))
    query = server.inline_query(alice, "news")
    await bot.answer_inline_query(query["id"], [_article("a1", "<b>Summary</b> text")])
    posted = server.choose_inline_result(alice, query["id"], "a1", group)
    assert posted["text"] == "Summary text"
    assert posted["via_bot"]["id"] == bot.id
    _query, chosen = [u.to_dict() for u in await bot.get_updates()]
    assert chosen["chosen_inline_result"]["result_id"] == "a1"
