"""The composition root of the bot: build the Application, start it, stop it.

Settings are read once by the CLI and passed in; `post_init` builds the application
services (`digests.services.database.open_services`, which opens the database) and
publishes the command menu from the same list `/help` prints.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from prometheus_client import CollectorRegistry
from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults

from bot.commands import command_list
from bot.context import CONTEXT_TYPES
from bot.error_reports import ErrorReports
from bot.errors import on_error, schedule_error_reports
from bot.handlers import register
from bot.jobs import Deliveries, schedule_deliveries
from bot.jobs_alerts import schedule_alerts
from bot.jobs_feeds import schedule_feed_polling
from bot.logsafe import configure_logging
from bot.metrics import MeteredRequest
from bot.services import BotServices, Cooldown
from digests.i18n import SOURCE_LANGUAGE, translator
from digests.language import CHAT_LANGUAGES
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.ops.prometheus import PrometheusMetrics
from digests.ops.server import OpsServer, build_ops_server
from digests.services.database import open_services
from digests.settings import Settings

log = logging.getLogger(__name__)
BotApplication = Application[Any, Any, Any, Any, Any, Any]
COMMAND_POOL_SIZE = 256  # python-telegram-bot's own default for the Application's bot


def build_services(settings: Settings, metrics: Metrics = NULL_METRICS) -> BotServices:
    """Open the database and build every application service once (migrations run on open)."""
    core = open_services(settings, metrics=metrics)
    return BotServices(settings=settings, news=core.news, sources=core.sources,
                       channels=core.channels, chats=core.chats,
                       subscriptions=core.subscriptions, alerts=core.alerts,
                       group_cooldown=Cooldown(settings.group_cooldown_seconds),
                       error_reports=ErrorReports(settings.admin_report_interval_seconds),
                       metrics=metrics)


async def publish_commands(application: BotApplication, admins: Sequence[int] = ()) -> None:
    """Set the command menu for private chats and for groups, in every catalog's language.

    The default menu is English; Telegram shows a user whose app is in Russian the menu
    published with ``language_code="ru"``. Each of the bot's `admins` gets, in their
    private chat's scope, the private menu with the admin commands (`/status`); Telegram
    refuses that scope for a user who never opened the bot, which is only logged.
    """
    bot = application.bot
    for language in CHAT_LANGUAGES:
        t = translator(language)
        code = None if language == SOURCE_LANGUAGE else language
        scopes: list[tuple[BotCommandScope, bool, int | None]] = [
            (BotCommandScopeAllPrivateChats(), False, None),
            (BotCommandScopeAllGroupChats(), True, None),
            *((BotCommandScopeChat(admin), False, admin) for admin in admins)]
        for scope, group, admin in scopes:
            commands = [BotCommand(c.name, t.gettext(c.description))
                        for c in command_list(group=group, admin=admin is not None)]
            try:
                await bot.set_my_commands(commands, scope=scope, language_code=code)
            except BadRequest as error:
                if admin is None:
                    raise
                log.warning("no admin menu for %s: %s", admin, error.message)


def build_application(settings: Settings, services: BotServices | None = None, *,
                      metrics: Metrics | None = None,
                      ops: OpsServer | None = None) -> BotApplication:
    """The configured Application; `services` may be prebuilt (tests, sandbox).

    `metrics` (default: the prebuilt services', else none) sees every Bot API request;
    `ops` is the operations server, started once the Bot API answered and the jobs are
    scheduled, and stopped at shutdown.
    """
    token = settings.telegram_bot_token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    metrics = metrics or (services.metrics if services is not None else NULL_METRICS)

    running: list[Deliveries] = []

    async def post_init(application: BotApplication) -> None:
        if services is None:
            application.bot_data.services = build_services(settings, metrics)
        application.bot_data.services.bot_username = application.bot.username
        await publish_commands(application, settings.admin_user_ids)  # getMe answered
        deliveries = await schedule_deliveries(application, application.bot_data.services)
        running.append(deliveries)
        schedule_alerts(application, application.bot_data.services, deliveries)
        schedule_feed_polling(application)
        schedule_error_reports(application)
        if ops is not None:
            ops.readiness.bot_api = True
            await ops.start()
        log.info("started as @%s", application.bot.username)

    async def post_shutdown(application: BotApplication) -> None:
        if ops is not None:
            await ops.stop()
        while running:
            await running.pop().close()
        if services is None and application.bot_data.ready:
            application.bot_data.services.news.close()
        log.info("stopped")

    application = (
        ApplicationBuilder()
        .token(token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .context_types(CONTEXT_TYPES)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .request(MeteredRequest(metrics, connection_pool_size=COMMAND_POOL_SIZE))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    if services is not None:
        application.bot_data.services = services
    register(application)
    application.add_error_handler(on_error)
    return application


async def start_manually(application: BotApplication) -> None:
    """Initialise and start without `run_polling` (sandbox, tests), running `post_init` too.

    python-telegram-bot calls `post_init` only from `run_polling`/`run_webhook`; code
    that drives the lifecycle itself must call it, or the services and menu are missing.
    """
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()


def run_bot(settings: Settings, *, webhook: bool = False) -> None:
    """Run until SIGINT/SIGTERM, by long polling or as a webhook server.

    The metrics registry is made here, once per process, and passed down; with
    `METRICS_PORT` set, `/metrics`, `/healthz` and `/readyz` are served beside the bot.
    """
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    configure_logging(settings.log_level, token, json_format=settings.log_format == "json")
    metrics = PrometheusMetrics(CollectorRegistry())
    ops = build_ops_server(settings, metrics, bot_api=False)
    application = build_application(settings, metrics=metrics, ops=ops)
    log.info("starting (%s)", "webhook" if webhook else "long polling")
    if not webhook:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
        return
    application.run_webhook(**webhook_options(settings), allowed_updates=Update.ALL_TYPES)


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook listens and what Telegram is told; requests need the secret token.

    python-telegram-bot answers 403 to any POST whose `X-Telegram-Bot-Api-Secret-Token`
    header differs from `secret_token`, so only Telegram (which we told the secret) gets in.
    """
    if not settings.webhook_url or settings.webhook_secret_token is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET_TOKEN")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": settings.webhook_path,
        "webhook_url": settings.webhook_url.rstrip("/") + "/" + settings.webhook_path,
        "secret_token": settings.webhook_secret_token.get_secret_value(),
    }
