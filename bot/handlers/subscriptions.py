"""/subscribe, /unsubscribe, /subscriptions, /timezone and their buttons.

Groups: only administrators (anonymous ones included) may change a group's subscriptions.
Channels are managed from a private chat by naming them: ``/subscribe @channel <topic> …``,
after checking that the user administers the channel and the bot may post in it.
"""

from __future__ import annotations

import asyncio

from telegram import Message, Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.handlers.shared import send_digest
from bot.permissions import check_channel, is_admin, may_manage
from bot.render import Subscribe, decode_callback, resolve_topic_token
from bot.render.alerts import alerts_keyboard, render_alerts
from bot.render.html import sentence, shorten
from bot.render.subscriptions import (
    MAX_LABEL_CHARS,
    decode_manage,
    page_of,
    render_subscribed,
    render_subscriptions,
    subscriptions_keyboard,
    times_keyboard,
)
from bot.replies import reply_pieces, reply_text
from digests.i18n import ENGLISH, N_, Translator, explain
from digests.models.subscriptions import ChatInfo
from digests.query import QueryError
from digests.quoting import quoted
from digests.services.subscriptions import SubscriptionService, TooManySubscriptionsError
from digests.subscriptions.args import SubscribeRequest, parse_subscribe
from digests.subscriptions.schedule import parse_time_of_day
from digests.subscriptions.weekdays import format_weekdays
from digests.subscriptions.zones import UnknownTimeZone
from digests.topics import UnknownTopic

USAGE = N_("Usage: /subscribe <topic or query> [HH:MM] [mon-fri] [time zone] [notify], "
           "e.g. /subscribe russia-china 08:00 Europe/Berlin")
REFUSAL = N_("Sorry, only this chat's administrators can change its subscriptions.")
ALREADY = N_("Already subscribed to {topic}: {days} at {time}.")
MAX_ECHO_CHARS = 100


def too_many(error: TooManySubscriptionsError, t: Translator = ENGLISH) -> str:
    """The polite refusal of one subscription too many."""
    return t.ngettext("Sorry, a chat can have at most {count} subscription. "
                      "Remove one with /subscriptions first.",
                      "Sorry, a chat can have at most {count} subscriptions. "
                      "Remove one with /subscriptions first.", error.limit)


def chat_info(message: Message) -> ChatInfo:
    """The message's chat as the store records it."""
    chat = message.chat
    return ChatInfo(chat.id, chat.type, chat.title, chat.username)


def thread_of(message: Message) -> int | None:
    """The forum topic a message was written in, if any."""
    return message.message_thread_id if message.is_topic_message else None


async def _target(update: Update, context: Context, args: list[str]) -> ChatInfo | None:
    """The chat to manage: a named @channel from a private chat, else this chat if allowed."""
    message = update.effective_message
    assert message is not None
    if args and args[0].startswith("@") and message.chat.type == "private":
        user = message.from_user
        t = await texts_for(update, context)
        check = await check_channel(context.bot, args.pop(0), user.id if user else 0, t=t)
        if check.chat is None or not check.ok:
            await reply_text(update, check.problem or t.gettext("I can't use that channel."))
            return None
        return ChatInfo(check.chat.id, "channel", check.chat.title, check.chat.username)
    if not await may_manage(context.bot, message):
        await reply_text(update, (await texts_for(update, context)).gettext(REFUSAL))
        return None
    return chat_info(message)


async def subscribe(update: Update, context: Context) -> None:
    """Subscribe this chat (or a named channel) to a topic's scheduled digest."""
    args = list(context.args or [])
    message = update.effective_message
    if message is None or not args:
        await reply_text(update, (await texts_for(update, context)).gettext(USAGE))
        return
    chat = await _target(update, context, args)
    if chat is None:
        return
    t = await texts_for(update, context)
    try:
        request = parse_subscribe(args)
    except UnknownTimeZone as error:
        await reply_text(update, _zone_problem(error, t))
        return
    except ValueError as error:
        await reply_text(update, f"{sentence(explain(error, t))}\n{t.gettext(USAGE)}")
        return
    await _subscribe(update, context, chat, request)


async def _subscribe(update: Update, context: Context, chat: ChatInfo,
                     request: SubscribeRequest) -> None:
    services = get_services(context)
    message = update.effective_message
    assert message is not None
    thread = thread_of(message) if chat.chat_id == message.chat.id else None
    user = update.effective_user.id if update.effective_user else None
    try:
        sub = await asyncio.to_thread(services.subscriptions.subscribe, chat, thread, request,
                                      user)
    except (UnknownTopic, QueryError) as error:
        t = await texts_for(update, context)
        detail = sentence(error.explain(t))
        await reply_text(update, detail.rstrip(".") + ". "
                         + t.gettext("/topics lists the named topics."))
        return
    except TooManySubscriptionsError as error:
        await reply_text(update, too_many(error, await texts_for(update, context)))
        return
    t = await texts_for(update, context)
    topic = services.news.topics.get(sub.topic or "")
    title = topic.title_in(t.language) if topic is not None else None
    await reply_pieces(update, [render_subscribed(sub, services.settings.default_timezone,
                                                  t=t, title=title)])


def _zone_problem(error: UnknownTimeZone, t: Translator = ENGLISH) -> str:
    hint = (" " + t.gettext("Did you mean {names}?", names=", ".join(error.suggestions))
            if error.suggestions else "")
    return (t.gettext("I don't know the time zone {zone}.", zone=quoted(error.text)) + hint
            + " " + t.gettext("Use an IANA name like Europe/Berlin, a city like Tokyo, "
                              "or an offset like UTC+05:30."))


async def unsubscribe(update: Update, context: Context) -> None:
    """Remove this chat's (or a named channel's) subscriptions to a topic."""
    args = list(context.args or [])
    chat = await _target(update, context, args)
    if chat is None:
        return
    t = await texts_for(update, context)
    if not args:
        await reply_text(update, t.gettext("Usage: /unsubscribe <topic>. /subscriptions lists "
                                           "them."))
        return
    found = await asyncio.to_thread(get_services(context).subscriptions.unsubscribe,
                                    chat.chat_id, " ".join(args))
    named = shorten(" ".join(args), MAX_ECHO_CHARS)
    await reply_text(update, t.gettext("Unsubscribed from {topic}.", topic=named) if found
                     else t.gettext("No subscription to {topic} here. /subscriptions lists "
                                    "them.", topic=named))


async def subscriptions(update: Update, context: Context) -> None:
    """List this chat's (or a named channel's) subscriptions with buttons."""
    args = list(context.args or [])
    message = update.effective_message
    assert message is not None
    named = bool(args and args[0].startswith("@"))
    chat = await _target(update, context, args) if named else chat_info(message)
    if chat is None:
        return
    services = get_services(context)
    items = await asyncio.to_thread(services.subscriptions.listing, chat.chat_id)
    zone = services.settings.default_timezone
    t = await texts_for(update, context)
    await reply_pieces(update, [render_subscriptions(items, zone, t=t)],
                       subscriptions_keyboard(items, zone, t=t))
    alerts = await asyncio.to_thread(services.alerts.listing, chat.chat_id)
    if alerts:  # alerts next to the daily digests, each with its Remove button
        await reply_pieces(update, [render_alerts(alerts, t=t)], alerts_keyboard(alerts, t=t))


async def timezone(update: Update, context: Context) -> None:
    """Show or set the chat's time zone (IANA name, city, or UTC±hh:mm)."""
    args = list(context.args or [])
    message = update.effective_message
    assert message is not None
    chats = get_services(context).chats
    t = await texts_for(update, context)
    if not args:
        zone = await asyncio.to_thread(chats.zone_of, message.chat.id)
        await reply_text(update, t.gettext(
            "This chat's time zone is {zone}. Change it with /timezone Europe/Berlin, "
            "/timezone Tokyo or /timezone UTC+05:30.", zone=zone))
        return
    chat = await _target(update, context, args)
    if chat is None:
        return
    try:
        zone = await asyncio.to_thread(chats.set_timezone, chat, " ".join(args))
    except UnknownTimeZone as error:
        await reply_text(update, _zone_problem(error, t))
        return
    await reply_text(update, t.gettext("Time zone set to {zone}; subscriptions follow it.",
                                       zone=zone))


async def subscribe_button(update: Update, context: Context) -> None:
    """The digest's Subscribe button: subscribe this chat to the topic at 08:00."""
    query = update.callback_query
    assert query is not None
    assert query.message is not None
    decoded = decode_callback(query.data or "")
    services = get_services(context)
    name = (resolve_topic_token(decoded.topic_token, services.news.topics)
            if isinstance(decoded, Subscribe) else None)
    chat = query.message.chat
    t = await texts_for(update, context)
    if name is None:
        await query.answer(t.gettext("That topic no longer exists."))
        return
    if chat.type != "private" and not await is_admin(context.bot, chat.id, query.from_user.id):
        await query.answer(t.gettext(REFUSAL), show_alert=True)
        return
    info = ChatInfo(chat.id, chat.type, chat.title, chat.username)
    thread = getattr(query.message, "message_thread_id", None) if chat.is_forum else None
    manage = services.subscriptions
    title = shorten(services.news.topics[name].title_in(t.language), MAX_LABEL_CHARS)
    existing = await asyncio.to_thread(manage.existing, chat.id, thread, name)
    if existing is not None:  # keep the chat's own time; say when the digest comes
        await query.answer(t.gettext(ALREADY, topic=title,
                                     days=format_weekdays(existing.weekdays),
                                     time=existing.time_of_day))
        return
    try:
        sub = await asyncio.to_thread(manage.subscribe, info, thread,
                                      SubscribeRequest(name), query.from_user.id)
    except TooManySubscriptionsError as error:
        await query.answer(too_many(error, t), show_alert=True)
        return
    await query.answer(t.gettext("Subscribed to {topic}: daily at {time}.",
                                 topic=title, time=sub.time_of_day))


async def manage_button(update: Update, context: Context) -> None:
    """A button under /subscriptions: times, set time, pause, resume, remove, now, empty."""
    query = update.callback_query
    assert query is not None
    assert query.message is not None
    press = decode_manage(query.data or "")
    services = get_services(context)
    manage = services.subscriptions
    sub = await asyncio.to_thread(manage.get, press.subscription_id) if press else None
    t = await texts_for(update, context)
    if press is None or sub is None:
        await query.answer(t.gettext("That subscription no longer exists."))
        return
    if sub.chat_id != query.from_user.id and not await is_admin(
            context.bot, sub.chat_id, query.from_user.id):
        await query.answer(t.gettext(REFUSAL), show_alert=True)
        return
    if press.action == "times":
        await query.answer()
        await query.edit_message_reply_markup(times_keyboard(sub.id))
        return
    if press.action == "now":
        await query.answer()
        await send_digest(update, context, sub.label, None)
        return
    zone = services.settings.default_timezone
    items = await asyncio.to_thread(manage.listing, sub.chat_id)
    page = page_of(items, zone, sub.id, t=t)  # stay on the page the pressed one is on
    if press.action == "page":
        await query.answer()
    else:
        await asyncio.to_thread(_apply, manage, press.action, sub.id, press.at)
        await query.answer(t.gettext("Done."))
        items = await asyncio.to_thread(manage.listing, sub.chat_id)
    await query.edit_message_text(render_subscriptions(items, zone, page, t=t),
                                  reply_markup=subscriptions_keyboard(items, zone, page, t=t))


def _apply(manage: SubscriptionService, action: str, sub_id: int, at: str | None) -> None:
    if action == "set_time" and at is not None:
        manage.set_time(sub_id, parse_time_of_day(at))
    elif action == "pause":
        manage.pause(sub_id)
    elif action == "resume":
        manage.resume(sub_id)
    elif action == "remove":
        manage.remove(sub_id)
    elif action == "empty":
        manage.toggle_empty_policy(sub_id)
