"""/alert, /alerts, /unalert and the alert buttons (Mute this story, Remove alert).

Who may change alerts is who may change subscriptions: anyone in a private chat, only
administrators (anonymous ones too) in groups, a channel's administrator from a private
chat with ``/alert @channel <topic>``; in a forum an alert posts to its thread.
"""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for
from bot.handlers.subscriptions import chat_info, thread_of
from bot.permissions import check_channel, is_admin, may_manage
from bot.render.alerts import alerts_keyboard, decode_mute, render_alerts
from bot.render.html import escape, sentence, shorten
from bot.replies import reply_pieces, reply_text
from digests.alerts.args import MAX_PER_DAY_LIMIT, AlertArgsError, parse_alert
from digests.i18n import Translator, translator
from digests.models.subscriptions import ChatInfo
from digests.query import QueryError
from digests.subscriptions.manage import TooManySubscriptionsError
from digests.topics import UnknownTopic

MAX_ECHO_CHARS = 100


def usage(t: Translator) -> str:
    """How /alert is used."""
    return t.gettext("Usage: /alert <topic | query> [quiet HH:MM-HH:MM] [max N/day], "
                     "e.g. /alert earthquake quiet 22:00-07:00 max 5/day")


def refusal(t: Translator) -> str:
    """Said to members who are not administrators."""
    return t.gettext("Sorry, only this chat's administrators can change its alerts.")


def problem(error: AlertArgsError, t: Translator) -> str:
    """A bad /alert argument, said in the chat's language."""
    if error.code == "quiet":
        rule = t.gettext("Quiet hours look like 22:00-07:00 (start and end differ).")
        return f"{sentence(error.cause.explain(t))}\n{rule}" if error.cause is not None else rule
    if error.code == "max":
        return t.gettext("max N/day takes a whole number from 1 to {limit}.",
                         limit=MAX_PER_DAY_LIMIT)
    return usage(t)


async def _target(update: Update, context: Context, args: list[str],
                  t: Translator) -> ChatInfo | None:
    message = update.effective_message
    assert message is not None
    if args and args[0].startswith("@") and message.chat.type == "private":
        user = message.from_user
        check = await check_channel(context.bot, args.pop(0), user.id if user else 0, t=t)
        if check.chat is None or not check.ok:
            await reply_text(update, check.problem or t.gettext("I can't use that channel."))
            return None
        return ChatInfo(check.chat.id, "channel", check.chat.title, check.chat.username)
    if not await may_manage(context.bot, message):
        await reply_text(update, refusal(t))
        return None
    return chat_info(message)


async def alert(update: Update, context: Context) -> None:
    """Alert this chat (or a named channel) of each new story on a topic or query."""
    t = translator((await prefs_for(update, context)).interface)
    args = list(context.args or [])
    message = update.effective_message
    if message is None or not args:
        await reply_text(update, usage(t))
        return
    chat = await _target(update, context, args, t)
    if chat is None:
        return
    try:
        request = parse_alert(args)
    except AlertArgsError as error:
        await reply_text(update, problem(error, t))
        return
    services = get_services(context)
    thread = thread_of(message) if chat.chat_id == message.chat.id else None
    user = update.effective_user.id if update.effective_user else None
    try:
        sub = await asyncio.to_thread(services.alerts.add, chat, thread, request, user)
    except (UnknownTopic, QueryError) as error:
        await reply_text(update, sentence(error.explain(t)).rstrip(".") + ". /topics")
        return
    except TooManySubscriptionsError as error:
        await reply_text(update, t.gettext("Sorry, a chat can have at most {limit} alerts.",
                                           limit=error.limit))
        return
    topic = get_services(context).news.topics.get(sub.topic or "")
    label = topic.title_in(t.language) if topic is not None else sub.label  # the chat's words
    lines = [t.gettext("🚨 Alert on {label}: each new story once, as it arrives; later "
                       "reports of it edit that message.",
                       label=shorten(label, MAX_ECHO_CHARS))]
    if sub.quiet_hours:
        lines.append(t.gettext("Quiet hours {span}: held, then one round-up.",
                               span=sub.quiet_hours))
    if sub.max_per_day:
        lines.append(t.gettext("At most {count} a day; more go into the next digest.",
                               count=sub.max_per_day))
    await reply_pieces(update, ["\n".join(escape(line) for line in lines)])


async def alerts(update: Update, context: Context) -> None:
    """List this chat's alerts, each with a Remove button."""
    t = translator((await prefs_for(update, context)).interface)
    message = update.effective_message
    assert message is not None
    items = await asyncio.to_thread(get_services(context).alerts.listing, message.chat.id)
    await reply_pieces(update, [render_alerts(items, t=t)], alerts_keyboard(items, t=t))


async def unalert(update: Update, context: Context) -> None:
    """Remove this chat's alerts on a topic or query."""
    t = translator((await prefs_for(update, context)).interface)
    args = list(context.args or [])
    chat = await _target(update, context, args, t)
    if chat is None:
        return
    if not args:
        await reply_text(update, t.gettext("Usage: /unalert <topic>. /alerts lists them."))
        return
    found = await asyncio.to_thread(get_services(context).alerts.unalert, chat.chat_id,
                                    " ".join(args))
    named = shorten(" ".join(args), MAX_ECHO_CHARS)
    await reply_text(update, t.gettext("Alert on {label} removed.", label=named) if found
                     else t.gettext("No alert on {label} here. /alerts lists them.",
                                    label=named))


async def alert_button(update: Update, context: Context) -> None:
    """Mute this story (``am:``) or Remove alert (``ar:``)."""
    query = update.callback_query
    assert query is not None
    assert query.message is not None
    t = translator((await prefs_for(update, context)).interface)
    chat = query.message.chat
    if chat.type not in ("private", "channel") and not await is_admin(
            context.bot, chat.id, query.from_user.id):
        await query.answer(refusal(t), show_alert=True)
        return
    services = get_services(context)
    data = query.data or ""
    muted = decode_mute(data)
    if muted is not None:
        await asyncio.to_thread(services.alerts.mute, muted, chat.id)
        await query.answer(t.gettext("Muted: no more updates of this story."))
        return
    digits = data[3:] if data.startswith("ar:") else ""
    if not (digits.isascii() and digits.isdigit() and len(digits) < 12
            and await asyncio.to_thread(services.alerts.remove_from, chat.id, int(digits))):
        await query.answer(t.gettext("That alert no longer exists."))
        return
    await query.answer(t.gettext("Removed."))
    items = await asyncio.to_thread(services.alerts.listing, chat.id)
    await query.edit_message_text(render_alerts(items, t=t),
                                  reply_markup=alerts_keyboard(items, t=t))
