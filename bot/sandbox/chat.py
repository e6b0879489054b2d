"""The terminal chat: who is typing where, and the sandbox's own commands.

Lines that are not sandbox commands are sent to the bot exactly as Telegram would deliver
them; the printer shows what the bot does. Sandbox commands (`/sandbox` lists them) stand
for what a Telegram app does with taps: pressing a button, typing `@bot query` in inline
mode and choosing a result, replying, forwarding, pasting a long text, letting time pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from rich.console import Console
from rich.text import Text
from telegram import Update

from bot.app import BotApplication
from bot.botapi import BotApiServer, Chat, StoredMessage, User
from bot.context import Context
from bot.sandbox.clock import SandboxClock
from bot.sandbox.output import Printer, render_message
from bot.services import BotServices
from digests.timeparse import parse_duration

REPLY_TIMEOUT = 180.0
BOT_USERNAME = "newsdigest_bot"
SCHEDULED_JOBS = ("deliveries", "poll-feeds", "alerts")
LOOKAHEAD = timedelta(days=8)
HELP = """\
Sandbox commands (everything else is sent to the bot as a Telegram message):
  /sandbox                this list
  /as private | group     type in your private chat with the bot, or in the Sandbox group
  /as user1 | user2       be Alice (owner of the group and channel, bot admin) or Bob (a member)
  /admin                  make the current user a bot administrator, or no longer one
  /press N                press button N of the bot's last message with buttons
  /reply TEXT             reply to the bot's last message in this chat
  /forward TEXT           forward TEXT as a post of the @sandbox_news channel
  /paste … /end           the lines between them are one message (paragraphs kept)
  @newsdigest_bot QUERY   inline mode: list the results the bot offers for QUERY
  /choose N               post inline result N into this chat
  /wait [DURATION]        let time pass (e.g. 10m, 2h, 1d; default: until the next
                          scheduled digest), then run the bot's scheduled jobs
  /quit                   leave (Ctrl-C and Ctrl-D too)
$FEED in a message stands for a demo RSS feed served on 127.0.0.1: /source add $FEED
Scheduled digests and other messages the bot pushes are printed when they arrive."""
UpdateKey = tuple[str, int | str, int]


class Processed:
    """Which updates the bot has finished handling (a last-group handler records them)."""

    def __init__(self) -> None:
        self.done: set[UpdateKey] = set()
        self.changed = asyncio.Condition()

    async def record(self, update: object, context: Context) -> None:
        """Record a processed update by message, callback or inline query identity."""
        del context
        if not isinstance(update, Update):
            return
        if update.callback_query is not None:
            key: UpdateKey = ("callback", update.callback_query.id, 0)
        elif update.inline_query is not None:
            key = ("inline", update.inline_query.id, 0)
        elif update.effective_message is not None:
            message = update.effective_message
            key = ("message", message.message_id, message.chat_id)
        else:
            return
        async with self.changed:
            self.done.add(key)
            self.changed.notify_all()

    async def wait(self, key: UpdateKey, timeout: float) -> None:  # noqa: ASYNC109
        """Wait until the update with `key` was handled (or give up after `timeout`)."""
        async with asyncio.timeout(timeout), self.changed:
            await self.changed.wait_for(lambda: key in self.done)


@dataclass
class World:
    """The sandbox's people and chats on the local server."""

    server: BotApiServer
    users: dict[str, User]
    group: Chat
    channel: Chat


def open_world(server: BotApiServer, language_code: str | None = "en") -> World:
    """Alice owns a group (Bob is a member) and a channel; the bot is in both.

    Both users' Telegram apps report `language_code`, which the bot takes as each chat's
    language on first contact.
    """
    alice = server.add_user("Alice", "alice", language_code=language_code)
    bob = server.add_user("Bob", "bob", language_code=language_code)
    group = server.add_chat("supergroup", "Sandbox group", members=(bob,), owner=alice)
    channel = server.add_chat("channel", "Sandbox News", username="sandbox_news", owner=alice)
    return World(server, {"user1": alice, "user2": bob}, group, channel)


class SandboxError(ValueError):
    """Something typed that the sandbox cannot do; printed, never sent."""


@dataclass
class SandboxChat:
    """Who is typing where; turns typed lines into updates and sandbox actions."""

    world: World
    application: BotApplication
    services: BotServices
    processed: Processed
    console: Console
    clock: SandboxClock
    feed_url: str
    echo: bool
    printer: Printer | None = None
    user: User = field(init=False)
    chat: Chat | User = field(init=False)
    last: dict[int, StoredMessage] = field(default_factory=dict)
    last_buttons: dict[int, StoredMessage] = field(default_factory=dict)
    inline: tuple[str, list[dict[str, Any]]] | None = None

    def __post_init__(self) -> None:
        self.user = self.chat = self.world.users["user1"]

    @property
    def server(self) -> BotApiServer:
        """The local Bot API server."""
        return self.world.server

    def where(self, chat_id: int) -> str | None:
        """A chat's name when it is not the one being typed in (None when it is)."""
        if chat_id == self.chat.id:
            return None
        if chat_id == self.world.group.id:
            return "the Sandbox group"
        if chat_id == self.world.channel.id:
            return "the channel @sandbox_news"
        names = {u.id: u.first_name for u in self.world.users.values()}
        return f"{names.get(chat_id, chat_id)}'s private chat"

    def remember(self, message: StoredMessage) -> None:
        """Keep the bot's latest message of each chat, and the latest one with buttons."""
        self.last[message.chat_id] = message
        if message.buttons:
            self.last_buttons[message.chat_id] = message

    # The loop --------------------------------------------------------------
    async def converse(self, entries: AsyncIterator[str], *, prompt: bool) -> None:
        """Read entries until /quit or the end of input; /paste … /end makes one message."""
        pasted: list[str] | None = None
        if prompt:
            self._prompt()
        async for entry in entries:
            if pasted is not None:
                if entry.strip() != "/end":
                    pasted.append(entry)
                    continue
                entry, pasted = "\n".join(pasted).strip("\n"), None
            elif entry.strip() == "/paste":
                pasted = []
                continue
            else:
                entry = entry.strip()
            if entry in {"/quit", "/exit"}:
                return
            if entry:
                await self.handle(entry)
            if prompt:
                self._prompt()

    def _prompt(self) -> None:
        self.console.print(Text("you> ", "bold green"), end="")

    async def handle(self, entry: str) -> None:
        """Do what one entry asks: a sandbox command, or a message sent to the bot."""
        assert self.printer is not None
        if self.echo and not entry.startswith("/as"):
            self.console.print(Text("\n".join(f"> {line}" for line in entry.split("\n")),
                                    "bold green"))
        self.printer.busy = True
        self.printer.on_message = self.remember
        try:
            await self._dispatch(entry)
        except SandboxError as exc:
            self.console.print(Text(str(exc), "yellow"))
        except TimeoutError:
            self.console.print(Text("(no reply: the bot does not see this message)", "dim"))
        finally:
            self.printer.flush()
            self.printer.busy = False

    async def _dispatch(self, entry: str) -> None:
        command, _, rest = entry.partition(" ")
        meta = {"/sandbox": self._help, "/as": self._switch, "/admin": self._admin,
                "/choose": self._choose, "/wait": self._wait}
        if command in meta:
            await meta[command](rest.strip())
        elif command.lower() == "@" + BOT_USERNAME:
            await self._inline_query(rest.strip())
        else:
            key = self._inject(entry.replace("$FEED", self.feed_url))
            await self.processed.wait(key, REPLY_TIMEOUT)

    # Sandbox commands --------------------------------------------------------
    async def _help(self, rest: str) -> None:
        del rest
        self.console.print(Text(HELP, "dim"))

    async def _switch(self, target: str) -> None:
        if target in self.world.users:
            self.user = self.world.users[target]
            if isinstance(self.chat, User):
                self.chat = self.user
        elif target == "group":
            self.chat = self.world.group
        elif target == "private":
            self.chat = self.user
        else:
            raise SandboxError("Use /as private, /as group, /as user1 or /as user2.")
        where = "the group" if self.chat is self.world.group else "a private chat"
        self.console.print(Text(f"You are {self.user.first_name}, in {where}.", "dim"))

    async def _admin(self, rest: str) -> None:
        del rest
        settings = self.services.settings
        admins = [i for i in settings.admin_user_ids if i != self.user.id]
        became = len(admins) == len(settings.admin_user_ids)
        if became:
            admins.append(self.user.id)
        self.services.settings = settings.model_copy(update={"admin_user_ids": admins})
        state = "now" if became else "no longer"
        self.console.print(Text(f"{self.user.first_name} is {state} an administrator of "
                                "the bot (ADMIN_USER_IDS).", "dim"))

    async def _wait(self, rest: str) -> None:
        if rest:
            try:
                self.clock.advance_to(self.clock.now() + parse_duration(rest))
            except ValueError as exc:
                raise SandboxError(f"{exc}; or /wait alone, until the next digest") from None
        else:
            due = await asyncio.to_thread(self.services.subscriptions.first_due,
                                          self.clock.now() + LOOKAHEAD)
            if due is None or due.next_run_at is None:
                raise SandboxError("Nothing is scheduled: /subscribe a topic first.")
            self.clock.advance_to(due.next_run_at)
        self.console.print(Text(f"(sandbox clock: {self.clock.now():%a %Y-%m-%d %H:%M} UTC)",
                                "dim"))
        assert self.application.job_queue is not None
        for name in SCHEDULED_JOBS:
            for job in self.application.job_queue.get_jobs_by_name(name):
                await job.run(self.application)
        assert self.printer is not None
        self.printer.flush(pushed=True)

    async def _inline_query(self, query: str) -> None:
        kind = "sender" if isinstance(self.chat, User) else "supergroup"
        payload = self.server.inline_query(self.user, query, chat_type=kind)
        query_id = str(payload["id"])
        await self.processed.wait(("inline", query_id, 0), REPLY_TIMEOUT)
        answer = self.server.inline_answers.get(query_id, {})
        results = list(answer.get("results", []))
        self.inline = (query_id, results)
        if not results:
            self.console.print(Text("(inline: no results)", "dim"))
            return
        lines = Text(f"(inline results for {query!r}: /choose N posts one here)", "dim")
        for number, result in enumerate(results, 1):
            lines.append(f"\n  [{number}] {result.get('title', '')}", "cyan")
            if description := result.get("description"):
                lines.append(f"\n      {description}", "dim")
        self.console.print(lines)
        self.console.print()

    async def _choose(self, rest: str) -> None:
        if self.inline is None:
            raise SandboxError("Type @newsdigest_bot QUERY first, then /choose N.")
        query_id, results = self.inline
        number = int(rest) if rest.isdigit() else 0
        if not 1 <= number <= len(results):
            raise SandboxError(f"Choose a result from 1 to {len(results)}.")
        posted = self.server.choose_inline_result(
            self.user, query_id, str(results[number - 1]["id"]), self.chat, feedback=False)
        self.console.print(Text(f"({self.user.first_name} posted via @{BOT_USERNAME})", "dim"))
        self.console.print(render_message(StoredMessage(posted)))
        self.console.print()

    # Messages to the bot -----------------------------------------------------
    def _inject(self, line: str) -> UpdateKey:
        """Inject what the user typed; returns the key of the update to wait for."""
        server = self.server
        if line.split()[0] == "/press":
            return self._press(line)
        reply_to: StoredMessage | None = None
        forward: Chat | None = None
        if line.startswith("/reply "):
            reply_to, line = self.last.get(self.chat.id), line[len("/reply "):]
        elif line.startswith("/forward "):
            forward, line = self.world.channel, line[len("/forward "):]
        queued = server.world.updates.accepted
        sent: dict[str, Any] = server.send_text(self.chat, self.user, line, reply_to=reply_to,
                                                forward_from_chat=forward)
        if server.world.updates.accepted == queued:
            raise SandboxError("(the bot does not see this message: in groups it reads only "
                               "commands addressed to it and replies to its own messages)")
        return ("message", int(sent["message_id"]), int(sent["chat"]["id"]))

    def _press(self, line: str) -> UpdateKey:
        words = line.split()
        number = int(words[1]) if len(words) > 1 and words[1].isdigit() else 1
        message = self.last_buttons.get(self.chat.id)
        buttons = message.buttons if message else []
        if message is None or not 1 <= number <= len(buttons):
            raise SandboxError("no such button on the bot's last message")
        button = buttons[number - 1]
        if "callback_data" not in button:
            target = button.get("url") or "the chat picker to share it"
            raise SandboxError(f"button {number} opens {target} in Telegram; "
                               "nothing to send here")
        query = self.server.press_button(message, button["callback_data"], self.user)
        return ("callback", str(query["id"]), 0)
