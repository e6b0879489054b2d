"""Subscriptions through the local Bot API server: commands, buttons, the job, restarts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import build_application, build_services, start_manually
from bot.delivery import TelegramSender
from bot.jobs import JOB_NAME
from bot.limits import utf16_units as utf16_len
from bot.render import subscribe_data
from bot.render.subscriptions import (
    listing_pages,
    page_of,
    render_delivery,
    render_subscribed,
    render_subscriptions,
    subscriptions_keyboard,
)
from bot.services import BotServices
from digests.models import Digest
from digests.models.subscriptions import ChatInfo, Delivery, Status, Subscription
from digests.service import SUMMARY_RULES
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.delivery import DeliveryService
from digests.subscriptions.manage import MAX_SUBSCRIPTIONS_PER_CHAT, Listed
from tests.bot.conftest import BotWorld


def delivery_service(app: Any, clock: Callable[[], datetime]) -> DeliveryService:
    """The scheduled job's service, on a manual clock and without the per-chat pause."""
    [job] = app.job_queue.get_jobs_by_name(JOB_NAME)
    service = job.data
    assert isinstance(service, DeliveryService)
    assert isinstance(service.sender, TelegramSender)
    service.clock = clock
    service.sender.pace = 0.0
    service.sender.group_pace = 0.0
    return service


async def run_job(app: Any) -> None:
    [job] = app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


def next_run(services: BotServices, chat_id: int) -> datetime:
    [sub] = services.subscriptions.for_chat(chat_id)
    assert sub.next_run_at is not None
    return sub.next_run_at


async def test_subscribe_two_minutes_ahead_delivers_once_and_survives_restart(
        world: BotWorld) -> None:
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    [reply] = await world.say(world.alice, f"/subscribe russia-china {at}")
    assert "Subscribed" in reply.text
    assert at in reply.text
    [listing] = await world.say(world.alice, "/subscriptions")
    when = next_run(world.services, world.alice.id)
    assert f"next {when:%a %Y-%m-%d %H:%M}" in listing.text
    assert "(UTC)" in listing.text
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    mark = len(world.server.sent_messages(world.alice.id))
    await run_job(world.app)
    await run_job(world.app)  # the same tick again: nothing more
    digest = world.server.sent_messages(world.alice.id)[mark:]
    assert digest
    assert "Russia–China relations" in "\n".join(m.text for m in digest)
    buttons = [b["text"] for b in digest[-1].buttons]
    assert any("Share" in text for text in buttons)  # every digest message can travel on
    assert all(not m.buttons for m in digest[:-1])
    assert world.server.errors() == []
    # a restart: a new Application on the same database rebuilds the job from stored state
    services = build_services(world.services.settings)
    app = build_application(world.services.settings, services)
    async with app:
        await start_manually(app)
        assert next_run(services, world.alice.id) == when + timedelta(days=1)
        delivery_service(app, lambda: when + timedelta(days=1, seconds=1))
        await run_job(app)
        await app.stop()
    [sub] = services.subscriptions.for_chat(world.alice.id)
    statuses = [row.status for row in services.subscriptions.deliveries(sub.id)]
    services.news.store.close()
    assert statuses == ["sent", "empty"]  # nothing new since: skipped silently by default
    assert len(world.server.sent_messages(world.alice.id)) == mark + len(digest)


async def test_group_needs_an_admin_anonymous_ones_included(world: BotWorld) -> None:
    [refused] = await world.say(world.group, "/subscribe russia-china 08:00", user=world.bob)
    assert "only this chat's administrators" in refused.text
    world.server.send_text(world.group, None, "/subscribe russia-china 09:30", anonymous=True)
    [ok] = await world.server.wait_for_messages(world.group.id)
    assert "Subscribed" in ok.text
    [listing] = await world.say(world.group, "/subscriptions", user=world.bob)
    assert "09:30" in listing.text


async def test_subscribe_button_and_management_buttons(world: BotWorld) -> None:
    await world.say(world.alice, "/digest russia-china 100000d")
    data = subscribe_data("russia-china")

    def with_button() -> Any:
        return next((m for m in world.server.sent_messages(world.alice.id)
                     if any(b.get("callback_data") == data for b in m.buttons)), None)

    digest = await world.server.wait_until(with_button, 30)
    query = world.server.press_button(digest, data, world.alice)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert answer.get("text") == "Subscribed to Russia–China relations: daily at 08:00."
    query = world.server.press_button(digest, data, world.alice)  # again: already there
    again = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert "Russia–China relations" in again.get("text", ""), again
    [listing] = await world.say(world.alice, "/subscriptions")
    times = next(b["callback_data"] for b in listing.buttons if "Time" in b["text"])
    query = world.server.press_button(listing, times, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    edited = await world.server.wait_until(lambda: listing if listing.edits else None, 30)
    choice = next(b["callback_data"] for b in edited.buttons if b["text"] == "21:00")
    query = world.server.press_button(edited, choice, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    await world.server.wait_until(lambda: listing if "21:00" in listing.text else None, 30)
    pause = next(b["callback_data"] for b in listing.buttons if "Pause" in b["text"])
    query = world.server.press_button(listing, pause, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    await world.server.wait_until(lambda: listing if "paused" in listing.text else None, 30)
    assert world.server.errors() == []


async def test_bob_cannot_press_a_groups_buttons(world: BotWorld) -> None:
    await world.say(world.group, "/subscribe russia-china 08:00")
    [listing] = await world.say(world.group, "/subscriptions", user=world.bob)
    remove = next(b["callback_data"] for b in listing.buttons if b["text"] == "🗑")
    query = world.server.press_button(listing, remove, world.bob)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert "administrators" in answer.get("text", "")
    assert len(world.services.subscriptions.for_chat(world.group.id)) == 1


async def test_channel_subscription_from_a_private_chat(world: BotWorld) -> None:
    channel = world.server.add_chat("channel", "Daily News", username="dailynews",
                                    owner=world.alice)
    [refused] = await world.say(world.bob, "/subscribe @dailynews russia-china 07:00",
                                user=world.bob)
    assert "Only administrators" in refused.text
    [ok] = await world.say(world.alice, "/subscribe @dailynews russia-china 07:00")
    assert "Subscribed" in ok.text
    when = next_run(world.services, channel.id)
    delivery_service(world.app, lambda: when)
    await run_job(world.app)
    assert world.server.sent_messages(channel.id)


async def test_forum_subscription_targets_its_thread(world: BotWorld) -> None:
    forum = world.server.add_chat("supergroup", "Forum", is_forum=True, owner=world.alice)
    thread = world.server.add_topic(forum, "News")
    world.server.send_text(forum, world.alice, "/subscribe russia-china 06:00",
                           thread_id=thread)
    [ok] = await world.server.wait_for_messages(forum.id)
    assert "Subscribed" in ok.text
    when = next_run(world.services, forum.id)
    delivery_service(world.app, lambda: when)
    await run_job(world.app)
    delivered = world.server.sent_messages(forum.id)[1:]
    assert delivered
    assert {m.params.get("message_thread_id") for m in delivered} == {thread}


async def test_timezone_command_with_suggestions(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/timezone Berln")
    assert "Europe/Berlin" in reply.text
    [reply] = await world.say(world.alice, "/timezone Tokyo")
    assert "Asia/Tokyo" in reply.text
    [reply] = await world.say(world.alice, "/subscribe russia-china 08:00")
    assert "Asia/Tokyo" in reply.text
    [reply] = await world.say(world.alice, "/unsubscribe russia-china")
    assert "Unsubscribed" in reply.text


async def test_scheduled_digests_follow_the_chats_settings(world: BotWorld) -> None:
    [menu] = await world.say(world.alice, "/settings")
    for data in ("st:len:3", "st:alg:luhn"):
        query = world.server.press_button(menu, data, world.alice)
        await world.server.wait_for_callback_answer(query["id"], timeout=30)
    at = (datetime.now(UTC) + timedelta(minutes=2)).strftime("%H:%M")
    await world.say(world.alice, f"/subscribe russia-china {at}")
    when = next_run(world.services, world.alice.id)
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    mark = len(world.server.sent_messages(world.alice.id))
    await run_job(world.app)
    pushed = "\n".join(m.text for m in world.server.sent_messages(world.alice.id)[mark:])
    store = world.services.news.store
    # The first window holds only the undated seed, so it widens to the latest dated stories.
    [lead] = [a for a in store.list_articles(limit=400) if f"1. {a.title}\n" in pushed]
    seed = lead.id
    assert store.get_cached_summary(seed, "luhn", f"3{SUMMARY_RULES}") is not None
    assert store.get_cached_summary(seed, "hybrid", f"5{SUMMARY_RULES}") is None


async def test_a_long_query_keeps_the_confirmation_short(world: BotWorld) -> None:
    query = " ".join(f"putin{n:02d}{'x' * 50}" for n in range(60))  # 3,600 characters
    [reply] = await world.say(world.alice, f"/subscribe {query}")
    assert "Subscribed" in reply.text
    assert len(reply.text) < 400
    assert world.server.errors() == []


def test_confirmation_and_empty_notice_shorten_the_label() -> None:
    sub = Subscription(1, 100, "&<b>" * 1000)
    html = render_subscribed(sub, "UTC")
    assert len(html) < 800
    assert "&amp;amp;" not in html  # escaped once
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    empty = Digest("t", sub.query, moment, moment, moment, ())
    [notice] = render_delivery(empty, sub, UTC)
    assert len(notice) < 500


def test_a_long_listing_is_paged_within_telegrams_limits() -> None:
    error = "Forbidden: " + "<&>" * 2000
    items = [Listed(Subscription(n, 100, f"query {n} " + "<word> " * 200),
                    Delivery(n, n, "2026-03-02@Asia/Tokyo", Status.FAILED, None, None,
                             last_error=error))
             for n in range(1, 46)]
    pages = listing_pages(items, "UTC")
    assert [i for page in pages for i in page] == list(range(45))
    for number in range(len(pages)):
        assert utf16_len(render_subscriptions(items, "UTC", number)) <= 4096
        keyboard = subscriptions_keyboard(items, "UTC", number)
        assert keyboard is not None
        assert sum(len(row) for row in keyboard.inline_keyboard) <= 100
    assert page_of(items, "UTC", 45) == len(pages) - 1
    assert "page 2 of" in render_subscriptions(items, "UTC", 1)
    assert "(2026-03-02)" in render_subscriptions(items, "UTC", 0)  # the date, not the zone


async def test_subscriptions_are_capped_and_the_list_pages(world: BotWorld) -> None:
    manage = world.services.subscriptions
    chat = ChatInfo(world.alice.id, "private")
    for n in range(MAX_SUBSCRIPTIONS_PER_CHAT):
        manage.subscribe(chat, None, SubscribeRequest(
            f"putin xi beijing energy pipeline talks word{n:02d} longer query text"), 1)
    [refusal] = await world.say(world.alice, "/subscribe putin one too many")
    assert f"at most {MAX_SUBSCRIPTIONS_PER_CHAT}" in refusal.text
    assert len(manage.for_chat(world.alice.id)) == MAX_SUBSCRIPTIONS_PER_CHAT
    [listing] = await world.say(world.alice, "/subscriptions")
    assert "page 1 of 2" in listing.text
    turn = next(b["callback_data"] for b in listing.buttons if "Next" in b["text"])
    query = world.server.press_button(listing, turn, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    await world.server.wait_until(lambda: listing if "page 2 of 2" in listing.text else None,
                                  30)
    assert f"{MAX_SUBSCRIPTIONS_PER_CHAT}. " in listing.text
    remove = next(b["callback_data"] for b in listing.buttons if b["text"] == "🗑")
    query = world.server.press_button(listing, remove, world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    await world.server.wait_until(
        lambda: listing if listing.edits > 1 else None, 30)
    assert "page 2 of 2" in listing.text  # still on the page that was pressed
    assert world.server.errors() == []


async def test_a_named_topic_is_confirmed_by_its_title_in_the_chats_language(
        world: BotWorld) -> None:
    """Olga read «russia-china» in Russian confirmations; the key stays where it is typed."""
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [sub] = await world.say(olga, "/subscribe russia-china 08:00", user=olga)
    assert sub.text.startswith("🔔 Подписка на «Отношения России и Китая»:"), sub.text
    assert "/unsubscribe russia-china" in sub.text
    [alert] = await world.say(olga, "/alert russia-china", user=olga)
    assert alert.text.startswith("🚨 Оповещение «Отношения России и Китая»:"), alert.text
    [english] = await world.say(world.alice, "/subscribe russia-china 08:00")
    assert english.text.startswith("🔔 Subscribed to Russia–China relations:"), english.text
    [query] = await world.say(olga, "/subscribe путин", user=olga)
    assert query.text.startswith("🔔 Подписка на «путин»:"), query.text
