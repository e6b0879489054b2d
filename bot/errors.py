"""The one error handler: log first, apologise briefly, report to admins escaped."""

from __future__ import annotations

import html
import logging
import traceback

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.context import Context, get_services
from bot.logsafe import RedactTokenFilter
from digests.query import QueryError
from digests.service import NotFound
from digests.summarize import UnknownAlgorithm
from digests.topics import UnknownTopic

log = logging.getLogger(__name__)
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
REPORT_CHARS = 3500  # visible characters; with the header it stays under Telegram's 4096
FRIENDLY_CHARS = 600  # errors quote what the user typed, which may be 4096 characters long


def user_message(error: BaseException) -> str | None:
    """A friendly text for errors the user caused or can fix; None for our own bugs."""
    if isinstance(error, NotFound | UnknownTopic | UnknownAlgorithm):
        return _shorten(str(error))
    if isinstance(error, QueryError):
        return f"I couldn't search for that: {_shorten(str(error))}. Try a few plain words."
    if isinstance(error, ValueError) and "duration" in str(error):
        return _shorten(str(error))
    return None


def _shorten(text: str) -> str:
    return text if len(text) <= FRIENDLY_CHARS else text[: FRIENDLY_CHARS - 1] + "…"


async def on_error(update: object, context: Context) -> None:
    """Handle every exception raised while processing an update."""
    error = context.error
    if error is None:
        return
    friendly = user_message(error)
    if friendly is None:
        log.error("error while handling an update", exc_info=error)
    if isinstance(update, Update) and update.effective_message is not None and not isinstance(
        error, Forbidden | RetryAfter
    ):
        try:
            await update.effective_message.reply_text(friendly or APOLOGY, do_quote=False,
                                                      parse_mode=None)
        except (BadRequest, Forbidden, NetworkError):
            log.warning("could not tell the user about an error", exc_info=True)
    if friendly is None:
        await _report_to_admins(update, context, error)


async def _report_to_admins(update: object, context: Context, error: BaseException) -> None:
    settings = get_services(context).settings
    if not settings.admin_user_ids:
        return
    token = settings.telegram_bot_token
    redactor = RedactTokenFilter(token.get_secret_value() if token else None)
    trace = redactor.redact("".join(traceback.format_exception(None, error,
                                                               error.__traceback__)))
    where = redactor.redact(str(update.to_dict() if isinstance(update, Update) else update))
    text = (f"<b>Error</b> {html.escape(type(error).__name__)}\n"
            f"<pre>{html.escape(trace[-REPORT_CHARS:])}</pre>\n"
            f"<code>{html.escape(where[:400])}</code>")
    for admin in settings.admin_user_ids:
        try:
            await context.bot.send_message(admin, text)
        except (BadRequest, Forbidden, NetworkError):
            log.warning("could not report an error to admin %s", admin)
