r"""Run the sandbox: the local Bot API server, the real bot, a demo feed and the terminal chat.

Input and output are independent: what was typed is injected as Telegram would deliver it,
and everything the bot does (replies, edits, button notifications, scheduled digests) is
printed when it happens. With standard input not a terminal, lines are read and the output
printed, so the sandbox can be scripted: `printf '/summary russia china\\n' | newsdigest
sandbox`. `/sandbox` lists the sandbox's own commands (`bot.sandbox.chat`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator

from pydantic import SecretStr
from rich.console import Console
from rich.text import Text
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import BotApplication, build_application, build_services, start_manually
from bot.botapi import BotApiServer
from bot.logsafe import configure_logging
from bot.sandbox.chat import REPLY_TIMEOUT, Processed, SandboxChat, World, open_world
from bot.sandbox.clock import SandboxClock
from bot.sandbox.feed import DemoFeed
from bot.sandbox.output import Printer
from bot.sandbox.terminal import input_entries
from bot.services import BotServices
from digests.language import language_from_code
from digests.settings import Settings

SANDBOX_TOKEN = "1000001:SANDBOX-not-a-real-token-000000000"
GREETING = ("Sandbox: type as a Telegram user would. You are Alice, an administrator of this "
            "bot, in a private chat with it. /sandbox lists the sandbox's commands; "
            "/help the bot's.")
EXIT_INTERRUPTED = 130


def _prepare_services(settings: Settings, console: Console, ingest_seeds: bool,
                      clock: SandboxClock) -> BotServices:
    services = build_services(settings)
    services.news.clock = clock.now  # `/wait` moves it; deliveries and windows follow
    if ingest_seeds and services.news.count_articles() == 0:
        with console.status("Ingesting the bundled seed articles…"):
            report = services.news.ingest([settings.seeds_dir])
        console.print(Text(report.describe().splitlines()[0], "dim"))
    return services


def _choose_language(services: BotServices, world: World, language_code: str) -> None:
    """An explicit ``--lang``: the sandbox chats the database already knows read in it too.

    A chat takes its language from the first person the bot hears from there, once; a
    data folder kept from an earlier run (the default ``data/``) would otherwise answer
    ``--lang ru`` in the language of that run. Chats not yet known take it on first contact.
    """
    language = language_from_code(language_code)
    if not services.chats.allowed("language", language):
        return
    chat_ids = [user.id for user in world.users.values()] + [world.group.id, world.channel.id]
    for chat_id in chat_ids:
        known = services.chats.get(chat_id)
        if known is not None:
            services.chats.choose(known, "language", language)


def sandbox_settings(settings: Settings, server: BotApiServer, admin_id: int) -> Settings:
    """The user's settings pointed at the local server, with the sandbox user as bot admin.

    Fetching from loopback is allowed so the demo feed (and a local test server of the
    user's own) can be added; the sandbox never talks to Telegram.
    """
    return settings.model_copy(update={
        "telegram_bot_token": SecretStr(SANDBOX_TOKEN),
        "telegram_api_base_url": server.base_url,
        "admin_user_ids": [*settings.admin_user_ids, admin_id],
        "fetch_allow_private_addresses": True,
    })


async def sandbox_main(settings: Settings, console: Console, *, ingest_seeds: bool,
                       lines: AsyncIterator[str] | None = None,
                       language_code: str | None = "en", choose_language: bool = False) -> None:
    """Run the server, the bot (long polling) and the terminal chat until input ends.

    `choose_language` (``--lang`` given) also sets the language of chats already known.
    """
    async with (BotApiServer(token=SANDBOX_TOKEN, bot_username="newsdigest_bot") as server,
                DemoFeed() as feed):
        world = open_world(server, language_code)
        local = sandbox_settings(settings, server, world.users["user1"].id)
        clock = SandboxClock()
        services = await asyncio.to_thread(_prepare_services, local, console, ingest_seeds,
                                           clock)
        if choose_language and language_code:
            await asyncio.to_thread(_choose_language, services, world, language_code)
        application: BotApplication = build_application(local, services)
        processed = Processed()
        application.add_handler(TypeHandler(Update, processed.record), group=1000)
        interactive = lines is None and sys.stdin.isatty()
        if interactive:
            console.print(Text(GREETING, "dim"))
        async with application:
            await start_manually(application)
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            chat = SandboxChat(world, application, services, processed, console, clock,
                               feed.url, echo=not interactive)
            printer = Printer(server, console, chat.where)
            chat.printer = printer
            watcher = asyncio.create_task(printer.watch())
            try:
                await chat.converse(lines or input_entries(sys.stdin), prompt=interactive)
            finally:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
                await application.updater.stop()
                await application.stop()
        services.news.close()


def run_sandbox(settings: Settings, console: Console, *, ingest_seeds: bool,
                language_code: str | None = "en", choose_language: bool = False) -> int:
    """Entry point of `newsdigest sandbox` (and of `make run` without a token)."""
    configure_logging("WARNING", SANDBOX_TOKEN)
    logging.getLogger("telegram").setLevel(logging.ERROR)
    try:
        asyncio.run(sandbox_main(settings, console, ingest_seeds=ingest_seeds,
                                 language_code=language_code,
                                 choose_language=choose_language))
    except KeyboardInterrupt:
        console.print()
        return EXIT_INTERRUPTED
    return 0


__all__ = ["REPLY_TIMEOUT", "SANDBOX_TOKEN", "run_sandbox", "sandbox_main"]
