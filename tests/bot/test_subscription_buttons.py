"""What a subscriber sees after pressing ⏸/▶️ and after typing notify or quiet.

Driven through the local Bot API server: the listing the person reads, the buttons under it
and the messages the scheduled job sends.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.botapi import StoredMessage
from tests.bot.conftest import BotWorld
from tests.bot.test_subscriptions import delivery_service, next_run, run_job


async def press(world: BotWorld, listing: StoredMessage, label: str) -> StoredMessage:
    """Alice presses the button whose text contains `label`; the edited listing."""
    data = next(b["callback_data"] for b in listing.buttons if label in b["text"])
    edits = listing.edits
    query = world.server.press_button(listing, data, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    return await world.server.wait_until(lambda: listing if listing.edits > edits else None, 30)


def labels(message: StoredMessage) -> list[str]:
    return [b["text"] for b in message.buttons]


async def test_resume_button_resumes_and_the_digest_comes_again(world: BotWorld) -> None:
    await world.say(world.alice, "/subscribe russia-china 08:00")
    [listing] = await world.say(world.alice, "/subscriptions")
    paused = await press(world, listing, "Pause")
    assert "paused (paused by you)" in paused.text
    assert "▶️ Resume" in labels(paused)
    assert "⏸ Pause" not in labels(paused)
    resumed = await press(world, paused, "Resume")
    assert "paused" not in resumed.text
    assert "next " in resumed.text
    assert "08:00" in resumed.text
    assert "⏸ Pause" in labels(resumed)
    assert "▶️ Resume" not in labels(resumed)
    when = next_run(world.services, world.alice.id)  # a resumed subscription is scheduled
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    mark = len(world.server.sent_messages(world.alice.id))
    await run_job(world.app)
    assert "Russia–China" in "\n".join(
        m.text for m in world.server.sent_messages(world.alice.id)[mark:])
    assert world.server.errors() == []


async def empty_period_messages(world: BotWorld, word: str) -> tuple[str, list[str]]:
    """Subscribe with `word`, deliver the first period, then an empty one: (listing, sent)."""
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    await world.say(world.alice, f"/subscribe russia-china {at} {word}")
    [listing] = await world.say(world.alice, "/subscriptions")
    when = next_run(world.services, world.alice.id)
    clock = [when + timedelta(seconds=20)]
    delivery_service(world.app, lambda: clock[0])
    await run_job(world.app)  # the seeds are new: a real digest
    mark = len(world.server.sent_messages(world.alice.id))
    clock[0] = when + timedelta(days=1, seconds=20)
    await run_job(world.app)  # nothing new since
    return listing.text, [m.text for m in world.server.sent_messages(world.alice.id)[mark:]]


async def test_notify_says_when_a_period_had_nothing_new(world: BotWorld) -> None:
    listing, sent = await empty_period_messages(world, "notify")
    assert "say when empty" in listing
    assert sent == ["No new articles on russia-china."]


async def test_quiet_sends_nothing_for_an_empty_period(world: BotWorld) -> None:
    listing, sent = await empty_period_messages(world, "quiet")
    assert "skip if empty" in listing
    assert sent == []
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    statuses = [row.status for row in world.services.subscriptions.deliveries(sub.id)]
    assert statuses == ["sent", "empty"]
