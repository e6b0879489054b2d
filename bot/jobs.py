"""The delivery job: every 30 s ask the core what is due, from the database.

There is one repeating job, not one APScheduler job per subscription: the clock's memory
is ``subscriptions.next_run_at``, so a restart rebuilds nothing and loses nothing, and the
first tick right after start-up is the catch-up run for whatever came due while the bot
was down (within the grace period), including the periods this worker was sending when it
died (its identity survives the restart, see `digests.subscriptions.workers`). The job
holds its `DeliveryService` in ``job.data``, so tests can call the callback directly with a
controlled clock.

Scheduled digests go through their own bot (`bot.delivery.build_delivery_bot`): a flood
wait for one subscriber never delays command replies, which keep the Application's bot and
its rate limiter. Only the fan-out leader of the database sends, so all processes together
keep one send budget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from telegram.ext import Application

from bot.context import Context
from bot.delivery import TelegramSender, build_delivery_bot
from bot.render.alerts import attach_addendum
from bot.render.subscriptions import DeliveryPieces, render_delivery
from bot.services import BotServices
from digests.alerts.addendum import Addendum
from digests.i18n import translator
from digests.models import Digest
from digests.models.subscriptions import Subscription
from digests.subscriptions.delivery import DeliveryService, Leader
from digests.subscriptions.outcomes import Rendered
from digests.subscriptions.workers import WorkerIdentity

log = logging.getLogger(__name__)
JOB_NAME = "deliveries"
INTERVAL_SECONDS = 30.0
FIRST_TICK_SECONDS = 1.0
App = Application[Any, Any, Any, Any, Any, Any]


def build_delivery_service(application: App, services: BotServices, *,
                           clock: Callable[[], datetime] | None = None,
                           sender: TelegramSender | None = None, worker: str | None = None,
                           leader: Leader | None = None) -> DeliveryService:
    """Wire the core to a sender (default: the Application's bot) and the bot's renderer.

    Each chat's digest, and the alert section it carries, in the chat's interface language.
    """
    chats = services.chats

    def render(digest: Digest, subscription: Subscription, zone: tzinfo) -> Rendered:
        prefs = chats.prefs(subscription.chat_id)  # its interface
        pieces = render_delivery(digest, subscription, zone, services.bot_username or None,
                                 t=translator(prefs.interface))
        keyboard = pieces.keyboard if isinstance(pieces, DeliveryPieces) else None
        return Rendered(tuple(pieces), keyboard.to_dict() if keyboard else None)

    def attach(addendum: Addendum, rendered: Rendered) -> Rendered:
        prefs = chats.prefs(addendum.subscription.chat_id)
        return attach_addendum(addendum, rendered, t=translator(prefs.interface))

    return services.subscriptions.delivery(sender or TelegramSender(application.bot), render,
                                           attach, clock=clock, worker=worker, leader=leader)


class Deliveries:
    """What the delivery job holds for the life of the process, released at shutdown."""

    def __init__(self, application: App, services: BotServices) -> None:
        settings = services.settings
        self.bot = build_delivery_bot(settings, application.bot.defaults, services.metrics)
        self.identity = WorkerIdentity(settings.data_dir, settings.resolved_database_url(),
                                       settings.delivery_worker_id)
        self.leader = services.subscriptions.leader()
        self.sender = TelegramSender(self.bot)  # digests and alerts: one pace per chat
        self.service = build_delivery_service(application, services, sender=self.sender,
                                              worker=self.identity.name, leader=self.leader)

    async def close(self) -> None:
        """Give up the leader lock and the worker slot; close the delivery bot."""
        self.leader.close()
        self.identity.close()
        await self.bot.shutdown()


async def schedule_deliveries(application: App, services: BotServices) -> Deliveries:
    """Start the repeating delivery job (called from `post_init`)."""
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    deliveries = Deliveries(application, services)
    await deliveries.bot.initialize()
    log.info("delivery worker %s", deliveries.identity.name)
    application.job_queue.run_repeating(
        deliver_due, interval=INTERVAL_SECONDS, first=FIRST_TICK_SECONDS, name=JOB_NAME,
        data=deliveries.service, job_kwargs={"max_instances": 1, "coalesce": True})
    services.metrics.job_scheduled(JOB_NAME, INTERVAL_SECONDS, FIRST_TICK_SECONDS)
    return deliveries


async def deliver_due(context: Context) -> None:
    """Job callback: deliver every due subscription, log what happened."""
    assert context.job is not None
    service = context.job.data
    assert isinstance(service, DeliveryService)
    report = await service.run_due()
    if context.bot_data.ready:
        metrics = context.bot_data.services.metrics
        metrics.scheduler_tick(JOB_NAME)
        for status, count in report.counts.items():
            metrics.deliveries(status, count)
    if report.counts:
        log.info("deliveries: %s (digests composed: %d)", dict(report.counts), report.digests)
