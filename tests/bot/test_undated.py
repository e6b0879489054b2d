"""Honest dates in the bot: the seeds' undated analysis is never pushed or shown as today's.

The Conversation article in seeds/ has no publication date; its only time is when the
test session ingested the seeds, minutes ago. Before `digests.undated` it was the only
match of every 24 h window, so `/digest russia-china` and the first pushed digest showed
it alone, as today's news.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.bot.conftest import BotWorld
from tests.bot.test_subscriptions import delivery_service, next_run, run_job

UNDATED_TITLE = "Xi's Moscow visit"


async def test_digest_command_does_not_show_the_undated_article_as_today(
        world: BotWorld) -> None:
    [nothing] = await world.say(world.alice, "/digest russia-china today")
    assert "No articles on russia-china in this period" in nothing.text  # added today: no news
    assert UNDATED_TITLE not in nothing.text
    mark = world.mark()
    world.server.send_text(world.alice, world.alice, "/digest russia-china")
    replies = await world.wait_for_digest(world.alice.id, mark)
    assert "Nothing new in the last 24 hours" in replies[0].text
    shown = "\n".join(m.text for m in replies)
    assert "Russia–China relations" in shown
    assert UNDATED_TITLE not in shown
    assert "date unknown" not in shown


async def test_pushed_digest_does_not_lead_with_the_undated_article(world: BotWorld) -> None:
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    await world.say(world.alice, f"/subscribe russia-china {at}")
    when = next_run(world.services, world.alice.id)
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    mark = len(world.server.sent_messages(world.alice.id))
    await run_job(world.app)
    pushed = "\n".join(m.text for m in world.server.sent_messages(world.alice.id)[mark:])
    # The period's only match was the undated article: the first digest widens to the
    # latest dated stories instead, which leave no room for it.
    assert "Russia–China relations" in pushed
    assert "2025-05-08" in pushed  # the latest dated story's day, not today
    assert UNDATED_TITLE not in pushed
    assert "date unknown" not in pushed
    # The next day nothing dated is new: nothing is pushed, the undated article included.
    delivery_service(world.app, lambda: when + timedelta(days=1, seconds=20))
    await run_job(world.app)
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    statuses = [row.status for row in world.services.subscriptions.deliveries(sub.id)]
    assert statuses == ["sent", "empty"]
    assert world.server.errors() == []
