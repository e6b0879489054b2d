"""Sending replies the same way everywhere: HTML pieces, keyboard on the last, in-thread.

Also the one place that runs blocking service calls off the event loop while the chat
sees "typing…", so slow summarization in one chat never stalls another.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType

from bot.context import Context, get_services
from bot.limits import fit_message
from bot.render import escape

T = TypeVar("T")
TYPING_REFRESH_SECONDS = 4.5


async def reply_pieces(
    update: Update, pieces: Sequence[str], keyboard: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Send rendered HTML pieces in order; the keyboard goes on the last piece.

    `Message.reply_html` keeps forum replies in their topic thread.
    """
    message = update.effective_message
    if message is None:
        return []
    sent: list[Message] = []
    for index, piece in enumerate(pieces):
        markup = keyboard if index == len(pieces) - 1 else None
        sent.append(await message.reply_html(piece, reply_markup=markup, do_quote=False))
    return sent


async def reply_text(update: Update, text: str,
                     keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send one short plain-text reply (escaped here, so callers pass raw text).

    Cut to Telegram's length if something quoted grew it past: a reply that is refused as
    too long leaves the user with no answer at all.
    """
    await reply_pieces(update, [escape(fit_message(text))], keyboard)


async def _keep_typing(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    thread = getattr(update.effective_message, "message_thread_id", None)
    while True:
        with contextlib.suppress(Exception):
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING,
                                               message_thread_id=thread)
        await asyncio.sleep(TYPING_REFRESH_SECONDS)


async def run_blocking(update: Update, context: Context, func: Callable[..., T],
                       *args: object, **kwargs: object) -> T:
    """Run a blocking service call in a worker thread while showing "typing…"."""
    typing = asyncio.create_task(_keep_typing(update, context))
    try:
        return await asyncio.to_thread(func, *args, **kwargs)
    finally:
        typing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await typing


def is_group(update: Update) -> bool:
    """True in groups, supergroups and channels."""
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


async def cooled_down(update: Update, context: Context) -> bool:
    """In groups, enforce the per-chat cooldown of expensive commands; say so once per window.

    Returns:
        True when the command may run now.
    """
    chat = update.effective_chat
    if chat is None or not is_group(update):
        return True
    cooldown = get_services(context).group_cooldown
    wait = cooldown.remaining(chat.id)
    if wait > 0:
        if cooldown.first_refusal(chat.id):
            from bot.handlers.settings import texts_for  # handlers import this module

            t = await texts_for(update, context)
            await reply_text(update, t.ngettext("Please try again in {count} second.",
                                                "Please try again in {count} seconds.",
                                                int(wait) + 1))
        return False
    cooldown.touch(chat.id)
    return True
