"""Telegram HTML and keyboards for subscriptions: the list, confirmations, delivered digests.

Management buttons carry ``sm:<action>:<subscription id>[:<HHMM>]`` (at most 30 bytes, well
under Telegram's 64), decoded here as untrusted input like every other callback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.digest import render_digest
from bot.render.html import bold, code, escape, italic, shorten
from digests.models import Digest
from digests.subscriptions.manage import Listed
from digests.subscriptions.models import EmptyPolicy, Status, Subscription
from digests.subscriptions.weekdays import format_weekdays

TIME_CHOICES = ("07:00", "08:00", "09:00", "12:00", "18:00", "21:00")
MAX_LABEL_CHARS = 60
_DATA_RE = re.compile(r"sm:([tsprxne]):([0-9]{1,18})(?::([0-9]{4}))?")
ACTIONS = {"t": "times", "s": "set_time", "p": "pause", "r": "resume", "x": "remove",
           "n": "now", "e": "empty"}


@dataclass(frozen=True, slots=True)
class Manage:
    """A press on a subscription's button: action name, subscription, optional HH:MM."""

    action: str
    subscription_id: int
    at: str | None = None


def manage_data(action: str, subscription_id: int, at: str | None = None) -> str:
    """Encode a management button; ``action`` is one of `ACTIONS`' values."""
    letter = next(k for k, v in ACTIONS.items() if v == action)
    suffix = f":{at.replace(':', '')}" if at else ""
    return f"sm:{letter}:{subscription_id}{suffix}"


def decode_manage(data: str) -> Manage | None:
    """Decode management callback data; None for anything we did not produce."""
    match = _DATA_RE.fullmatch(data)
    if match is None:
        return None
    at = match.group(3)
    if (match.group(1) == "s") != (at is not None):
        return None
    if at is not None and (int(at[:2]) > 23 or int(at[2:]) > 59):
        return None
    return Manage(ACTIONS[match.group(1)], int(match.group(2)),
                  f"{at[:2]}:{at[2:]}" if at else None)


def when_text(sub: Subscription, default_zone: str) -> str:
    """E.g. ``daily at 08:00 (Europe/Berlin)``."""
    return (f"{format_weekdays(sub.weekdays)} at {sub.time_of_day} "
            f"({sub.zone_name(default_zone)})")


def next_text(sub: Subscription, zone: tzinfo) -> str:
    """The next delivery in the subscription's zone, e.g. ``Mon 2026-03-02 08:00``."""
    if sub.paused or sub.next_run_at is None:
        return "paused" + (f" ({sub.pause_reason})" if sub.pause_reason else "")
    local: datetime = sub.next_run_at.astimezone(zone)
    return f"next {local:%a %Y-%m-%d %H:%M}"


def render_subscribed(sub: Subscription, default_zone: str) -> str:
    """The confirmation after /subscribe or the Subscribe button."""
    zone = sub.zone(default_zone)
    label = escape(shorten(sub.label, MAX_LABEL_CHARS))
    return (f"🔔 Subscribed to {bold(sub.label)}: {escape(when_text(sub, default_zone))}, "
            f"{escape(next_text(sub, zone))}.\n"
            f"{italic('/subscriptions to change it, /unsubscribe ' + label + ' to stop.')}")


def _status_line(item: Listed) -> str:
    last = item.last
    if last is None:
        return ""
    note = {Status.SENT: "last sent", Status.EMPTY: "last period had nothing new",
            Status.FAILED: "last delivery FAILED", Status.SKIPPED: "last run skipped (missed)",
            Status.UNDELIVERABLE: "last delivery undeliverable",
            Status.SENDING: "sending now"}[last.status]
    detail = f": {shorten(last.last_error, 80)}" if last.last_error else ""
    return f"\n   {italic(f'{note} ({last.period_key}){detail}')}"


def render_subscriptions(items: list[Listed], default_zone: str) -> str:
    """The list for /subscriptions, one numbered entry per subscription."""
    if not items:
        return ("No subscriptions here yet. Try " + code("/subscribe russia-china 08:00") + ".")
    lines = [bold("Subscriptions")]
    for number, item in enumerate(items, start=1):
        sub = item.subscription
        empty = "say when empty" if sub.empty_policy == EmptyPolicy.NOTIFY else "skip if empty"
        where = f", thread {sub.thread_id}" if sub.thread_id else ""
        lines.append(
            f"{number}. {bold(shorten(sub.label, MAX_LABEL_CHARS))} — "
            f"{escape(when_text(sub, default_zone))}, "
            f"{escape(next_text(sub, sub.zone(default_zone)))}; {escape(empty + where)}"
            + _status_line(item))
    return "\n".join(lines)


def subscriptions_keyboard(items: list[Listed]) -> InlineKeyboardMarkup | None:
    """One row per subscription: time, pause or resume, digest now, empty policy, remove."""
    rows = []
    for number, item in enumerate(items, start=1):
        sub = item.subscription
        toggle = (("▶️ Resume", "resume") if sub.paused else ("⏸ Pause", "pause"))
        rows.append([
            InlineKeyboardButton(f"{number}. 🕗 Time", callback_data=manage_data("times", sub.id)),
            InlineKeyboardButton(toggle[0], callback_data=manage_data(toggle[1], sub.id)),
            InlineKeyboardButton("📰 Now", callback_data=manage_data("now", sub.id)),
            InlineKeyboardButton("∅ Empty", callback_data=manage_data("empty", sub.id)),
            InlineKeyboardButton("🗑", callback_data=manage_data("remove", sub.id)),
        ])
    return InlineKeyboardMarkup(rows) if rows else None


def times_keyboard(subscription_id: int) -> InlineKeyboardMarkup:
    """A few times to pick from (any other: /subscribe again with HH:MM)."""
    buttons = [InlineKeyboardButton(t, callback_data=manage_data("set_time", subscription_id, t))
               for t in TIME_CHOICES]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def render_delivery(digest: Digest, sub: Subscription, zone: tzinfo,
                    bot_username: str | None = None) -> list[str]:
    """A scheduled digest; an empty period says so in one line (for the notify policy)."""
    if digest.is_empty:
        return [f"No new articles on {bold(shorten(sub.label, MAX_LABEL_CHARS))}."]
    pieces = render_digest(digest, bot_username=bot_username, tz=zone)
    if digest.widened:
        note = italic("Nothing new in the last 24 hours — here are the latest stories.")
        pieces = [note, *pieces]
    return pieces


def render_welcome(bot_username: str) -> str:
    """Said once when the bot joins a group: how to subscribe and how to ask."""
    return (f"👋 Hi! Admins can subscribe this group with "
            f"{code('/subscribe@' + bot_username + ' russia-china 08:00')}; anyone can ask "
            f"{code('/summary@' + bot_username + ' <topic>')} or "
            f"{code('/digest@' + bot_username + ' <topic>')}.")
