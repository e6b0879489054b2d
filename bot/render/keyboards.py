"""Inline keyboards under summaries, digests and search results.

Every button that carries data goes through `bot.render.callback`, so `callback_data` stays
within Telegram's 64 bytes whatever the article id or topic name. Share buttons use
`switch_inline_query_chosen_chat`: the user picks a private chat, group or channel, and the
inline query arrives there pre-filled, so the same summary lands in the chosen chat.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, SwitchInlineQueryChosenChat

from bot.limits import cut_inline_query
from bot.render.callback import NOOP, search_page_data, subscribe_data
from bot.render.deeplink import article_payload
from bot.render.html import clean, is_http_url
from digests.i18n import ENGLISH, Translator


def share_button(share_query: str, *, t: Translator = ENGLISH) -> InlineKeyboardButton:
    """Open Telegram's chat picker with `@bot <share_query>` typed in the chosen chat."""
    query = cut_inline_query(" ".join(clean(share_query).split()))
    chosen = SwitchInlineQueryChosenChat(
        query=query, allow_user_chats=True, allow_group_chats=True, allow_channel_chats=True
    )
    return InlineKeyboardButton("↗️ " + t.gettext("Share"), switch_inline_query_chosen_chat=chosen)


def summary_keyboard(
    article_id: int, share_query: str | None, url: str | None, *, t: Translator = ENGLISH
) -> InlineKeyboardMarkup:
    """Share and Full article buttons for an article's summary.

    Args:
        article_id: the article; when `share_query` is None the inline query is `a_<id>`,
            the same token as the article's deep link.
        share_query: what the shared inline query should say, e.g. the user's query.
        url: the source link; the Full article button appears only for http(s) URLs.
        t: the chat's translator, for the buttons' labels.
    """
    query = share_query if share_query is not None else article_payload(article_id)
    row = [share_button(query, t=t)]
    if url is not None and is_http_url(url):
        row.append(InlineKeyboardButton("📄 " + t.gettext("Full article"), url=url))
    return InlineKeyboardMarkup([row])


def digest_keyboard(topic_name: str | None, share_query: str, *,
                    t: Translator = ENGLISH) -> InlineKeyboardMarkup:
    """Share and Subscribe buttons for a digest; Subscribe only for a named topic."""
    row = [share_button(share_query, t=t)]
    if topic_name:
        row.append(InlineKeyboardButton("🔔 " + t.gettext("Subscribe"),
                                        callback_data=subscribe_data(topic_name)))
    return InlineKeyboardMarkup([row])


def search_keyboard(query_key: str, page: int, total_pages: int) -> InlineKeyboardMarkup | None:
    """Previous / page counter / Next buttons; None when everything fits on one page."""
    if total_pages <= 1:
        return None
    page = min(max(page, 1), total_pages)
    row: list[InlineKeyboardButton] = []
    if page > 1:
        row.append(InlineKeyboardButton("◀️", callback_data=search_page_data(query_key, page - 1)))
    row.append(InlineKeyboardButton(f"{page}/{total_pages}", callback_data=NOOP))
    if page < total_pages:
        row.append(InlineKeyboardButton("▶️", callback_data=search_page_data(query_key, page + 1)))
    return InlineKeyboardMarkup([row])
