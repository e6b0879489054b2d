"""/status: the bot's health for its admins (the same report as `newsdigest status`)."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.render.status import render_status
from bot.replies import is_group, reply_pieces, reply_text
from digests.i18n import N_

ADMINS_ONLY = N_("Only the bot's administrators can see its status.")
PRIVATE_ONLY = N_("Ask me /status in a private chat: it shows chat ids and feed addresses.")


async def status(update: Update, context: Context) -> None:
    """Counts, feed health, deliveries and the last errors; bot admins, private chats only."""
    services = get_services(context)
    t = await texts_for(update, context)
    user = update.effective_user
    if user is None or user.id not in services.settings.admin_user_ids:
        await reply_text(update, t.gettext(ADMINS_ONLY))
    elif is_group(update):
        await reply_text(update, t.gettext(PRIVATE_ONLY))
    else:
        report = await asyncio.to_thread(services.news.status)
        await reply_pieces(update, render_status(report, t))
