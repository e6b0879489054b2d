r"""A terminal chat with the real bot over the local Bot API server: no token, no network.

Type as a Telegram user would. Lines starting with these sandbox commands are not sent:

    /as private | group | user2   switch chat or user
    /press N                      press button N of the bot's last message with buttons
    /reply TEXT                   reply to the bot's last message
    /forward TEXT                 forward TEXT as a post of the @sandbox_news channel
    /quit                         leave

With standard input not a terminal, lines are read and replies printed, so the sandbox
can be scripted: `printf '/summary russia china\\n' | newsdigest sandbox`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr
from rich.console import Console
from rich.text import Text
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import BotApplication, build_application, build_services, start_manually
from bot.botapi import BotApiServer, Chat, StoredMessage, User
from bot.context import Context
from bot.logsafe import configure_logging
from bot.services import BotServices
from digests.settings import Settings

SANDBOX_TOKEN = "1000001:SANDBOX-not-a-real-token-000000000"
REPLY_TIMEOUT = 180.0
META_HELP = ("Sandbox: type messages and commands as a Telegram user. /as private|group|user2, "
             "/press N, /reply TEXT, /forward TEXT, /quit.")


class Processed:
    """Which updates the bot has finished handling (a last-group handler records them)."""

    def __init__(self) -> None:
        self.done: set[tuple[str, int | str, int]] = set()
        self.changed = asyncio.Condition()

    async def record(self, update: object, context: Context) -> None:
        """Record a processed update by message or callback identity."""
        del context
        if not isinstance(update, Update):
            return
        if update.callback_query is not None:
            key: tuple[str, int | str, int] = ("callback", update.callback_query.id, 0)
        elif update.effective_message is not None:
            message = update.effective_message
            key = ("message", message.message_id, message.chat_id)
        else:
            return
        async with self.changed:
            self.done.add(key)
            self.changed.notify_all()

    async def wait(self, key: tuple[str, int | str, int],
                   timeout: float) -> None:  # noqa: ASYNC109
        """Wait until the update with `key` was handled (or give up after `timeout`)."""
        async with asyncio.timeout(timeout), self.changed:
            await self.changed.wait_for(lambda: key in self.done)


@dataclass
class Session:
    """Who is typing where, and the bot's last message (for /press and /reply)."""

    server: BotApiServer
    users: dict[str, User]
    group: Chat
    channel: Chat
    user: User
    chat: Chat | User
    last: dict[int, StoredMessage] = field(default_factory=dict)

    @property
    def chat_id(self) -> int:
        """Id of the chat the user is typing in."""
        return self.chat.id


def render_message(message: StoredMessage) -> Text:
    """A bot message as a reader sees it: visible text, then links and buttons."""
    data = message.data
    text = Text(str(data.get("text", "")))
    links = [e["url"] for e in data.get("entities", []) if e.get("type") == "text_link"]
    if links:
        text.append("\n" + "\n".join(f"  ↗ {url}" for url in dict.fromkeys(links)), "dim")
    for number, button in enumerate(message.buttons, 1):
        target = button.get("url") or button.get("callback_data") or "share"
        text.append(f"\n  [{number}] {button['text']}  ({target})", "cyan")
    return text


def _open_world(server: BotApiServer) -> Session:
    alice = server.add_user("Alice", "alice")
    bob = server.add_user("Bob", "bob")
    group = server.add_chat("supergroup", "Sandbox group", members=(bob,), owner=alice)
    channel = server.add_chat("channel", "Sandbox News", username="sandbox_news", owner=alice)
    return Session(server, {"user1": alice, "user2": bob}, group, channel, alice, alice)


def _switch(session: Session, target: str, console: Console) -> None:
    if target in session.users:
        session.user = session.users[target]
        if isinstance(session.chat, User):
            session.chat = session.user
    elif target == "group":
        session.chat = session.group
    elif target == "private":
        session.chat = session.user
    else:
        console.print("Use /as private, /as group, /as user1 or /as user2.")
        return
    where = "the group" if session.chat is session.group else "a private chat"
    console.print(Text(f"You are {session.user.first_name}, in {where}.", "dim"))


async def _send(session: Session, line: str) -> tuple[str, int | str, int]:
    """Inject what the user typed; returns the key of the update to wait for."""
    server = session.server
    if line.startswith("/press"):
        number = int(line.split()[1]) if len(line.split()) > 1 else 1
        message = session.last.get(session.chat_id)
        buttons = message.buttons if message else []
        if message is None or not 1 <= number <= len(buttons):
            raise ValueError("no such button on the bot's last message")
        button = buttons[number - 1]
        if "callback_data" not in button:
            target = button.get("url") or "the chat picker to share it"
            raise ValueError(f"button {number} opens {target} in Telegram; nothing to send here")
        query = server.press_button(message, button["callback_data"], session.user)
        return ("callback", str(query["id"]), 0)
    reply_to: StoredMessage | None = None
    forward: Chat | None = None
    if line.startswith("/reply "):
        reply_to, line = session.last.get(session.chat_id), line[len("/reply "):]
    elif line.startswith("/forward "):
        forward, line = session.channel, line[len("/forward "):]
    queued = server.world.updates.accepted
    sent: dict[str, Any] = server.send_text(session.chat, session.user, line, reply_to=reply_to,
                                            forward_from_chat=forward)
    if server.world.updates.accepted == queued:
        raise ValueError("(the bot does not see this message: in groups it reads only commands "
                         "addressed to it and replies to its own messages)")
    return ("message", int(sent["message_id"]), int(sent["chat"]["id"]))


async def _converse(session: Session, processed: Processed, lines: AsyncIterator[str],
                    console: Console, *, echo: bool) -> None:
    async for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line in {"/quit", "/exit"}:
            return
        if line.startswith("/as"):
            _switch(session, line[3:].strip(), console)
            continue
        if echo:  # a terminal already shows what was typed
            console.print(Text(f"> {line}", "bold green"))
        start = len(session.server.sent_messages())
        edits = {id(m): m.edits for m in session.server.sent_messages()}
        try:
            key = await _send(session, line)
            await processed.wait(key, REPLY_TIMEOUT)
        except ValueError as exc:
            console.print(Text(str(exc), "yellow"))
            continue
        except TimeoutError:
            console.print(Text("(no reply: the bot does not see this message)", "dim"))
            continue
        everything = session.server.sent_messages()
        edited = [m for m in everything[:start] if m.edits != edits.get(id(m), m.edits)]
        for message in edited + everything[start:]:
            session.last[message.chat_id] = message
            if message in edited:
                console.print(Text("(edited)", "dim"))
            console.print(render_message(message))
            console.print()


async def _input_lines(console: Console) -> AsyncIterator[str]:
    if not sys.stdin.isatty():
        while line := await asyncio.to_thread(sys.stdin.readline):
            yield line
        return
    console.print(Text(META_HELP, "dim"))
    while True:
        try:
            yield await asyncio.to_thread(input, "you> ")
        except EOFError:
            return


def _prepare_services(settings: Settings, console: Console, ingest_seeds: bool) -> BotServices:
    services = build_services(settings)
    if ingest_seeds and services.news.store.count_articles() == 0:
        with console.status("Ingesting the bundled seed articles…"):
            report = services.news.ingest([settings.seeds_dir])
        console.print(Text(report.describe().splitlines()[0], "dim"))
    return services


async def sandbox_main(settings: Settings, console: Console, *, ingest_seeds: bool,
                       lines: AsyncIterator[str] | None = None) -> None:
    """Run the server, the bot (long polling) and the terminal chat until input ends."""
    async with BotApiServer(token=SANDBOX_TOKEN, bot_username="newsdigest_bot") as server:
        local = settings.model_copy(update={
            "telegram_bot_token": SecretStr(SANDBOX_TOKEN),
            "telegram_api_base_url": server.base_url,
        })
        services = await asyncio.to_thread(_prepare_services, local, console, ingest_seeds)
        application: BotApplication = build_application(local, services)
        processed = Processed()
        application.add_handler(TypeHandler(Update, processed.record), group=1000)
        session = _open_world(server)
        async with application:
            await start_manually(application)
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            try:
                echo = lines is not None or not sys.stdin.isatty()
                await _converse(session, processed, lines or _input_lines(console), console,
                                echo=echo)
            finally:
                await application.updater.stop()
                await application.stop()
        services.news.store.close()


def run_sandbox(settings: Settings, console: Console, *, ingest_seeds: bool) -> int:
    """Entry point of `newsdigest sandbox` (and of `make run` without a token)."""
    configure_logging("WARNING", SANDBOX_TOKEN)
    logging.getLogger("telegram").setLevel(logging.ERROR)
    asyncio.run(sandbox_main(settings, console, ingest_seeds=ingest_seeds))
    return 0
