"""Messages without a command in private chats: pasted text, links and forwards."""

from __future__ import annotations

from telegram import Message, MessageOriginChannel, Update

from bot.context import Context
from bot.handlers.settings import texts_for
from bot.handlers.summary import (
    MIN_PASTED_CHARS,
    first_link,
    message_text,
    summarize_link,
    summarize_text,
)
from bot.render.credit import PASTED_TEXT, TELEGRAM_CHANNEL, TELEGRAM_FORWARD
from bot.replies import reply_text
from digests.i18n import N_

HINT = N_("Send me a longer text, a link or a forwarded post to summarize it, or try "
          "/summary <topic>, /digest <topic>, /search <words>. /help lists everything.")


def _forward_source(message: Message) -> tuple[str, str | None]:
    """The source name and original post link of a forwarded message.

    Only a public channel's post has a link; it is public news, everything else private.
    """
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        chat = origin.chat
        name = chat.title or (f"@{chat.username}" if chat.username else TELEGRAM_CHANNEL)
        url = f"https://t.me/{chat.username}/{origin.message_id}" if chat.username else None
        return name, url
    return TELEGRAM_FORWARD, None


async def private_message(update: Update, context: Context) -> None:
    """Summarize a forwarded post or pasted text; links are fetched and summarized."""
    message = update.effective_message
    if message is None:
        return
    text = message_text(message)
    if message.forward_origin is not None and text.strip():
        source, url = _forward_source(message)
        await summarize_text(update, context, text, source=source, url=url,
                             public=url is not None, published_at=message.forward_origin.date)
        return
    link = first_link(text)
    if link and len(text) < MIN_PASTED_CHARS:
        await summarize_link(update, context, link)
        return
    if len(text) >= MIN_PASTED_CHARS:
        await summarize_text(update, context, text, source=PASTED_TEXT)
        return
    await reply_text(update, (await texts_for(update, context)).gettext(HINT))
