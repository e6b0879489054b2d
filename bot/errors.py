"""The one error handler: log first, apologise briefly, report to admins escaped.

Reports are de-duplicated and rate-limited (`bot.error_reports`): the handler only records an
error; a job sends one message per kind of error per interval, with a count.
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application

from bot.context import Context, get_services
from bot.error_reports import FLUSH_SECONDS, ErrorReport
from bot.logsafe import RedactTokenFilter
from bot.render.html import sentence
from digests.i18n import ENGLISH, N_, InvalidValueError, Translator, explain, translator
from digests.query import QueryError
from digests.service import NotFound
from digests.summarize import UnknownAlgorithm
from digests.topics import UnknownTopic

log = logging.getLogger(__name__)
APOLOGY = N_("Sorry, something went wrong on my side. Please try again in a moment.")
REPORT_JOB = "error-reports"
FRIENDLY_CHARS = 600  # errors quote what the user typed, which may be 4096 characters long


def user_message(error: BaseException, t: Translator = ENGLISH) -> str | None:
    """A friendly text for errors the user caused or can fix; None for our own bugs.

    The core's errors that carry a catalog text (`digests.i18n.Explained`, UnknownTopic)
    read in the chat's language; other details are the core's own (English) words.
    """
    if isinstance(error, UnknownTopic):
        return sentence(_shorten(error.explain(t)))
    if isinstance(error, NotFound | UnknownAlgorithm):
        return sentence(_shorten(explain(error, t)))
    if isinstance(error, QueryError):
        return t.gettext("I couldn't search for that: {detail}. Try a few plain words.",
                         detail=_shorten(explain(error, t)))
    if isinstance(error, InvalidValueError):
        return sentence(_shorten(error.explain(t)))
    return None


def _shorten(text: str) -> str:
    return text if len(text) <= FRIENDLY_CHARS else text[: FRIENDLY_CHARS - 1] + "…"


async def _texts(update: object, context: Context) -> Translator:
    """The chat's translator; English when even that cannot be read (the error may be ours)."""
    if not isinstance(update, Update) or not context.bot_data.ready:
        return ENGLISH
    from bot.handlers.settings import texts_for  # the handlers import this module's users

    try:
        return await texts_for(update, context)
    except Exception:
        log.warning("could not read the chat's language for an error reply", exc_info=True)
        return ENGLISH


async def on_error(update: object, context: Context) -> None:
    """Handle every exception raised while processing an update."""
    error = context.error
    if error is None:
        return
    t = await _texts(update, context)
    friendly = user_message(error, t)
    if friendly is None:
        log.error("error while handling an update", exc_info=error)
        _record_for_admins(update, context, error)
    if isinstance(update, Update) and update.effective_message is not None and not isinstance(
        error, Forbidden | RetryAfter
    ):
        try:
            await update.effective_message.reply_text(friendly or t.gettext(APOLOGY),
                                                      do_quote=False,
                                                      parse_mode=None)
        except (BadRequest, Forbidden, NetworkError):
            log.warning("could not tell the user about an error", exc_info=True)


def _record_for_admins(update: object, context: Context, error: BaseException) -> None:
    services = get_services(context)
    settings = services.settings
    if not settings.admin_user_ids:
        return
    token = settings.telegram_bot_token
    redactor = RedactTokenFilter(token.get_secret_value() if token else None)
    where = str(update.to_dict() if isinstance(update, Update) else update)
    services.error_reports.add(error, where, redactor.redact)


def render_error_report(report: ErrorReport, t: Translator = ENGLISH) -> str:
    """One admin message: the kind, how often, the first traceback's last frames, the update.

    Headed in the admin's language; the trace and the update are Python's and Telegram's.
    """
    count = f" ×{report.count}" if report.count > 1 else ""
    head = html.escape(t.gettext("Error"))
    return (f"<b>{head}</b> {html.escape(report.title)}{count}\n"
            f"<pre>{html.escape(report.trace)}</pre>\n"
            f"<code>{html.escape(report.where)}</code>")


async def send_error_reports(context: Context) -> None:
    """The job: send each kind of error that is due, once, to every admin."""
    services = get_services(context)
    for report in services.error_reports.due():
        for admin in services.settings.admin_user_ids:
            prefs = await asyncio.to_thread(services.chats.prefs, admin)
            text = render_error_report(report, translator(prefs.interface))
            try:
                await context.bot.send_message(admin, text)
            except (BadRequest, Forbidden, NetworkError):
                log.warning("could not report an error to admin %s", admin)


def schedule_error_reports(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send pending error reports every `FLUSH_SECONDS` (bursts arrive as one report)."""
    if application.job_queue is None:
        log.warning("no JobQueue: errors are logged but not reported to admins")
        return
    application.job_queue.run_repeating(send_error_reports, interval=FLUSH_SECONDS,
                                        first=FLUSH_SECONDS, name=REPORT_JOB)
