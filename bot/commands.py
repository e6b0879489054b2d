"""The one list of commands: it drives handler registration, `/help` and the menu.

Because `set_my_commands` and `/help` both read `COMMANDS`, the menu Telegram shows and
the help text cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.context import Context

Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


@dataclass(frozen=True, slots=True)
class Command:
    """A bot command: name, menu description, usage line, where it is offered."""

    name: str
    description: str
    usage: str
    private: bool = True
    group: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("start", "Welcome and what I can do", "/start"),
    Command("help", "All commands", "/help"),
    Command("summary", "Summarize a topic, query, link or article",
            "/summary <topic | query | link | article id> — or reply to a message"),
    Command("digest", "Digest of a topic now", "/digest [topic] [since, e.g. 24h or 7d]"),
    Command("search", "Search stored articles", "/search <query>"),
    Command("topics", "Named topics", "/topics"),
    Command("article", "Show one article", "/article <id>"),
    Command("settings", "Summary length and algorithm for this chat", "/settings"),
    Command("post", "Post a digest here or to a channel (admins)",
            "/post <topic> [@channel | here]"),
    Command("source", "Feed and channel sources (admins)",
            "/source add|remove <feed url | @channel>, /source list"),
    Command("sources", "Feed sources and their health", "/sources"),
    Command("subscribe", "Daily digest of a topic (admins in groups)",
            "/subscribe <topic | query> [HH:MM] [mon-fri] [time zone] [notify]"),
    Command("unsubscribe", "Stop a subscription", "/unsubscribe <topic>"),
    Command("subscriptions", "List and change subscriptions", "/subscriptions [@channel]"),
    Command("timezone", "Show or set this chat's time zone",
            "/timezone <Europe/Berlin | Tokyo | UTC+05:30>"),
)


def command_list(*, group: bool) -> list[Command]:
    """Commands offered in group chats (`group=True`) or private chats."""
    return [c for c in COMMANDS if (c.group if group else c.private)]
