"""/summary <topic | query | link | article id>, or as a reply to a message."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for, texts_for
from bot.handlers.shared import send_article_summary, send_summary
from bot.render import ArticleLink, parse_payload
from bot.render.credit import TELEGRAM_MESSAGE
from bot.render.hints import render_nothing_found
from bot.replies import cooled_down, reply_text, run_blocking
from digests import reasons
from digests.digits import ASCII_DIGITS
from digests.i18n import N_, Translator
from digests.ids import parse_article_id
from digests.service import ArticleSummary, NotFound
from digests.suggest import nothing_found

_START_PAYLOAD_RE = re.compile(r"[?&]start=([A-Za-z0-9_-]{1,64})")
URL_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
USAGE = N_("Usage: /summary <topic | query | link | article id>, or reply /summary to a "
           "message.")
LINK_TRAILERS = ".,;:!?)]}'\"»…"
# ftp://, file://, javascript: links are no web pages: say so instead of searching for them.
OTHER_SCHEME_RE = re.compile(r"^(?!https?://)[a-z][a-z0-9+.-]{0,15}://\S*", re.IGNORECASE)
WEB_LINKS_ONLY = N_("I can only summarize web pages: links that start with http:// or https://.")
MIN_PASTED_CHARS = 280


def reason_text(reason: str | None, t: Translator) -> str:
    """The core's reason in the chat's language (a server's own words stay as they are)."""
    return reasons.translate(reason, t)


def message_text(message: Message) -> str:
    """The text or caption of a message."""
    return message.text or message.caption or ""


def first_link(text: str) -> str | None:
    """The first http(s) link in a text, if any."""
    match = URL_RE.search(text)
    return match.group(0).rstrip(LINK_TRAILERS) if match else None


async def summarize_link(update: Update, context: Context, url: str) -> None:
    """Fetch the page, store its article and reply with the summary, or say why not."""
    services = get_services(context)
    chat = update.effective_chat
    if chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    result = await services.news.ingest_link(url)
    if result.article_id is None:
        t = await texts_for(update, context)
        await reply_text(update, t.gettext("I couldn't summarize that link: {reason}.",
                                           reason=reason_text(result.reason, t)))
        return
    await send_article_summary(update, context, result.article_id)


async def summarize_text(update: Update, context: Context, text: str, *, source: str,
                         title: str | None = None, url: str | None = None,
                         public: bool = False, published_at: datetime | None = None) -> None:
    """Ingest a pasted or forwarded text and reply with its summary.

    What a chat sends is private to that chat unless `public` (a public channel's post):
    other users must never find someone's pasted text in search, digests or by id.
    `published_at` is a forwarded post's original date; pasted text has none (undated).
    """
    chat = update.effective_chat
    if chat is None:
        return
    news = get_services(context).news
    result = await run_blocking(update, context, news.ingest_text, text, source=source,
                                title=title, url=url, published_at=published_at,
                                owner_chat_id=None if public else chat.id)
    article_id = result.article_id or result.original_id
    if article_id is None:
        t = await texts_for(update, context)
        await reply_text(update, t.gettext("I couldn't read that text: {reason}.",
                                           reason=reason_text(result.reason, t)))
        return
    await send_article_summary(update, context, article_id)


def _is_own(message: Message, context: Context) -> bool:
    return message.from_user is not None and message.from_user.id == context.bot.id


def linked_article(message: Message) -> int | None:
    """The article a bot message is about, from its "open in the bot" deep link."""
    for entity in message.entities or ():
        if entity.url and (payload := _START_PAYLOAD_RE.search(entity.url)):
            link = parse_payload(payload.group(1))
            if isinstance(link, ArticleLink):
                return link.article_id
    return None


async def summarize_own_message(update: Update, context: Context, replied: Message) -> None:
    """A reply to one of the bot's summaries re-sends that article's summary, never ingests it.

    The bot's own output is not news: storing it would put credit lines and key points
    back into digests as if someone had reported them.
    """
    article_id = linked_article(replied)
    if article_id is None:
        t = await texts_for(update, context)
        await reply_text(update, t.gettext("That is my own message. Reply /summary to a news "
                                           "post, or use /summary <topic>."))
        return
    await send_article_summary(update, context, article_id)


async def summary(update: Update, context: Context) -> None:
    """Summarize a topic, query, article id, link, or the replied-to message."""
    message = update.effective_message
    if message is None or not await cooled_down(update, context):
        return
    argument = " ".join(context.args or []).strip()
    replied = message.reply_to_message
    if not argument and replied is not None and _is_own(replied, context):
        await summarize_own_message(update, context, replied)
        return
    if not argument and replied is not None:
        text = message_text(replied)
        link = first_link(text)
        if link and len(text) < MIN_PASTED_CHARS:
            await summarize_link(update, context, link)
        elif text.strip():
            await summarize_text(update, context, text, source=TELEGRAM_MESSAGE)
        else:
            t = await texts_for(update, context)
            await reply_text(update, t.gettext("That message has no text to summarize."))
        return
    if not argument:
        await reply_text(update, (await texts_for(update, context)).gettext(USAGE))
        return
    if ASCII_DIGITS.fullmatch(argument.lstrip("#")):
        article_id = parse_article_id(argument)
        if article_id is None:
            t = await texts_for(update, context)
            await reply_text(update, t.gettext("No article with id {id}.", id=argument[:30]))
            return
        await send_article_summary(update, context, article_id)
        return
    link = first_link(argument)
    if link:
        await summarize_link(update, context, link)
        return
    if OTHER_SCHEME_RE.match(argument):
        await reply_text(update, (await texts_for(update, context)).gettext(WEB_LINKS_ONLY))
        return
    news = get_services(context).news
    prefs = await prefs_for(update, context)
    try:
        found: ArticleSummary = await run_blocking(
            update, context, news.summary_for, argument, algorithm=prefs.algorithm,
            length=prefs.length, language=prefs.language)
    except NotFound:  # nothing matched: say what to try, not just "no articles match"
        t = await texts_for(update, context)
        await reply_text(update, render_nothing_found(nothing_found(argument, news.topics), t=t))
        return
    await send_summary(update, context, found)
