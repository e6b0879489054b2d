"""/status for the bot's admins, against the local Bot API server (issue 17.3).

The report's numbers are `read_status`'s (tested on both backends in tests/ops); here: who
may ask, where, the escaping of what feeds and Telegram wrote, Russian, and the menus.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.commands import command_list
from digests.models.subscriptions import Status
from digests.store import SqlStore
from digests.store.chats import ChatRepository
from digests.store.deliveries import DeliveryLedger
from digests.store.sources import SourceRepository
from digests.store.subscriptions import SubscriptionRepository
from tests.bot.conftest import BotWorld, open_world

HOSTILE = "HTTP 500 <b>bold</b> & <script>"


@pytest.fixture
async def admin_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    """Alice is the bot's admin; a feed fails with markup in its error; a digest failed."""
    async with open_world(tmp_path, seeded_db, alice_is_admin=True) as world:
        store = world.services.news.store
        assert isinstance(store, SqlStore)
        now = datetime.now(UTC)
        sources = SourceRepository.for_store(store)
        feed = sources.add("https://feeds.example/news.xml?a=1&b=2")
        sources.record_failure(feed.id, error=HOSTILE, next_check=now, pause=False)
        ChatRepository(store.engine).upsert(world.group.id, "supergroup", title="Readers")
        subscription = SubscriptionRepository(store.engine).add(
            {"chat_id": world.group.id, "topic": "world", "query": "world", "created_at": now})
        ledger = DeliveryLedger(store.engine)
        claim = ledger.claim(subscription.id, "2026-12-06", worker="w", now=now,
                             window=(now, now), lease=timedelta(minutes=5))
        ledger.finish(claim.delivery.id, Status.UNDELIVERABLE, now,
                      "Forbidden: bot was kicked from the supergroup chat", worker="w")
        yield world


async def test_an_admin_gets_the_status_escaped(admin_world: BotWorld) -> None:
    world = admin_world
    [reply] = await world.say(world.alice, "/status")
    assert reply.parse_mode == "HTML"
    text = reply.text
    assert text.startswith("Status at ")
    assert "Articles: " in text
    assert "Languages: en " in text
    assert "Sources: ok 0 · failing 1 · paused 0 · new 0" in text
    assert "Subscriptions: 1 active, 0 paused" in text
    assert "Deliveries in 24 h: undeliverable 1" in text
    assert "Last feed errors" in text
    assert f"https://feeds.example/news.xml?a=1&b=2 (failing, 1 in a row): {HOSTILE}" in text
    assert f"chat {world.group.id} · digest #1 · world · 2026-12-06: undeliverable" in text
    assert "(attempts: 1): Forbidden: bot was kicked" in text
    assert reply.source is not None
    assert "&lt;script&gt;" in reply.source
    assert world.server.errors() == []


async def test_others_are_refused_and_groups_are_sent_to_private(
        admin_world: BotWorld) -> None:
    world = admin_world
    [refusal] = await world.say(world.bob, "/status", user=world.bob)
    assert refusal.text == "Only the bot's administrators can see its status."
    [group_reply] = await world.say(world.group, "/status")
    assert group_reply.text.startswith("Ask me /status in a private chat")
    assert "Articles" not in group_reply.text
    assert world.server.errors() == []


async def test_a_russian_admin_gets_russian(admin_world: BotWorld) -> None:
    world = admin_world
    olga = world.server.add_user("Olga", "olga", language_code="ru-RU")
    settings = world.services.settings
    world.services.settings = settings.model_copy(
        update={"admin_user_ids": [*settings.admin_user_ids, olga.id]})
    [reply] = await world.say(olga, "/status", user=olga)
    assert reply.text.startswith("Состояние на ")
    assert "Источники: в порядке 0 · с ошибками 1 · на паузе 0 · новые 0" in reply.text
    assert "Подписки: активных 1, на паузе 0" in reply.text
    assert "Рассылки за 24 ч: не доставлено 1" in reply.text
    assert "(попыток: 1)" in reply.text
    nadia = world.server.add_user("Nadia", "nadia", language_code="ru")
    [refusal] = await world.say(nadia, "/status", user=nadia)
    assert refusal.text == "Состояние бота видят только его администраторы."


async def test_status_is_in_the_admins_help_and_menu_only(admin_world: BotWorld) -> None:
    world = admin_world
    [help_reply] = await world.say(world.alice, "/help")
    assert "/status" in help_reply.text
    [help_reply] = await world.say(world.bob, "/help", user=world.bob)
    assert "/status" not in help_reply.text
    menus = world.server.commands
    admin_menu = [c["command"] for c in menus[f"chat:{world.alice.id}/"]]
    assert admin_menu == [c.name for c in command_list(group=False, admin=True)]
    assert "status" in admin_menu
    assert "status" in [c["command"] for c in menus[f"chat:{world.alice.id}/ru"]]
    private = next(v for k, v in menus.items() if k.startswith("all_private_chats"))
    assert "status" not in [c["command"] for c in private]
