"""The one list of commands: it drives handler registration, `/help` and the menu.

Because `set_my_commands` and `/help` both read `COMMANDS`, the menu Telegram shows and
the help text cannot drift apart. Admin-only commands (`admin=True`) are listed in
`/help` and the menu of the bot's admins only (their private chats' scope).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.context import Context
from digests.i18n import N_

Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


@dataclass(frozen=True, slots=True)
class Command:
    """A bot command: name, menu description, usage line, where it is offered."""

    name: str
    description: str  # English msgid, translated where shown (`/help`, per-language menus)
    usage: str
    private: bool = True
    group: bool = True
    admin: bool = False  # for the bot's admins (ADMIN_USER_IDS) only


COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Welcome and what I can do"), "/start"),
    Command("help", N_("All commands"), "/help"),
    Command("summary", N_("Summarize a topic, query, link or article"),
            N_("/summary <topic | query | link | article id> — or reply to a message")),
    Command("digest", N_("Digest of a topic now"), N_("/digest [topic] [since, e.g. 24h or 7d]")),
    Command("search", N_("Search stored articles"), N_("/search <query>")),
    Command("topics", N_("Named topics"), "/topics"),
    Command("article", N_("Show one article"), N_("/article <id>")),
    Command("settings", N_("Language, summary length and algorithm for this chat"), "/settings"),
    Command("post", N_("Post a digest here or to a channel (admins)"),
            N_("/post <topic> [@channel | here]")),
    Command("source", N_("Feed and channel sources (admins)"),
            N_("/source add|remove <feed url | @channel>, /source list")),
    Command("sources", N_("Feed sources and their health"), "/sources"),
    Command("subscribe", N_("Daily digest of a topic (admins in groups)"),
            N_("/subscribe <topic | query> [HH:MM] [mon-fri] [time zone] [notify]")),
    Command("unsubscribe", N_("Stop a subscription"), N_("/unsubscribe <topic>")),
    Command("subscriptions", N_("List and change subscriptions"), N_("/subscriptions [@channel]")),
    Command("alert", N_("Breaking-news alert on a topic (admins in groups)"),
            N_("/alert <topic | query> [quiet HH:MM-HH:MM] [max N/day]")),
    Command("alerts", N_("List and remove alerts"), "/alerts"),
    Command("unalert", N_("Stop an alert"), N_("/unalert <topic>")),
    Command("timezone", N_("Show or set this chat's time zone"),
            N_("/timezone <Europe/Berlin | Tokyo | UTC+05:30>")),
    Command("status", N_("Bot health: articles, feeds, deliveries, last errors (bot admins)"),
            "/status", group=False, admin=True),
)


def command_list(*, group: bool, admin: bool = False) -> list[Command]:
    """Commands offered in group chats (`group=True`) or private chats, to an admin or not."""
    return [c for c in COMMANDS
            if (c.group if group else c.private) and (admin or not c.admin)]
