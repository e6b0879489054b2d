"""Telegram HTML and keyboards for subscriptions: the list, confirmations, delivered digests.

Management buttons carry ``sm:<action>:<subscription id>[:<HHMM>]`` (at most 30 bytes, well
under Telegram's 64), decoded here as untrusted input like every other callback. The list is
paged to stay within Telegram's limits (4096 characters, 100 buttons per message); a page
button names a subscription on the page it shows (``sm:g:<id>``), so a press is checked like
any other management press.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.limits import utf16_units
from bot.render.digest import render_digest
from bot.render.html import bold, code, escape, italic, shorten, translated_html
from bot.render.inline import inline_digest_keyboard
from bot.render.keyboards import share_button
from digests import reasons
from digests.i18n import ENGLISH, N_, Translator
from digests.models import Digest
from digests.models.subscriptions import USER_PAUSE, EmptyPolicy, Status, Subscription
from digests.subscriptions.manage import Listed
from digests.subscriptions.weekdays import format_weekdays

TIME_CHOICES = ("07:00", "08:00", "09:00", "12:00", "18:00", "21:00")
MAX_LABEL_CHARS = 60
PAGE_SIZE = 10  # five buttons each, plus a row to turn pages: well under 100 buttons
PAGE_TEXT_BUDGET = 3900  # UTF-16 units of HTML, under the 4096 of a message's text
_DATA_RE = re.compile(r"sm:([tsprxneg]):([0-9]{1,18})(?::([0-9]{4}))?")
ACTIONS = {"t": "times", "s": "set_time", "p": "pause", "r": "resume", "x": "remove",
           "n": "now", "e": "empty", "g": "page"}


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


#: The short day forms `format_weekdays` gives, as catalog texts.
DAY_FORMS = {"daily": N_("daily"), "mon-fri": N_("mon-fri"), "sat,sun": N_("sat,sun")}


def when_text(sub: Subscription, default_zone: str, *, t: Translator = ENGLISH) -> str:
    """E.g. ``daily at 08:00 (Europe/Berlin)``, ``ежедневно в 08:00 (Europe/Berlin)``."""
    days = format_weekdays(sub.weekdays)
    return t.gettext("{days} at {time} ({zone})",
                     days=t.gettext(DAY_FORMS[days]) if days in DAY_FORMS else days,
                     time=sub.time_of_day, zone=sub.zone_name(default_zone))


def next_text(sub: Subscription, zone: tzinfo, *, t: Translator = ENGLISH) -> str:
    """The next delivery in the subscription's zone, e.g. ``next Mon 2026-03-02 08:00``."""
    if sub.paused or sub.next_run_at is None:
        paused = t.gettext("paused")
        # Stored reasons are English texts of the catalogs: shown in the chat's language.
        return paused + (f" ({pause_reason(sub.pause_reason, t)})" if sub.pause_reason else "")
    local: datetime = sub.next_run_at.astimezone(zone)
    weekday = format_date(local.date(), "EEE", locale=t.language)
    moment = f"{weekday} {local:%Y-%m-%d %H:%M}"
    return t.gettext("next {when}", when=moment)


def pause_reason(reason: str, t: Translator) -> str:
    """Why a subscription is paused: by its chat (`USER_PAUSE`), or the core's reason."""
    return t.gettext(USER_PAUSE) if reason == USER_PAUSE else reasons.translate(reason, t)


def short_label(sub: Subscription) -> str:
    """The subscription's label cut to `MAX_LABEL_CHARS` (raw text: escape it to render)."""
    return shorten(sub.label, MAX_LABEL_CHARS)


def render_subscribed(sub: Subscription, default_zone: str, *,
                      t: Translator = ENGLISH, title: str | None = None) -> str:
    """The confirmation after /subscribe or the Subscribe button, in the chat's language.

    A named topic is confirmed by its `title` in the chat's language ("Отношения России
    и Китая"), not its key; the key stays in the /unsubscribe hint, where it is typed.
    """
    zone = sub.zone(default_zone)
    label = short_label(sub)  # italic() escapes it
    subscribed = translated_html(t, "Subscribed to {topic}: {when}, {next}.",
                                 topic=bold(shorten(title, MAX_LABEL_CHARS) if title else label),
                                 when=escape(when_text(sub, default_zone, t=t)),
                                 next=escape(next_text(sub, zone, t=t)))
    hint = t.gettext("/subscriptions to change it, /unsubscribe {topic} to stop.", topic=label)
    return f"🔔 {subscribed}\n{italic(hint)}"


#: The last delivery's outcome under each listed subscription, as catalog texts.
STATUS_NOTES = {Status.SENT: N_("last sent"), Status.EMPTY: N_("last period had nothing new"),
                Status.FAILED: N_("last delivery FAILED"),
                Status.SKIPPED: N_("last run skipped (missed)"),
                Status.UNDELIVERABLE: N_("last delivery undeliverable"),
                Status.SENDING: N_("sending now")}


def _status_line(item: Listed, t: Translator) -> str:
    last = item.last
    if last is None:
        return ""
    note = t.gettext(STATUS_NOTES[last.status])
    detail = f": {shorten(reasons.translate(last.last_error, t), 80)}" if last.last_error else ""
    day = last.period_key.partition("@")[0]  # the local date, without the zone
    return f"\n   {italic(f'{note} ({day}){detail}')}"


def _entry(number: int, item: Listed, default_zone: str, t: Translator) -> str:
    sub = item.subscription
    empty = (t.gettext("say when empty") if sub.empty_policy == EmptyPolicy.NOTIFY
             else t.gettext("skip if empty"))
    where = t.gettext(", thread {thread}", thread=sub.thread_id) if sub.thread_id else ""
    return (f"{number}. {bold(short_label(sub))} — "
            f"{escape(when_text(sub, default_zone, t=t))}, "
            f"{escape(next_text(sub, sub.zone(default_zone), t=t))}; {escape(empty + where)}"
            + _status_line(item, t))


def listing_pages(items: list[Listed], default_zone: str, *,
                  t: Translator = ENGLISH) -> list[range]:
    """Split the list into pages (index ranges) that each fit one message with its buttons.

    Pages are cut from the text in the chat's language, which is what must fit.
    """
    pages: list[range] = []
    start, used = 0, 0
    for index, item in enumerate(items):
        size = utf16_units(_entry(index + 1, item, default_zone, t)) + 1
        if index > start and (index - start >= PAGE_SIZE or used + size > PAGE_TEXT_BUDGET):
            pages.append(range(start, index))
            start, used = index, 0
        used += size
    pages.append(range(start, len(items)))
    return pages


def page_of(items: list[Listed], default_zone: str, subscription_id: int, *,
            t: Translator = ENGLISH) -> int:
    """The page showing a subscription (the first page if it is gone)."""
    index = next((i for i, item in enumerate(items)
                  if item.subscription.id == subscription_id), 0)
    return next(n for n, page in enumerate(listing_pages(items, default_zone, t=t))
                if index in page or index == page.start)


def render_subscriptions(items: list[Listed], default_zone: str, page: int = 0, *,
                         t: Translator = ENGLISH) -> str:
    """One page of the list for /subscriptions, numbered across pages."""
    if not items:
        return translated_html(t, "No subscriptions here yet. Try {example}.",
                               example=code("/subscribe russia-china 08:00"))
    pages = listing_pages(items, default_zone, t=t)
    page = max(0, min(page, len(pages) - 1))
    title = t.gettext("Subscriptions") + (
        t.gettext(" (page {page} of {pages})", page=page + 1, pages=len(pages))
        if len(pages) > 1 else "")
    lines = [bold(title)]
    lines += [_entry(index + 1, items[index], default_zone, t) for index in pages[page]]
    return "\n".join(lines)


def subscriptions_keyboard(items: list[Listed], default_zone: str, page: int = 0, *,
                           t: Translator = ENGLISH) -> InlineKeyboardMarkup | None:
    """Per subscription on the page: time, pause or resume, digest now, empty policy, remove.

    A last row turns the page when the list has more than one.
    """
    if not items:
        return None
    pages = listing_pages(items, default_zone, t=t)
    page = max(0, min(page, len(pages) - 1))
    rows = []
    for index in pages[page]:
        sub = items[index].subscription
        toggle = ((t.gettext("▶️ Resume"), "resume") if sub.paused
                  else (t.gettext("⏸ Pause"), "pause"))
        rows.append([
            InlineKeyboardButton(t.gettext("{number}. 🕗 Time", number=index + 1),
                                 callback_data=manage_data("times", sub.id)),
            InlineKeyboardButton(toggle[0], callback_data=manage_data(toggle[1], sub.id)),
            InlineKeyboardButton(t.gettext("📰 Now"), callback_data=manage_data("now", sub.id)),
            InlineKeyboardButton(t.gettext("∅ Empty"),
                                 callback_data=manage_data("empty", sub.id)),
            InlineKeyboardButton("🗑", callback_data=manage_data("remove", sub.id)),
        ])
    turn = []
    if page > 0:
        first = items[pages[page - 1].start].subscription.id
        turn.append(InlineKeyboardButton(t.gettext("◀️ Previous"),
                                         callback_data=manage_data("page", first)))
    if page < len(pages) - 1:
        first = items[pages[page + 1].start].subscription.id
        turn.append(InlineKeyboardButton(t.gettext("Next ▶️"),
                                         callback_data=manage_data("page", first)))
    if turn:
        rows.append(turn)
    return InlineKeyboardMarkup(rows)


def times_keyboard(subscription_id: int) -> InlineKeyboardMarkup:
    """A few times to pick from (any other: /subscribe again with HH:MM)."""
    buttons = [InlineKeyboardButton(t, callback_data=manage_data("set_time", subscription_id, t))
               for t in TIME_CHOICES]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


class DeliveryPieces(list[str]):
    """A delivery's messages plus the keyboard that goes on the last one.

    The scheduling core only passes messages through, so the keyboard travels with them
    instead of widening the core's framework-free `Sender` protocol.
    """

    keyboard: InlineKeyboardMarkup | None = None


def delivery_keyboard(digest: Digest, bot_username: str | None, *,
                      t: Translator = ENGLISH) -> InlineKeyboardMarkup:
    """Share (and Open in the bot for named topics); no Subscribe: the chat already is."""
    if digest.topic:
        return inline_digest_keyboard(digest.topic, bot_username, t=t)
    return InlineKeyboardMarkup([[share_button(digest.query, t=t)]])


def render_delivery(digest: Digest, sub: Subscription, zone: tzinfo,
                    bot_username: str | None = None, *,
                    t: Translator = ENGLISH) -> list[str]:
    """A scheduled digest; an empty period says so in one line (for the notify policy)."""
    if digest.is_empty:
        return [translated_html(t, "No new articles on {topic}.",
                                topic=bold(short_label(sub)))]
    note = (italic(t.gettext("Nothing new in the last 24 hours — here are the latest "
                             "stories.")) if digest.widened else None)
    pieces = render_digest(digest, bot_username=bot_username, tz=zone, t=t, note=note)
    delivery = DeliveryPieces(pieces)
    delivery.keyboard = delivery_keyboard(digest, bot_username, t=t)
    return delivery


def render_welcome(bot_username: str, *, t: Translator = ENGLISH) -> str:
    """Said once when the bot joins a group: how to subscribe and how to ask."""
    topic = t.gettext("<topic>")
    subscribe = code(f"/subscribe@{bot_username} russia-china 08:00")
    summary = code(f"/summary@{bot_username} {topic}")
    digest = code(f"/digest@{bot_username} {topic}")
    welcome = translated_html(t, "Hi! Admins can subscribe this group with {subscribe}; "
                                 "anyone can ask {summary} or {digest}.",
                              subscribe=subscribe, summary=summary, digest=digest)
    return f"👋 {welcome}"
