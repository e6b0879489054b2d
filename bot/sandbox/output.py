"""Everything the bot does, printed as a reader would see it, whenever it happens.

The bot acts on its own too (scheduled digests, feed notices), not only in reply to what was
typed, so output is not tied to input: `Printer.flush` prints every message, edit and button
notification that appeared since the last flush. The sandbox flushes after each typed line
and, from a watcher task, whenever the bot acts while nobody is typing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from bot.botapi import BotApiServer, StoredMessage

JsonDict = dict[str, Any]


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


def render_answer(answer: JsonDict) -> Text | None:
    """A callback query's answer: a toast, or an alert the user must dismiss; None if silent."""
    text = str(answer.get("text") or "")
    if not text:
        return None
    kind = "alert" if answer.get("show_alert") else "notification"
    return Text(f"({kind}) {text}", "magenta")


class Printer:
    """Prints what the bot did since the previous flush; remembers what it has shown."""

    def __init__(self, server: BotApiServer, console: Console,
                 where: Callable[[int], str | None]) -> None:
        """`where(chat_id)` names a chat other than the one being typed in (None: this one)."""
        self.server = server
        self.console = console
        self.where = where
        self.busy = False
        self.on_message: Callable[[StoredMessage], None] = lambda message: None
        self._shown: dict[tuple[int, int], int] = {}
        self._answers = 0

    def flush(self, *, pushed: bool = False) -> int:
        """Print new messages, edits and button answers; returns how many things were printed."""
        printed = 0
        for message in self.server.records.sent:
            key = (message.chat_id, int(message.data["message_id"]))
            before = self._shown.get(key)
            if message.deleted or before == message.edits:
                continue
            self._shown[key] = message.edits
            self.on_message(message)
            self._header(message, edited=before is not None, pushed=pushed)
            self.console.print(render_message(message))
            self.console.print()
            printed += 1
        answers = self.server.records.callback_answers
        for answer in answers[self._answers:]:
            if (line := render_answer(answer)) is not None:
                self.console.print(line)
                self.console.print()
                printed += 1
        self._answers = len(answers)
        return printed

    def _header(self, message: StoredMessage, *, edited: bool, pushed: bool) -> None:
        notes = []
        if pushed:
            notes.append("pushed")
        if (chat := self.where(message.chat_id)) is not None:
            notes.append(f"in {chat}")
        if edited:
            notes.append("edited")
        if notes:
            self.console.print(Text(f"({', '.join(notes)})", "dim"))

    async def watch(self) -> None:
        """Print what the bot sends while nobody is typing (scheduled digests, notices)."""
        changed = self.server.records.changed
        while True:
            async with changed:
                await changed.wait()
            if not self.busy:
                await asyncio.sleep(0)  # let the bot finish the burst it is sending
                if not self.busy:
                    self.flush(pushed=True)
