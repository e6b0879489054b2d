"""The server through real python-telegram-bot calls and raw HTTP."""

import asyncio
import logging

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError

from bot.botapi import BotApiServer


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.username == "newsdigest_bot"
    assert me.is_bot


@pytest.mark.parametrize(("token", "bot_id"), [("77:abc", 77), ("²:abc", 123456),
                                               ("٧٧:abc", 123456), ("abc", 123456)])
async def test_the_bot_id_comes_from_the_tokens_ascii_digits(token: str, bot_id: int) -> None:
    async with BotApiServer(token=token) as server, Bot(token, base_url=server.base_url) as bot:
        assert (await bot.get_me()).id == bot_id


async def test_send_message_is_recorded_with_visible_text(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
    sent = await bot.send_message(
        alice.id, "<b>Hello</b> &amp; welcome", parse_mode="HTML", reply_markup=markup
    )
    assert sent.text == "Hello & welcome"
    [stored] = server.sent_messages(alice.id)
    assert stored.text == "Hello & welcome"
    assert stored.entities == [{"type": "bold", "offset": 0, "length": 5}]
    assert stored.source == "<b>Hello</b> &amp; welcome"
    assert stored.buttons == [{"text": "More", "callback_data": "more:1"}]


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
    ],
)
async def test_html_rejections(server: BotApiServer, bot: Bot, html: str, detail: str) -> None:
    alice = server.add_user("Alice")
    with pytest.raises(BadRequest, match=r"(?i)parse entities") as caught:
        await bot.send_message(alice.id, html, parse_mode="HTML")
    assert detail.lower() in caught.value.message.lower()
    assert server.requests[-1].status == 400


async def test_length_is_counted_after_parsing(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    await bot.send_message(alice.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(alice.id, "<i>" + "x" * 4097 + "</i>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_rejected(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    ok = InlineKeyboardButton("ok", callback_data="é" * 32)
    await bot.send_message(alice.id, "x", reply_markup=InlineKeyboardMarkup([[ok]]))
    long = InlineKeyboardButton("long", callback_data="x" * 65)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(alice.id, "x", reply_markup=InlineKeyboardMarkup([[long]]))


async def test_unknown_method_and_wrong_token(server: BotApiServer) -> None:
    async with httpx.AsyncClient() as http:
        missing = await http.post(server.api_url + "sendTelepathy", data={"chat_id": "1"})
        assert missing.status_code == 404
        assert missing.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
        wrong = await http.get(f"{server.base_url}999:WRONG/getMe")
        assert wrong.status_code == 401
        assert wrong.json()["description"] == "Unauthorized"
    stranger = Bot("999:WRONG", base_url=server.base_url)
    with pytest.raises(InvalidToken):
        await stranger.initialize()
    await stranger.shutdown()


async def test_missing_required_parameter(server: BotApiServer) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(server.api_url + "sendMessage", json={"text": "hi"})
    assert answer.status_code == 400
    assert answer.json()["description"] == "Bad Request: chat_id is empty"


async def test_json_get_and_form_bodies_are_accepted(server: BotApiServer) -> None:
    alice = server.add_user("Alice")
    async with httpx.AsyncClient() as http:
        by_json = await http.post(
            server.api_url + "sendMessage", json={"chat_id": alice.id, "text": "a"}
        )
        by_query = await http.get(
            server.api_url + "sendmessage", params={"chat_id": alice.id, "text": "b"}
        )
        by_form = await http.post(
            server.api_url + "sendMessage", data={"chat_id": str(alice.id), "text": "c"}
        )
    assert [r.status_code for r in (by_json, by_query, by_form)] == [200, 200, 200]
    assert [m.text for m in server.sent_messages(alice.id)] == ["a", "b", "c"]


async def test_blocked_user_is_forbidden(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    server.block(alice)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(alice.id, "hi")


async def test_kicked_from_group_is_forbidden(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    group = server.add_chat("group", "Friends", members=(alice,))
    server.kick_bot(group, alice)
    with pytest.raises(Forbidden, match=r"(?i)bot was kicked from the group chat"):
        await bot.send_message(group.id, "hi")


async def test_migrated_group_raises_chat_migrated(server: BotApiServer, bot: Bot) -> None:
    group = server.add_chat("group", "Friends")
    supergroup = server.migrate(group)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(group.id, "hi")
    assert caught.value.new_chat_id == supergroup.id
    assert str(supergroup.id).startswith("-100")
    await bot.send_message(supergroup.id, "hi again")


async def test_unknown_chat_is_not_found(server: BotApiServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(424242, "hi")


async def test_transient_errors_are_injected(server: BotApiServer, bot: Bot) -> None:
    alice = server.add_user("Alice")
    server.fail_next(502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
            await bot.send_message(alice.id, "hi")
    await bot.send_message(alice.id, "hi")


async def test_get_updates_long_poll_returns_injected_update(
    server: BotApiServer, bot: Bot
) -> None:
    alice = server.add_user("Alice")
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.wait_for(server.world.updates.poll_arrived.wait(), 5)
    assert not poll.done()
    server.send_text(alice, alice, "/start")
    updates = await asyncio.wait_for(poll, 5)
    [update] = [u.to_dict() for u in updates]
    assert update["message"]["text"] == "/start"
    assert update["message"]["entities"][0]["type"] == "bot_command"
    confirmed = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    assert confirmed == ()


async def test_get_updates_returns_empty_after_timeout(server: BotApiServer, bot: Bot) -> None:
    assert await bot.get_updates(timeout=0) == ()


async def test_a_client_that_leaves_mid_request_is_no_error(
        server: BotApiServer, caplog: pytest.LogCaptureFixture) -> None:
    """A bot cancelling a call (a stopping bot's long poll) left aiohttp's traceback behind.

    aiohttp logged ``ConnectionResetError: Connection lost`` at ERROR from reading the body
    of a request whose client had gone; in the sandbox that landed in the middle of the chat.
    """
    port = int(server.url.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"POST /bot{server.token}/sendMessage HTTP/1.1\r\nHost: local\r\n"
                 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n"
                 "Expect: 100-continue\r\n\r\n".encode())
    await writer.drain()
    assert b"100 Continue" in await reader.readline()  # the request reached its handler
    writer.write(b"chat_id=1")
    await writer.drain()
    writer.close()
    await server.wait_until(lambda: server.abandoned or None)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert server.errors() == []
