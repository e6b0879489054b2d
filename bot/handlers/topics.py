"""/topics and /article <id>."""

from __future__ import annotations

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.render import render_article, render_topics
from bot.replies import reply_pieces, reply_text, run_blocking
from digests.ids import parse_article_id


async def topics(update: Update, context: Context) -> None:
    """List the named topics."""
    names = list(get_services(context).news.topics.values())
    t = await texts_for(update, context)
    await reply_pieces(update, [render_topics(names, t=t)])


async def article(update: Update, context: Context) -> None:
    """Show one stored article, split into messages as needed."""
    article_id = parse_article_id(" ".join(context.args or []))
    if article_id is None:
        t = await texts_for(update, context)
        await reply_text(update, t.gettext("Usage: /article <id> — ids are shown in /search "
                                           "results."))
        return
    news = get_services(context).news
    chat = update.effective_chat
    found = await run_blocking(update, context, news.article, article_id,
                               viewer_chat_id=chat.id if chat else None)
    await reply_pieces(update, render_article(found, t=await texts_for(update, context)))
