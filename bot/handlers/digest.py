"""/digest [topic] [since]."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.shared import send_digest
from bot.render import escape, render_topics
from bot.replies import cooled_down, reply_pieces
from digests.timeparse import parse_duration

DIGEST_HINT = "Which topic? For example /digest russia-china, or /digest putin 7d for a query."


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
        await reply_pieces(update, [escape(DIGEST_HINT), render_topics(topics)])
        return
    await send_digest(update, context, " ".join(args), since)
