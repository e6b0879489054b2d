"""Inline-mode results: an article's summary or a topic's digest as one postable message.

A chosen inline result is posted as exactly one message, so unlike `/summary` and `/digest`
nothing may spill into a second one: the body is cut to fit 4096 visible characters (whole
stories and sentences first, see `first_message`) while the footer, with how much was kept
and the deep link back to the bot, always stays. The message must also stand on its own in a
chat the bot is not in: absolute links only, no reliance on chat state.
"""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode

from bot.render.credit import credit_line, source_name
from bot.render.deeplink import article_payload, deep_link, topic_payload
from bot.render.digest import footer_block, header_block, key_points_block, story_block
from bot.render.html import italic, link, shorten, utf16_len
from bot.render.keyboards import share_button, summary_keyboard
from bot.render.parse import visible_text
from bot.render.split import BLOCK_SEPARATOR, MAX_MESSAGE_CHARS, first_message
from bot.render.summary import kept_line, summary_block, title_html
from bot.render.tokens import topic_token
from digests.i18n import ENGLISH, Translator
from digests.models import Article, Digest, Summary

MAX_RESULT_TITLE_CHARS = 100  # clients show one line or two; the rest is noise
MAX_DESCRIPTION_CHARS = 120


def article_result_id(article_id: int) -> str:
    """Return the result id of an article: `a<id>`, at most 20 bytes for any stored id."""
    return "a" + article_payload(article_id)[2:]


def topic_result_id(topic_name: str) -> str:
    """Return the result id of a topic's digest: `t_<token>`, at most 51 bytes for any name."""
    return "t_" + topic_token(topic_name)


def one_line(text: str, max_chars: int = MAX_DESCRIPTION_CHARS) -> str:
    """Collapse `text` to one line of at most `max_chars`, cut at a word with "…"."""
    return shorten(text, max_chars)


def fit_one_message(body: list[str], footer: str) -> str:
    """Join HTML blocks into one message of at most 4096 visible characters, footer kept.

    The body loses whole blocks (or, for a single huge block, its tail, marked "…") before
    the footer loses anything, since the footer is what leads a reader back to the bot.
    """
    footer_len = utf16_len(visible_text(footer)) + utf16_len(BLOCK_SEPARATOR)
    text = first_message(body, limit=MAX_MESSAGE_CHARS - footer_len)
    return text + BLOCK_SEPARATOR + footer


def summary_message(article: Article, summary: Summary, *, link_to_bot: str | None,
                    t: Translator = ENGLISH) -> str:
    """Render a summary as one message: title, credit, sentences, how much was kept, deep link."""
    footer = kept_line(summary, t=t)
    if link_to_bot:
        footer += "\n" + link(t.gettext("Open in the bot"), link_to_bot)
    header = f"{title_html(article, t=t)}\n{credit_line(article, t=t)}"
    return fit_one_message([header, summary_block(summary, t=t)], footer)


def digest_message(digest: Digest, *, bot_username: str | None,
                   t: Translator = ENGLISH) -> str:
    """Render a digest as one message: header, key points and as many whole stories as fit."""
    blocks = [header_block(digest, t=t)]
    if digest.is_empty:
        blocks.append(italic(t.gettext("Nothing matched in this period.")))
    if digest.key_points:
        blocks.append(key_points_block(digest.key_points, digest.key_point_stories, t=t))
    blocks.extend(story_block(s, i, t=t, language=digest.language)
                  for i, s in enumerate(digest.stories, start=1))
    return fit_one_message(blocks, footer_block(digest, bot_username, t=t))


def _content(text: str) -> InputTextMessageContent:
    return InputTextMessageContent(
        text, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


def _bot_link(bot_username: str | None, payload: str) -> str | None:
    return deep_link(bot_username, payload) if bot_username else None


def summary_result(
    article: Article, summary: Summary, *, bot_username: str | None, t: Translator = ENGLISH
) -> InlineQueryResultArticle:
    """An article result: its title, the first summary sentence as description, the summary.

    The keyboard is the one `/summary` replies carry (Share with `a_<id>`, Full article), so a
    summary shared inline can be shared on again from wherever it lands.
    """
    link_to_bot = _bot_link(bot_username, article_payload(article.id))
    source = source_name(article.source, t)
    description = summary.sentences[0] if summary.sentences else source
    return InlineQueryResultArticle(
        id=article_result_id(article.id),
        title=shorten(article.title, MAX_RESULT_TITLE_CHARS) or t.gettext("Untitled"),
        description=one_line(f"{source} · {description}"),
        input_message_content=_content(summary_message(article, summary,
                                                       link_to_bot=link_to_bot, t=t)),
        reply_markup=summary_keyboard(article.id, None, article.url, t=t),
    )


def inline_digest_keyboard(topic_name: str, bot_username: str | None, *,
                           t: Translator = ENGLISH) -> InlineKeyboardMarkup:
    """Share (the topic name as the inline query) and, with a username, Open in the bot.

    Unlike `digest_keyboard` there is no Subscribe button: a message posted through inline mode
    may sit in a chat the bot is not a member of, where a subscription could never be delivered;
    the deep link opens the topic in a private chat instead, where subscribing works.
    """
    row = [share_button(topic_name, t=t)]
    if bot_username:
        url = deep_link(bot_username, topic_payload(topic_name))
        row.append(InlineKeyboardButton("🤖 " + t.gettext("Open in the bot"), url=url))
    return InlineKeyboardMarkup([row])


def digest_result(digest: Digest, topic_name: str, *, bot_username: str | None,
                  t: Translator = ENGLISH) -> InlineQueryResultArticle:
    """A topic's digest result: "📰 <title>", a one-line description, the digest message."""
    count = len(digest.stories)
    lead = digest.stories[0].lead.title if digest.stories else t.gettext("nothing new")
    stories = t.ngettext("{count} story", "{count} stories", count)
    return InlineQueryResultArticle(
        id=topic_result_id(topic_name),
        title=shorten("📰 " + t.gettext("Digest: {title}", title=digest.title),
                      MAX_RESULT_TITLE_CHARS),
        description=one_line(f"{stories} · {lead}"),
        input_message_content=_content(digest_message(digest, bot_username=bot_username, t=t)),
        reply_markup=inline_digest_keyboard(topic_name, bot_username, t=t),
    )
