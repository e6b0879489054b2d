"""The real bot Application against the local Bot API server, on a seeded SQLite copy."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from pydantic import SecretStr

from bot.app import BotApplication, build_application, build_services, start_manually
from bot.botapi import BotApiServer, Chat, StoredMessage, User
from bot.services import BotServices
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.ops.prometheus import PrometheusMetrics
from digests.ops.server import OpsServer, Readiness
from digests.settings import Settings
from tests.conftest import SEEDS

TOKEN = "4242:TEST-token-for-newsdigest-tests"
BOT_USERNAME = "newsdigest_bot"
#: A digest's footer, in its last part, in English or Russian.
FOOTER = re.compile(r"^(Generated|Составлено) \d{4}-\d\d-\d\d \d\d:\d\d UTC$", re.MULTILINE)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with the seeds ingested once per test session."""
    data = tmp_path_factory.mktemp("seeded")
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
    services = build_services(settings)
    services.news.ingest([SEEDS])
    services.news.store.close()
    return data / "newsdigest.sqlite3"


@dataclass
class BotWorld:
    """The server, the running bot and a cast: Alice in private, a supergroup."""

    server: BotApiServer
    app: BotApplication
    services: BotServices
    alice: User
    bob: User
    group: Chat

    async def say(self, chat: Chat | User, text: str, user: User | None = None,
                  count: int = 1,
                  timeout: float = 60.0,  # noqa: ASYNC109
                  ) -> list[StoredMessage]:
        """Send `text` as `user` (Alice by default) and wait for `count` replies."""
        self.server.send_text(chat, user or self.alice, text)
        return await self.server.wait_for_messages(chat.id, count, timeout=timeout)

    def mark(self) -> int:
        """The sent log's position now, to wait for what comes after it."""
        return len(self.server.records.sent)

    async def wait_for_digest(self, chat_id: int, since: int,
                              timeout: float = 60.0,  # noqa: ASYNC109
                              ) -> list[StoredMessage]:
        """The bot's messages in `chat_id` after `since`, once a digest's last part came.

        A digest may come in several parts, after a note ("Nothing new in the last 24
        hours"); its footer ("Generated … UTC", "Составлено … UTC") is in its last part.
        """
        def probe() -> list[StoredMessage] | None:
            new = [m for m in self.server.records.sent[since:] if m.chat_id == chat_id]
            return new if any(FOOTER.search(m.text) for m in new) else None

        return await self.server.wait_until(probe, timeout)


def make_settings(data_dir: Path, base_url: str, **extra: object) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=base_url, **extra,
    )


@asynccontextmanager
async def open_world(tmp_path: Path, seeded_db: Path, *, alice_is_admin: bool = False,
                     metrics: Metrics = NULL_METRICS,
                     **settings: object) -> AsyncIterator[BotWorld]:
    """The real bot polling a fresh local server, on a copy of the seeded database."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
        alice = server.add_user("Alice", "alice")
        bob = server.add_user("Bob", "bob")
        group = server.add_chat("supergroup", "Readers", members=(bob,), owner=alice)
        admins = [alice.id] if alice_is_admin else []
        config = make_settings(data, server.base_url, admin_user_ids=admins, **settings)
        services = build_services(config, metrics)
        app = build_application(config, services)
        async with app:
            await start_manually(app)
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                yield BotWorld(server, app, services, alice, bob, group)
            finally:
                await app.updater.stop()
                await app.stop()
        services.news.store.close()


@asynccontextmanager
async def open_measured_world(tmp_path: Path, seeded_db: Path, *, alice_is_admin: bool = False,
                              **settings: object) -> AsyncIterator[tuple[BotWorld, OpsServer]]:
    """The real bot reporting to a Prometheus registry, its /metrics server listening."""
    metrics = PrometheusMetrics(CollectorRegistry())
    async with open_world(tmp_path, seeded_db, alice_is_admin=alice_is_admin, metrics=metrics,
                          **settings) as world:
        readiness = Readiness(world.services.settings.resolved_database_url(), metrics,
                              bot_api=True)
        ops = OpsServer("127.0.0.1", 0, metrics, readiness)
        await ops.start()
        try:
            yield world, ops
        finally:
            await ops.stop()


@pytest.fixture
async def world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    async with open_world(tmp_path, seeded_db) as opened:
        yield opened
