"""Steps several handlers share: send an article's summary, send a digest.

Handlers parse arguments and call these; the service call runs off the event loop.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for, texts_for
from bot.render import (
    article_payload,
    deep_link,
    digest_keyboard,
    render_digest,
    render_summary,
    summary_keyboard,
)
from bot.render.hints import render_nothing_found
from bot.render.html import italic
from bot.replies import reply_pieces, reply_text, run_blocking
from digests.i18n import translator
from digests.periods import Period
from digests.service import ArticleSummary
from digests.suggest import nothing_found


async def send_summary(update: Update, context: Context, found: ArticleSummary) -> None:
    """Reply with a rendered summary and its Share / Full article keyboard.

    A private article (text this chat sent) gets neither a deep link nor Share: nobody
    else could open it, so both would only lead to "not found".
    """
    services = get_services(context)
    t = await texts_for(update, context)
    if found.article.owner_chat_id is not None:
        await reply_pieces(update, render_summary(found.article, found.summary, deep_link=None,
                                                  t=t))
        return
    link = (deep_link(services.bot_username, article_payload(found.article.id))
            if services.bot_username else None)
    pieces = render_summary(found.article, found.summary, deep_link=link, t=t)
    keyboard = summary_keyboard(found.article.id, None, found.article.url, t=t)
    await reply_pieces(update, pieces, keyboard)


async def send_article_summary(update: Update, context: Context, article_id: int) -> None:
    """Summarize a stored article by id, if this chat may see it (private texts: owner only)."""
    news = get_services(context).news
    prefs = await prefs_for(update, context)
    chat = update.effective_chat
    found = await run_blocking(update, context, news.summary_of_article, article_id,
                               algorithm=prefs.algorithm, length=prefs.length,
                               viewer_chat_id=chat.id if chat else None)
    await send_summary(update, context, found)


async def send_digest(update: Update, context: Context, topic: str,
                      since: timedelta | None, *, period: Period | None = None) -> None:
    """Compose and send a digest; widen to the latest matches when the window is empty.

    A digest that is still empty is not sent (in a group it would be an empty post): the
    chat is told plainly that nothing was found, with what to try (`bot.render.hints`).
    """
    services = get_services(context)
    prefs = await prefs_for(update, context)
    window: dict[str, object] = ({"start": period.start, "until": period.until}
                                 if period is not None else {"since": since})
    digest = await run_blocking(update, context, services.news.digest, topic, **window,
                                widen=since is None and period is None,
                                algorithm=prefs.algorithm, length=prefs.length,
                                language=prefs.language, interface=prefs.interface)
    t = translator(prefs.interface)
    if digest.is_empty:
        found = nothing_found(topic, services.news.topics)
        await reply_text(update, render_nothing_found(found, t=t))
        return
    note = (italic(t.gettext("Nothing new in the last 24 hours — here are the latest "
                             "stories on this topic.")) if digest.widened else None)
    pieces = render_digest(digest, bot_username=services.bot_username or None, t=t,
                           note=note)
    share = digest.topic or digest.query
    await reply_pieces(update, pieces, digest_keyboard(digest.topic, share, t=t))
