"""/post <topic> [@channel | here]: an administrator pushes the current digest into a chat now.

"here" (the default) posts into the chat the command came from, in its forum thread; a
`@channel` target needs both rights checked with Telegram (`check_channel`): the sender
administers the channel and the bot may post there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for, texts_for
from bot.handlers.shared import send_digest
from bot.permissions import check_channel, may_manage
from bot.render import digest_keyboard, render_digest
from bot.render.hints import render_nothing_found
from bot.replies import reply_text, run_blocking
from digests.i18n import N_, translator
from digests.suggest import nothing_found

USAGE = N_("Usage: /post <topic> [@channel | here], e.g. /post russia-china @mychannel")
NOT_ADMIN = N_("Only administrators of this chat can post digests into it.")
ANONYMOUS = N_("To post into a channel, send /post from your own account (not anonymously), "
               "so I can check that you administer the channel.")


@dataclass(frozen=True, slots=True)
class PostRequest:
    """What to post and where: `channel` is an `@username`, or None for this chat."""

    topic: str
    channel: str | None = None


def parse_post_args(args: Sequence[str]) -> PostRequest | None:
    """Read `<topic words> [@channel | here]`; None when no topic is given."""
    words = list(args)
    channel = None
    if words and words[-1].casefold() == "here":
        words.pop()
    elif words and words[-1].startswith("@"):
        channel = words.pop()
    return PostRequest(" ".join(words), channel) if words else None


async def post(update: Update, context: Context) -> None:
    """Post a topic's current digest here or into a channel the sender administers."""
    message = update.effective_message
    if message is None:
        return
    request = parse_post_args(context.args or [])
    if request is None:
        await reply_text(update, (await texts_for(update, context)).gettext(USAGE))
    elif request.channel is None:
        if await may_manage(context.bot, message):
            await send_digest(update, context, request.topic, None)
        else:
            await reply_text(update, (await texts_for(update, context)).gettext(NOT_ADMIN))
    else:
        await post_to_channel(update, context, request.topic, request.channel)


async def post_to_channel(update: Update, context: Context, topic: str, channel: str) -> None:
    """Check both rights, then send the digest's messages into the channel and confirm."""
    message, user = update.effective_message, update.effective_user
    t = await texts_for(update, context)
    if message is None or user is None or message.sender_chat is not None:
        await reply_text(update, t.gettext(ANONYMOUS))
        return
    check = await check_channel(context.bot, channel, user.id, t=t)
    if check.chat is None or not check.ok:
        await reply_text(update, check.problem or t.gettext("I can't post in {channel}.",
                                                            channel=channel))
        return
    services = get_services(context)
    prefs = await prefs_for(update, context)
    digest = await run_blocking(update, context, services.news.digest, topic, widen=True,
                                language=prefs.language, interface=prefs.interface)
    frame = translator(prefs.interface)  # the channel reads what its admin chose to post
    if digest.is_empty:  # an empty digest is never posted; the admin is told why
        found = nothing_found(topic, services.news.topics)
        await reply_text(update, render_nothing_found(found, t=frame))
        return
    pieces = render_digest(digest, bot_username=services.bot_username or None, t=frame)
    keyboard = digest_keyboard(digest.topic, digest.topic or digest.query, t=frame)
    for index, piece in enumerate(pieces):
        markup = keyboard if index == len(pieces) - 1 else None
        await context.bot.send_message(check.chat.id, piece, reply_markup=markup)
    await reply_text(update, t.gettext("Posted the digest “{title}” to {channel}.",
                                       title=digest.title, channel=channel))
