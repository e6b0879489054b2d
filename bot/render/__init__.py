"""Telegram HTML for everything the bot sends: pure functions, no network.

Every renderer escapes what it interpolates and returns messages of at most 4096 visible
characters; callers send them with `parse_mode=HTML` and link previews disabled.
"""

from bot.render.article import render_article
from bot.render.callback import (
    Callback,
    Noop,
    OpenArticle,
    SearchPage,
    Subscribe,
    article_data,
    decode_callback,
    search_page_data,
    subscribe_data,
)
from bot.render.deeplink import (
    ArticleLink,
    TopicLink,
    article_payload,
    deep_link,
    parse_payload,
    topic_payload,
)
from bot.render.digest import render_digest
from bot.render.html import escape, is_http_url, link, utf16_len
from bot.render.inline import (
    article_result_id,
    digest_message,
    digest_result,
    summary_message,
    summary_result,
    topic_result_id,
)
from bot.render.keyboards import digest_keyboard, search_keyboard, summary_keyboard
from bot.render.lists import render_help, render_topics
from bot.render.parse import HtmlError, is_valid, visible_text
from bot.render.search import render_search
from bot.render.split import MAX_MESSAGE_CHARS, first_message, split_html
from bot.render.summary import render_summary
from bot.render.tokens import query_key, resolve_topic_token, topic_token

__all__ = [
    "MAX_MESSAGE_CHARS",
    "ArticleLink",
    "Callback",
    "HtmlError",
    "Noop",
    "OpenArticle",
    "SearchPage",
    "Subscribe",
    "TopicLink",
    "article_data",
    "article_payload",
    "article_result_id",
    "decode_callback",
    "deep_link",
    "digest_keyboard",
    "digest_message",
    "digest_result",
    "escape",
    "first_message",
    "is_http_url",
    "is_valid",
    "link",
    "parse_payload",
    "query_key",
    "render_article",
    "render_digest",
    "render_help",
    "render_search",
    "render_summary",
    "render_topics",
    "resolve_topic_token",
    "search_keyboard",
    "search_page_data",
    "split_html",
    "subscribe_data",
    "summary_keyboard",
    "summary_message",
    "summary_result",
    "topic_payload",
    "topic_result_id",
    "topic_token",
    "utf16_len",
    "visible_text",
]
