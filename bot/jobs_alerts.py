"""The alert job: every `ALERT_INTERVAL_SECONDS` run one tick of the alert core.

Like the delivery job it reads its work from the database (the inbox ingest fills, the
ledger's unfinished and waiting rows), so a restart loses nothing, and it sends through the
delivery bot and its `TelegramSender`: alerts and digests share one pace per chat and one
overall rate. Ingestion inside the bot (feeds, channel posts, links) also asks for a tick
at once (`kick_alerts`), so an alert follows its article within seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram.ext import Application

from bot.context import Context
from bot.delivery import TelegramSender
from bot.jobs import Deliveries
from bot.render.alerts import render_alert, render_roundup
from bot.services import BotServices
from digests.alerts.outcomes import RoundupItem
from digests.alerts.service import AlertService
from digests.i18n import translator
from digests.models import Article, Summary
from digests.models.subscriptions import Subscription
from digests.subscriptions.delivery import Leader
from digests.subscriptions.outcomes import Rendered

log = logging.getLogger(__name__)
JOB_NAME = "alerts"
FIRST_TICK_SECONDS = 1.0
App = Application[Any, Any, Any, Any, Any, Any]


class BotAlertRenderer:
    """The `AlertRenderer` of the core: each chat's interface language, the bot's name."""

    def __init__(self, services: BotServices) -> None:
        self.services = services

    def _t(self, chat_id: int) -> Any:
        return translator(self.services.chats.prefs(chat_id).interface)

    def alert(self, sub: Subscription, lead: Article, summary: Summary,
              also: Sequence[str], delivery_id: int) -> Rendered:
        """One alert message with its buttons."""
        return render_alert(sub, lead, summary, also, delivery_id,
                            bot_username=self.services.bot_username or None,
                            t=self._t(sub.chat_id))

    def roundup(self, sub: Subscription, items: Sequence[RoundupItem], *,
                spilled: bool) -> Rendered:
        """A round-up after quiet hours, or the stories over the cap."""
        return render_roundup(sub, items, spilled=spilled, t=self._t(sub.chat_id))


def build_alert_service(services: BotServices, sender: TelegramSender, *, worker: str,
                        leader: Leader | None = None, clock: Any = None) -> AlertService:
    """Wire the alert core to the delivery sender and the bot's renderer."""
    return services.alerts.ticker(sender, sender, BotAlertRenderer(services), worker=worker,
                                  leader=leader, clock=clock, metrics=services.metrics)


def schedule_alerts(application: App, services: BotServices,
                    deliveries: Deliveries) -> AlertService:
    """Start the repeating alert job on the delivery bot (called from `post_init`)."""
    assert application.job_queue is not None
    service = build_alert_service(services, deliveries.sender, worker=deliveries.identity.name,
                                  leader=deliveries.leader)
    interval = services.settings.alert_interval_seconds
    application.job_queue.run_repeating(
        run_alerts, interval=interval, first=FIRST_TICK_SECONDS,
        name=JOB_NAME, data=service, job_kwargs={"max_instances": 1, "coalesce": True})
    # /readyz: the alert job must tick within two intervals, like deliveries and polls.
    services.metrics.job_scheduled(JOB_NAME, interval, FIRST_TICK_SECONDS)
    return service


async def run_alerts(context: Context) -> None:
    """Job callback: one alert tick, logged when it did something."""
    assert context.job is not None
    service = context.job.data
    assert isinstance(service, AlertService)
    report = await service.run_once()
    if context.bot_data.ready:
        context.bot_data.services.metrics.scheduler_tick(JOB_NAME)
    if any(k != "follower" for k in report.counts):
        log.info("alerts: %s", dict(report.counts))


def kick_alerts(context: Context) -> None:
    """Run the alert job now (after the bot itself ingested something)."""
    queue = context.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        queue.run_once(run_alerts, 0.0, data=job.data, name=f"{JOB_NAME}-now")
        return
