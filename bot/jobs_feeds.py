"""The JobQueue job that polls due feed sources inside the bot.

Thin on purpose: what is due comes from the database and the work is the sources
service's (`digests.services.sources`, the poller behind it); the job only tells the admin
who added a source when that source gets paused (the poller reports that once).
`newsdigest poll --forever` runs the same rounds without Telegram.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import Context, get_services
from bot.jobs_alerts import kick_alerts
from bot.render.sources import render_paused
from bot.services import BotServices
from digests.i18n import translator
from digests.services.sources import SourcePaused

log = logging.getLogger(__name__)
CHECK_EVERY_SECONDS = 60.0
FIRST_CHECK_SECONDS = 30.0
JOB_NAME = "poll-feeds"


def paused_message(services: BotServices, event: SourcePaused) -> str:
    """The admin's notice in Telegram HTML, in the language of their chat with the bot."""
    assert event.added_by is not None
    prefs = services.chats.prefs(event.added_by)
    return render_paused(event, translator(prefs.interface))


async def poll_feeds(context: Context) -> None:
    """Poll the due feeds; notify admins of sources paused by this round."""
    services = get_services(context)
    report = await services.sources.poll_due()
    services.metrics.scheduler_tick(JOB_NAME)
    if report.stored:
        kick_alerts(context)  # new articles: the alert matcher hears of them now
    if report.outcomes:
        log.info("polled %d feeds: %d new articles, %d failed", len(report.outcomes),
                 report.stored, report.failed)
    for event in report.paused:
        if event.added_by is None:
            continue
        try:
            text = await asyncio.to_thread(paused_message, services, event)
            await context.bot.send_message(event.added_by, text)
        except TelegramError:
            log.warning("could not tell user %s that %s was paused", event.added_by, event.url)


def schedule_feed_polling(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Check for due feeds every minute (each source keeps its own interval)."""
    if application.job_queue is None:
        log.warning("no JobQueue: feeds are polled only by `newsdigest poll --forever`")
        return
    application.job_queue.run_repeating(poll_feeds, interval=CHECK_EVERY_SECONDS,
                                        first=FIRST_CHECK_SECONDS, name=JOB_NAME)
    if application.bot_data.ready:
        application.bot_data.services.metrics.job_scheduled(JOB_NAME, CHECK_EVERY_SECONDS,
                                                            FIRST_CHECK_SECONDS)
