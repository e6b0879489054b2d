"""/search <query>, paged with inline buttons."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for, texts_for
from bot.render import SearchPage, decode_callback, query_key, render_search, search_keyboard
from bot.replies import cooled_down, reply_pieces, reply_text, run_blocking
from digests.chatprefs import SummaryPrefs
from digests.i18n import N_, translator
from digests.query import positive_terms
from digests.service import NewsService

PAGE_SIZE = 5
MAX_PAGES = 10
USAGE = N_("Usage: /search <words> — e.g. /search putin xi, /search \"joint statement\"")


def _page(news: NewsService, query: str, page: int, prefs: SummaryPrefs) -> tuple[str, int]:
    hits = news.search(query, limit=PAGE_SIZE * MAX_PAGES, language=prefs.language)
    total_pages = max(1, -(-len(hits) // PAGE_SIZE))
    page = min(max(page, 1), total_pages)
    shown = hits[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    terms = positive_terms(news.resolve(query).query)  # a topic name's words, not its name
    return render_search(shown, query, page, total_pages, t=translator(prefs.interface),
                         language=prefs.language, terms=terms), total_pages


async def search(update: Update, context: Context) -> None:
    """Reply with the first page of ranked results."""
    query = " ".join(context.args or []).strip()
    if not query:
        await reply_text(update, (await texts_for(update, context)).gettext(USAGE))
        return
    if not await cooled_down(update, context):
        return
    services = get_services(context)
    key = query_key(query)
    services.remember_search(key, query)
    prefs = await prefs_for(update, context)
    text, total = await run_blocking(update, context, _page, services.news, query, 1, prefs)
    await reply_pieces(update, [text], search_keyboard(key, 1, total))


async def search_page(update: Update, context: Context) -> None:
    """Turn the page of an earlier search (an inline button press)."""
    callback = update.callback_query
    if callback is None or callback.data is None:
        return
    data = decode_callback(callback.data)
    if not isinstance(data, SearchPage):
        await callback.answer()
        return
    query = get_services(context).search_queries.get(data.query_key)
    prefs = await prefs_for(update, context)
    if query is None:
        await callback.answer(translator(prefs.interface).gettext(
            "This search has expired — send /search again."), show_alert=True)
        return
    text, total = await asyncio.to_thread(_page, get_services(context).news, query, data.page,
                                          prefs)
    await callback.answer()
    await callback.edit_message_text(text, reply_markup=search_keyboard(data.query_key, data.page,
                                                                        total))
