"""The bot token never reaches logs; the webhook refuses requests without the secret."""

from __future__ import annotations

import io
import logging
import socket
from pathlib import Path

import httpx
from pydantic import SecretStr

from bot.app import build_application, build_services, start_manually, webhook_options
from bot.botapi import BotApiServer
from bot.logsafe import RedactTokenFilter, configure_logging
from tests.bot.conftest import TOKEN, BotWorld, make_settings


def test_redaction_covers_messages_args_and_tracebacks() -> None:
    redactor = RedactTokenFilter(TOKEN)
    try:
        raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError as exc:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (TOKEN,),
                                   (type(exc), exc, exc.__traceback__))
    redactor.filter(record)
    rendered = logging.Formatter().format(record)
    assert TOKEN not in rendered
    assert "<token>" in rendered


async def test_token_never_appears_in_logs(world: BotWorld) -> None:
    stream = io.StringIO()
    handler = configure_logging("DEBUG", TOKEN, stream)
    for name in ("httpx", "httpcore", "telegram"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        await world.say(world.alice, "/topics")
        await world.say(world.alice, "/summary " + "<b>" * 50)
        world.server.fail_next(code=500, times=1, method="sendMessage")
        world.server.send_text(world.alice, world.alice, "/help")
        await world.say(world.alice, "/start")
    finally:
        logging.getLogger().removeHandler(handler)
    text = stream.getvalue()
    assert text, "expected some log output at DEBUG"
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_requires_the_secret_token(tmp_path: Path) -> None:
    async with BotApiServer(token=TOKEN) as server:
        port = _free_port()
        settings = make_settings(
            tmp_path, server.base_url, webhook_port=port, webhook_url=f"http://127.0.0.1:{port}",
            webhook_path="hook", webhook_secret_token=SecretStr("s3cret-Value_1"),
        )
        services = build_services(settings)
        alice = server.add_user("Alice", "alice")
        app = build_application(settings, services)
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": 0, "chat": {"id": alice.id, "type": "private"},
            "from": alice.to_dict(), "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}
        async with app:
            await start_manually(app)
            assert app.updater is not None
            options = webhook_options(settings)
            await app.updater.start_webhook(**options)
            url = f"http://127.0.0.1:{port}/hook"
            try:
                async with httpx.AsyncClient() as client:
                    missing = await client.post(url, json=update)
                    wrong = await client.post(url, json=update, headers={
                        "X-Telegram-Bot-Api-Secret-Token": "nope"})
                    right = await client.post(url, json=update, headers={
                        "X-Telegram-Bot-Api-Secret-Token": "s3cret-Value_1"})
                assert missing.status_code == 403
                assert wrong.status_code == 403
                assert right.status_code == 200
                [reply] = await server.wait_for_messages(alice.id, since=0, timeout=30)
                assert "/summary" in reply.text
            finally:
                await app.updater.stop()
                await app.stop()
        services.news.store.close()
