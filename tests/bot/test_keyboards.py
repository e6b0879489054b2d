"""Every message with a keyboard passes the server's checks for the longest ids we allow.

Article ids go up to 2**63-1 (the render limit; the store's ids are integers) and topic names
up to 64 characters; the local Bot API server refuses any button over Telegram's limits, so a
clean `errors()` plus a re-check of every stored keyboard proves the limits hold end to end.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from bot.botapi.markup import check_inline_keyboard
from bot.render import topic_payload
from bot.services import Cooldown
from digests.models import Topic
from digests.store import SqlStore
from tests.bot.conftest import BOT_USERNAME, BotWorld

LONGEST_ID = 2**63 - 1
LONGEST_TOPIC = "-".join(["geopolitics"] * 5) + "-abcd"
ARTICLE = ("Lighthouse keepers return to Skerryvore\n"
           "Keepers returned to the Skerryvore lighthouse on Tuesday. The lamp was restored. "
           "Visitors may climb the tower again in summer. The trust thanked its volunteers.")


@pytest.fixture
def longest(world: BotWorld) -> BotWorld:
    """The world with an article of id 2**63-1 and a topic with a 64-character name."""
    news = world.services.news
    result = news.ingest_text(ARTICLE, source="Keepers' Gazette",
                              url="https://example.org/skerryvore")
    assert isinstance(news.store, SqlStore)
    with news.store.engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
        for table, column in (("articles", "id"), ("article_bands", "article_id")):
            conn.execute(text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
                         {"new": LONGEST_ID, "old": result.article_id})
    assert len(LONGEST_TOPIC) == 64
    news.topics[LONGEST_TOPIC] = Topic(LONGEST_TOPIC, "Long topic " * 10, "russia AND china")
    world.services.group_cooldown = Cooldown(0.0)
    return world


def _check_keyboards(markups: list[dict[str, Any]]) -> None:
    assert markups
    for markup in markups:
        check_inline_keyboard(markup)
        for row in markup["inline_keyboard"]:
            for button in row:
                if "callback_data" in button:
                    assert 1 <= len(button["callback_data"].encode()) <= 64
                if chosen := button.get("switch_inline_query_chosen_chat"):
                    assert len(chosen["query"]) <= 256


async def _keyboard_after(world: BotWorld, mark: int) -> None:
    """Wait for the first message with a keyboard among those sent after `mark`."""
    def probe() -> object | None:
        return next((m for m in world.server.sent_messages()[mark:] if m.reply_markup), None)
    await world.server.wait_until(probe, 60)


async def test_commands_and_deep_links_with_the_longest_ids(longest: BotWorld) -> None:
    world = longest
    commands = [
        (world.alice, f"/summary {LONGEST_ID}"),
        (world.alice, f"/start a_{LONGEST_ID}"),
        (world.alice, f"/digest {LONGEST_TOPIC} 100000d"),
        (world.alice, f"/start {topic_payload(LONGEST_TOPIC)}"),
        (world.group, f"/summary@{BOT_USERNAME} {LONGEST_ID}"),
        (world.group, f"/post@{BOT_USERNAME} {LONGEST_TOPIC}"),
    ]
    for chat, command in commands:
        mark = len(world.server.sent_messages())
        world.server.send_text(chat, world.alice, command)
        await _keyboard_after(world, mark)
    sent = world.server.sent_messages()
    _check_keyboards([m.reply_markup for m in sent if m.reply_markup])
    texts = " ".join(m.text for m in sent)
    assert "Lighthouse keepers" in texts
    assert "Long topic" in texts
    assert world.server.errors() == []


async def test_inline_results_with_the_longest_ids(longest: BotWorld) -> None:
    world = longest
    markups: list[dict[str, Any]] = []
    for query in (f"a_{LONGEST_ID}", LONGEST_TOPIC):
        sent = world.server.inline_query(world.alice, query)
        answer = await world.server.wait_for_inline_answer(sent["id"], timeout=30)
        [first, *_] = answer["results"]
        markups += [r["reply_markup"] for r in answer["results"]]
        posted = world.server.choose_inline_result(world.alice, sent["id"], first["id"],
                                                   world.group)
        markups.append(posted["reply_markup"])
    _check_keyboards(markups)
    assert world.server.errors() == []
