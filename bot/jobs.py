"""The delivery job: every 30 s ask the core what is due, from the database.

There is one repeating job, not one APScheduler job per subscription: the clock's memory
is ``subscriptions.next_run_at``, so a restart rebuilds nothing and loses nothing, and the
first tick right after start-up is the catch-up run for whatever came due while the bot
was down (within the grace period). The job holds its `DeliveryService` in ``job.data``,
so tests can call the callback directly with a controlled clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial
from typing import Any

from telegram.ext import Application, Job

from bot.context import Context
from bot.delivery import TelegramSender
from bot.render.subscriptions import render_delivery
from bot.services import BotServices
from digests.chatprefs import load_prefs
from digests.models import Digest
from digests.store import SqlStore
from digests.store.chats import ChatRepository
from digests.store.deliveries import DeliveryLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.delivery import DeliveryService
from digests.subscriptions.models import Subscription

log = logging.getLogger(__name__)
JOB_NAME = "deliveries"
INTERVAL_SECONDS = 30.0
FIRST_TICK_SECONDS = 1.0
App = Application[Any, Any, Any, Any, Any, Any]


def engine_of(services: BotServices) -> Any:
    """The SQLAlchemy engine behind the news store (subscriptions live in the same DB)."""
    store = services.news.store
    if not isinstance(store, SqlStore):
        raise TypeError("subscriptions need the SQL store")
    return store.engine


def build_delivery_service(application: App, services: BotServices, *,
                           clock: Callable[[], datetime] | None = None,
                           sender: TelegramSender | None = None) -> DeliveryService:
    """Wire the core to the Application's bot and the bot's renderer."""
    engine = engine_of(services)

    def render(digest: Digest, subscription: Subscription, zone: tzinfo) -> list[str]:
        return render_delivery(digest, subscription, zone, services.bot_username or None)

    return DeliveryService(
        SubscriptionRepository(engine), DeliveryLedger(engine), services.news,
        sender or TelegramSender(application.bot), render, clock=clock or services.news.clock,
        chat_prefs=partial(load_prefs, ChatRepository(engine)))


def schedule_deliveries(application: App, services: BotServices) -> Job[Any]:
    """Start the repeating delivery job (called from `post_init`)."""
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    service = build_delivery_service(application, services)
    return application.job_queue.run_repeating(
        deliver_due, interval=INTERVAL_SECONDS, first=FIRST_TICK_SECONDS, name=JOB_NAME,
        data=service, job_kwargs={"max_instances": 1, "coalesce": True})


async def deliver_due(context: Context) -> None:
    """Job callback: deliver every due subscription, log what happened."""
    assert context.job is not None
    service = context.job.data
    assert isinstance(service, DeliveryService)
    report = await service.run_due()
    if report.counts:
        log.info("deliveries: %s (digests composed: %d)", dict(report.counts), report.digests)
