"""The one registration point: every handler of the bot, keyed by the command list."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.commands import COMMANDS, Callback
from bot.context import Context
from bot.handlers import (
    alerts,
    channels,
    chats,
    digest,
    inline,
    messages,
    post,
    search,
    settings,
    sources,
    start,
    status,
    subscriptions,
    summary,
    topics,
)
from bot.metrics import metered
from bot.render.callback import NOOP
from bot.replies import reply_text

CALLBACKS: dict[str, Callback] = {
    "start": start.start,
    "help": start.help_handler,
    "summary": summary.summary,
    "digest": digest.digest,
    "search": search.search,
    "topics": topics.topics,
    "article": topics.article,
    "post": post.post,
    "source": sources.source,
    "sources": sources.sources,
    "subscribe": subscriptions.subscribe,
    "unsubscribe": subscriptions.unsubscribe,
    "subscriptions": subscriptions.subscriptions,
    "timezone": subscriptions.timezone,
    "alert": alerts.alert,
    "alerts": alerts.alerts,
    "unalert": alerts.unalert,
    "settings": settings.settings,
    "status": status.status,
}


async def unknown_command(update: Update, context: Context) -> None:
    """Answer an unknown command in private, or one addressed to this bot in a group."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0]
    if "@" in command:
        addressee = command.split("@", 1)[1]
        if addressee.lower() != context.bot.username.lower():
            return
    elif update.effective_chat is not None and update.effective_chat.type != "private":
        return
    t = await settings.texts_for(update, context)
    await reply_text(update, t.gettext("I don't know that command. /help lists what I can do."))


async def stale_button(update: Update, context: Context) -> None:
    """Answer presses no other handler takes (page counters, buttons of old versions).

    An unanswered callback query leaves a spinner on the user's button for seconds.
    """
    query = update.callback_query
    if query is None:
        return
    if query.data == NOOP:
        await query.answer()
    else:
        t = await settings.texts_for(update, context)
        await query.answer(t.gettext("This button is no longer active."))


def build_handlers() -> list[BaseHandler[Update, Context, None]]:
    """Handlers in registration order: commands, buttons, private messages, fallbacks."""
    missing = {c.name for c in COMMANDS} - CALLBACKS.keys()
    if missing:
        raise RuntimeError(f"commands without a handler: {sorted(missing)}")
    handlers: list[BaseHandler[Update, Context, None]] = [
        CommandHandler(c.name, metered(c.name, CALLBACKS[c.name])) for c in COMMANDS
    ]
    handlers += [
        InlineQueryHandler(metered("inline", inline.InlineAnswers().inline_query)),
        MessageHandler(filters.UpdateType.CHANNEL_POSTS & (filters.TEXT | filters.CAPTION),
                       metered("channel_post", channels.channel_post)),
        CallbackQueryHandler(metered("button:search", search.search_page), pattern=r"^s:"),
        CallbackQueryHandler(metered("button:settings", settings.settings_button),
                             pattern=r"^st:"),
        CallbackQueryHandler(metered("button:subscribe", subscriptions.subscribe_button),
                             pattern=r"^sub:"),
        CallbackQueryHandler(metered("button:manage", subscriptions.manage_button),
                             pattern=r"^sm:"),
        CallbackQueryHandler(metered("button:alert", alerts.alert_button), pattern=r"^a[mr]:"),
        CallbackQueryHandler(metered("button:stale", stale_button)),
        ChatMemberHandler(metered("chat_member", chats.my_chat_member),
                          ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.COMMAND, metered("unknown_command", unknown_command)),
        MessageHandler(
            filters.ChatType.PRIVATE & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND,
            metered("message", messages.private_message),
        ),
    ]
    return handlers


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler to the application."""
    application.add_handlers(build_handlers())
    # Before the commands (group -1): a /start resumes the user's paused subscriptions.
    application.add_handler(CommandHandler("start", chats.started), group=-1)
