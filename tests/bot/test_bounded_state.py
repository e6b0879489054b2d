"""Per-process state the bot keeps between updates is bounded (issue 13.12, 13.20)."""

from __future__ import annotations

from bot.services import SEARCH_PAGES_MAX, Cooldown
from bot.ttlcache import TtlCache
from digests.query import MAX_QUERY_CHARS
from tests.bot.conftest import BOT_USERNAME, BotWorld
from tests.bot.processed import Processed


def test_the_search_page_cache_is_bounded(world: BotWorld) -> None:
    services = world.services
    for number in range(3 * SEARCH_PAGES_MAX):
        services.remember_search(f"key{number}", f"{number} " + "x" * 4096)
    assert len(services.search_queries) == SEARCH_PAGES_MAX
    held = sum(len(query) for query in services.search_queries.values())
    assert held <= SEARCH_PAGES_MAX * MAX_QUERY_CHARS


async def _next_page(world: BotWorld, query: str) -> str:
    [reply] = await world.say(world.alice, f"/search {query}")
    data = next(b["callback_data"] for b in reply.buttons
                if b.get("callback_data", "").endswith(":2"))
    pressed = world.server.press_button(reply, data, world.alice)
    answer = await world.server.wait_for_callback_answer(pressed["id"], timeout=30)
    return str(answer.get("text") or "")


async def test_the_oldest_search_expires_first_through_the_bot(world: BotWorld) -> None:
    now = [0.0]
    world.services.search_queries = TtlCache(3600.0, clock=lambda: now[0], max_entries=2)
    for query in ("putin", "china", "russia"):
        await world.say(world.alice, f"/search {query}")
    assert len(world.services.search_queries) == 2
    assert await _next_page(world, "xi") == ""
    now[0] = 3600.0
    [reply] = await world.say(world.alice, "/search putin")
    assert len(world.services.search_queries) == 2
    now[0] = 7200.0
    data = next(b["callback_data"] for b in reply.buttons
                if b.get("callback_data", "").endswith(":2"))
    pressed = world.server.press_button(reply, data, world.alice)
    answer = await world.server.wait_for_callback_answer(pressed["id"], timeout=30)
    assert "expired" in str(answer.get("text"))


async def test_a_throttled_group_is_told_once_per_window(world: BotWorld) -> None:
    now = [0.0]
    world.services.group_cooldown = Cooldown(20.0, clock=lambda: now[0])
    group, command = world.group, f"/summary@{BOT_USERNAME} putin"
    [summary] = await world.say(group, command, user=world.bob)
    assert "sentence" in summary.text
    [told] = await world.say(group, command, user=world.bob)
    assert told.text.startswith("Please try again in ")
    processed = Processed(world.app)
    for _ in range(10):
        await processed.wait(world.server.send_text(group, world.bob, command))
    assert world.server.sent_messages(group.id)[-1] == told
    now[0] = 20.0
    [again] = await world.say(group, command, user=world.bob)
    assert "sentence" in again.text
    [told_again] = await world.say(group, command, user=world.bob)
    assert told_again.text.startswith("Please try again in ")
