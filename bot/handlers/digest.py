"""/digest [topic] [period]: today, yesterday, week, 7d, since Monday (`digests.periods`)."""

from __future__ import annotations

import asyncio
from datetime import tzinfo

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.handlers.shared import send_digest
from bot.render import escape, render_topics
from bot.replies import cooled_down, reply_pieces, reply_text
from digests.i18n import N_
from digests.periods import PeriodError, split_period
from digests.subscriptions.zones import zone_of

DIGEST_HINT = N_("Which topic? For example /digest russia-china, or /digest putin 7d for a "
                 "query.")


async def chat_zone(update: Update, context: Context) -> tzinfo:
    """The chat's time zone (/timezone), else the bot's default: where its days start."""
    chat = update.effective_chat
    services = get_services(context)
    default = services.settings.default_timezone
    if chat is None:
        return zone_of(default)
    name = await asyncio.to_thread(services.chats.zone_of, chat.id)
    return zone_of(name, default)


async def digest(update: Update, context: Context) -> None:
    """Send the digest for a topic or query, over an optional period such as yesterday."""
    if not await cooled_down(update, context):
        return
    services = get_services(context)
    try:
        words, period = split_period(list(context.args or []), services.news.clock(),
                                     await chat_zone(update, context))
    except PeriodError as error:
        t = await texts_for(update, context)
        await reply_text(update, error.explain(t))
        return
    if not words:
        topics = list(services.news.topics.values())
        t = await texts_for(update, context)
        await reply_pieces(update, [escape(t.gettext(DIGEST_HINT)), render_topics(topics, t=t)])
        return
    await send_digest(update, context, " ".join(words), None, period=period)
