"""/digest [topic] [since]."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.handlers.shared import send_digest
from bot.render import escape, render_topics
from bot.replies import cooled_down, reply_pieces
from digests.i18n import N_
from digests.timeparse import parse_duration

DIGEST_HINT = N_("Which topic? For example /digest russia-china, or /digest putin 7d for a "
                 "query.")


async def digest(update: Update, context: Context) -> None:
    """Send the digest for a topic or query, over an optional window such as 7d."""
    if not await cooled_down(update, context):
        return
    args = list(context.args or [])
    since = None
    if args:
        try:
            since = parse_duration(args[-1])
            args.pop()
        except ValueError:
            since = None
    if not args:
        topics = list(get_services(context).news.topics.values())
        t = await texts_for(update, context)
        await reply_pieces(update, [escape(t.gettext(DIGEST_HINT)), render_topics(topics, t=t)])
        return
    await send_digest(update, context, " ".join(args), since)
