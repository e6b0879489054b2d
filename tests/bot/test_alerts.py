"""Alerts through the real bot, the local Bot API server and local feeds."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest
from telegram.ext import CallbackContext

from bot.app import build_application, build_services, start_manually
from bot.jobs_alerts import JOB_NAME
from bot.jobs_feeds import poll_feeds
from digests.alerts.service import AlertReport, AlertService
from digests.store.sources import SourceRepository
from tests.alerts.test_addendum import MORE_QUAKE
from tests.alerts.test_service import FLOOD, QUAKE, QUAKE_2, QUAKE_3, QUAKE_RU
from tests.bot.conftest import BotWorld, open_world
from tests.bot.test_subscriptions import delivery_service, run_job
from tests.web import samples
from tests.web.conftest import LocalSite, site  # noqa: F401  (the local HTTP server fixture)


@pytest.fixture
async def web_world(tmp_path: Path, seeded_db: Path) -> AsyncIterator[BotWorld]:
    """The bot with local feeds allowed, Alice its admin, alerts ticking every second."""
    async with open_world(tmp_path, seeded_db, alice_is_admin=True,
                          fetch_allow_private_addresses=True,
                          alert_interval_seconds=1.0) as opened:
        yield opened


def one_item_feed(site: LocalSite, name: str, title: str, text: str,  # noqa: F811
                  lang: str = "en") -> str:
    """A feed on the local site with one item (and its page, in ``lang``)."""
    html = samples.page(title, text).replace('lang="en"', f'lang="{lang}"')
    page = site.serve(f"/{name}/story", html)
    when = format_datetime(datetime.now(UTC))
    return site.serve(f"/{name}.xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{name}</title><link>{site.url('/')}</link><description>x</description>"
        f"<item><title>{escape(title)}</title><link>{page}</link><guid>{page}</guid>"
        f"<pubDate>{when}</pubDate><description>{escape(text)}</description></item>"
        "</channel></rss>"), "application/rss+xml")


def alert_service(world: BotWorld) -> AlertService:
    [job] = world.app.job_queue.get_jobs_by_name(JOB_NAME)
    assert isinstance(job.data, AlertService)
    return job.data


async def test_a_feed_item_alerts_once_and_reports_in_two_languages_edit_it(
        web_world: BotWorld, site: LocalSite) -> None:  # noqa: F811
    world = web_world
    [reply] = await world.say(world.alice, "/alert earthquake OR землетрясение")
    assert "Alert on earthquake OR землетрясение" in reply.text
    repo = SourceRepository.for_store(world.services.news.store)
    repo.add(one_item_feed(site, "wire", "Earthquake strikes Chile", QUAKE),
             added_by=world.alice.id)
    mark = len(world.server.sent_messages(world.alice.id))
    await poll_feeds(CallbackContext(world.app))  # type: ignore[arg-type]
    [alert] = await world.server.wait_for_messages(world.alice.id, 1, timeout=30, since=mark)
    assert "Earthquake strikes Chile" in alert.text
    buttons = [b["text"] for row in alert.data["reply_markup"]["inline_keyboard"] for b in row]
    assert any("Share" in b for b in buttons)
    assert any("Full article" in b for b in buttons)
    assert any("Mute" in b for b in buttons)
    for name, title, text, lang in (
            ("paper", "Chile hit by 7.1 earthquake", QUAKE_2, "en"),
            ("radio", "Santiago shaken by earthquake", QUAKE_3, "en"),
            ("vesti", "Землетрясение в Чили", QUAKE_RU, "ru")):
        repo.add(one_item_feed(site, name, title, text, lang), added_by=world.alice.id)
    await poll_feeds(CallbackContext(world.app))  # type: ignore[arg-type]

    def edited() -> bool | None:
        msgs = world.server.sent_messages(world.alice.id)[mark:]
        assert len(msgs) == 1, [m.text for m in msgs]
        [current] = msgs
        return True if all(n in current.text for n in ("paper", "radio", "vesti")) else None

    await world.server.wait_until(edited, timeout=30)
    messages = world.server.sent_messages(world.alice.id)[mark:]
    assert len(messages) == 1
    assert "Also reported by" in messages[0].text
    assert 1 <= messages[0].edits <= world.services.settings.alert_max_edits
    assert world.server.errors() == []


async def test_a_russian_chats_alert_is_headed_in_russian(
        web_world: BotWorld, site: LocalSite) -> None:  # noqa: F811
    world = web_world
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    await world.say(olga, "/alert earthquake", user=olga)
    repo = SourceRepository.for_store(world.services.news.store)
    repo.add(one_item_feed(site, "wire", "Earthquake strikes Chile", QUAKE))
    mark = len(world.server.sent_messages(olga.id))
    await poll_feeds(CallbackContext(world.app))  # type: ignore[arg-type]
    [alert] = await world.server.wait_for_messages(olga.id, 1, timeout=30, since=mark)
    # The header's word sat in an f-string the extractor never read: it was "🚨 Alert".
    assert alert.text.startswith("🚨 Оповещение · earthquake\nEarthquake strikes Chile")
    assert "Alert" not in alert.text
    buttons = [b["text"] for row in alert.data["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["↗️ Поделиться", "📄 Статья целиком", "🔕 Не обновлять"]


async def test_alerts_are_listed_removed_and_admin_only(web_world: BotWorld) -> None:
    world = web_world
    [reply] = await world.say(world.group, "/alert space", user=world.bob)
    assert "only this chat's administrators" in reply.text
    [reply] = await world.say(world.alice, "/alert space quiet 22:00-07:00 max 3/day")
    assert "22:00-07:00" in reply.text
    [listing] = await world.say(world.alice, "/alerts")
    assert "space" in listing.text
    assert "max 3/day" in listing.text
    [reply] = await world.say(world.alice, "/alert space quiet 25:00-07:00")
    assert "Quiet hours look like" in reply.text
    [reply] = await world.say(world.alice, "/unalert space")
    assert "removed" in reply.text
    [listing] = await world.say(world.alice, "/alerts")
    assert "No alerts here" in listing.text


async def test_an_impossible_quiet_time_is_refused_in_the_chats_language(
        web_world: BotWorld) -> None:
    world = web_world
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    rule = "Тихие часы записываются так: 22:00-07:00 (начало и конец различаются)."
    [reply] = await world.say(olga, "/alert space quiet 25:00", user=olga)
    assert reply.text == rule  # it used to be an alert on the query "space quiet 25:00"
    [reply] = await world.say(olga, "/alert space quiet 25:00-07:00", user=olga)
    assert reply.text == ("Не похоже на время: '25:00' (укажите ЧЧ:ММ от 00:00 до 23:59, "
                          f"например 08:00)\n{rule}")
    [listing] = await world.say(olga, "/alerts", user=olga)
    assert "space" not in listing.text
    [english] = await world.say(world.alice, "/alert space quiet 25:00-07:00")
    assert english.text.startswith("Not a time of day: '25:00'")
    assert "Quiet hours look like 22:00-07:00" in english.text


async def run_alert_job(world: BotWorld) -> None:
    [job] = world.app.job_queue.get_jobs_by_name(JOB_NAME)  # type: ignore[union-attr]
    await job.run(world.app)


async def test_quiet_hours_hold_then_one_round_up(web_world: BotWorld) -> None:
    world = web_world
    service = alert_service(world)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start, end = (now - timedelta(hours=1)), (now + timedelta(hours=1))
    span = f"{start:%H:%M}-{end:%H:%M}"
    await world.say(world.alice, f"/alert earthquake OR floods quiet {span}")
    mark = len(world.server.sent_messages(world.alice.id))
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    world.services.news.ingest_text(FLOOD, source="Paper B", title="Floods in Valencia")
    service.clock = lambda: now
    await run_alert_job(world)
    assert len(world.server.sent_messages(world.alice.id)) == mark
    service.clock = lambda: end + timedelta(seconds=5)
    await run_alert_job(world)
    await run_alert_job(world)
    [roundup] = world.server.sent_messages(world.alice.id)[mark:]
    assert "While you were in quiet hours" in roundup.text
    assert "Earthquake strikes Chile" in roundup.text
    assert "Floods in Valencia" in roundup.text


async def test_the_cap_spills_into_the_next_digest(web_world: BotWorld) -> None:
    world = web_world
    service = alert_service(world)
    now = datetime.now(UTC)
    at = now + timedelta(minutes=2)
    [reply] = await world.say(world.alice, f"/subscribe earthquake OR floods {at:%H:%M}")
    assert "Subscribed" in reply.text
    await world.say(world.alice, "/alert earthquake OR floods max 1/day")
    mark = len(world.server.sent_messages(world.alice.id))
    service.clock = lambda: now
    # Dated, as feed items are: an undated text is no period's news (digests.undated).
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile",
                                    published_at=now)
    await run_alert_job(world)
    world.services.news.ingest_text(FLOOD, source="Paper B", title="Floods in Valencia",
                                    published_at=now)
    await run_alert_job(world)
    [alert] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Earthquake strikes Chile" in alert.text
    later = at + timedelta(minutes=1)
    service.clock = lambda: later
    delivery_service(world.app, lambda: later)
    await run_alert_job(world)
    assert len(world.server.sent_messages(world.alice.id)[mark:]) == 1  # no message of its own
    await run_job(world.app)
    await run_alert_job(world)
    [_, digest] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Also today, over your alert limit" in digest.text
    assert "Floods in Valencia" in digest.text.split("over your alert limit")[1]
    assert "Over today's alert limit" not in digest.text
    assert world.server.errors() == []


async def test_without_a_digest_the_cap_spills_into_one_round_up(web_world: BotWorld) -> None:
    world = web_world
    service = alert_service(world)
    now = datetime.now(UTC)
    await world.say(world.alice, "/alert earthquake OR floods max 1/day")
    mark = len(world.server.sent_messages(world.alice.id))
    service.clock = lambda: now
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    await run_alert_job(world)
    world.services.news.ingest_text(FLOOD, source="Paper B", title="Floods in Valencia")
    await run_alert_job(world)
    service.clock = lambda: now + timedelta(days=1, hours=1)  # past the next 08:00 (UTC)
    await run_alert_job(world)
    [_, spill] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Over today's alert limit" in spill.text
    assert "Floods in Valencia" in spill.text


async def test_a_grown_story_resurfaces_in_the_digest_never_as_an_alert(
        web_world: BotWorld) -> None:
    world = web_world
    service = alert_service(world)
    now = datetime.now(UTC)
    at = now + timedelta(minutes=2)
    await world.say(world.alice, f"/subscribe earthquake {at:%H:%M}")
    await world.say(world.alice, "/alert earthquake")
    mark = len(world.server.sent_messages(world.alice.id))
    service.clock = lambda: now
    news = world.services.news
    # Dated, as feed items are: an undated text is no period's news (digests.undated).
    news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile", published_at=now)
    await run_alert_job(world)
    for text, source in MORE_QUAKE:
        news.ingest_text(text, source=source, title=f"Earthquake report from {source}",
                         published_at=now)
        await run_alert_job(world)
    assert len(world.server.sent_messages(world.alice.id)[mark:]) == 1
    later = at + timedelta(minutes=1)
    delivery_service(world.app, lambda: later)
    await run_job(world.app)
    [_, digest] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Developing since your alert" in digest.text
    assert "developing: 5 sources" in digest.text
    assert world.server.errors() == []


async def test_a_restart_during_an_alert_neither_loses_nor_repeats_it(
        web_world: BotWorld) -> None:
    world = web_world
    [ticking] = world.app.job_queue.get_jobs_by_name(JOB_NAME)  # type: ignore[union-attr]
    ticking.enabled = False  # this test runs the ticks itself
    await world.say(world.alice, "/alert earthquake")
    mark = len(world.server.sent_messages(world.alice.id))
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    first = alert_service(world)
    report = AlertReport()
    # the process dies right after claiming the alert (stage 2), before sending it
    claimed, _ = await asyncio.to_thread(first._match_and_open, datetime.now(UTC), report)
    assert len(claimed) == 1
    assert len(world.server.sent_messages(world.alice.id)) == mark
    settings = world.services.settings.model_copy(update={"delivery_worker_id": first.worker})
    services = build_services(settings)
    app = build_application(settings, services)
    async with app:  # the restarted process: the same worker name, so it resumes at once
        await start_manually(app)
        [job] = app.job_queue.get_jobs_by_name(JOB_NAME)  # type: ignore[union-attr]
        await job.run(app)
        await job.run(app)
        await app.stop()
    services.news.store.close()
    await run_alert_job(world)  # and the old process, had it lived on, sends nothing more
    [alert] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Earthquake strikes Chile" in alert.text


async def test_a_registered_channels_post_alerts_like_a_feed_item(web_world: BotWorld) -> None:
    world = web_world
    channel = world.server.add_chat("channel", "Quake Watch", username="quakewatch",
                                    owner=world.alice)
    [reply] = await world.say(world.alice, "/source add @quakewatch")
    assert "now a source" in reply.text
    await world.say(world.alice, "/alert earthquake")
    mark = len(world.server.sent_messages(world.alice.id))
    world.server.channel_post(channel, f"Earthquake strikes Chile\n{QUAKE}")
    [alert] = await world.server.wait_for_messages(world.alice.id, 1, timeout=30, since=mark)
    assert "Earthquake strikes Chile" in alert.text
    assert "Quake Watch" in alert.text
    assert world.server.errors() == []


async def test_an_alert_set_in_a_forum_thread_arrives_in_that_thread(web_world: BotWorld) -> None:
    world = web_world
    forum = world.server.add_chat("supergroup", "Forum", is_forum=True, owner=world.alice)
    thread = world.server.add_topic(forum, "Breaking")
    world.server.send_text(forum, world.alice, "/alert earthquake", thread_id=thread)
    [ok] = await world.server.wait_for_messages(forum.id)
    assert "Alert on earthquake" in ok.text
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    await run_alert_job(world)
    [_, alert] = world.server.sent_messages(forum.id)
    assert "Earthquake strikes Chile" in alert.text
    assert alert.params.get("message_thread_id") == thread
    assert world.server.errors() == []


async def test_a_channel_alert_set_from_a_private_chat_posts_in_the_channel(
        web_world: BotWorld) -> None:
    world = web_world
    channel = world.server.add_chat("channel", "Quake Desk", username="quakedesk",
                                    owner=world.alice)
    [refused] = await world.say(world.bob, "/alert @quakedesk earthquake", user=world.bob)
    assert "Only administrators" in refused.text
    [ok] = await world.say(world.alice, "/alert @quakedesk earthquake")
    assert "Alert on earthquake" in ok.text
    mark = len(world.server.sent_messages(world.alice.id))
    world.services.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    await run_alert_job(world)
    [alert] = world.server.sent_messages(channel.id)
    assert "Earthquake strikes Chile" in alert.text
    assert len(world.server.sent_messages(world.alice.id)) == mark  # not in the private chat
    assert world.server.errors() == []


async def test_the_clis_ingest_into_the_same_database_alerts_the_running_bot(
        web_world: BotWorld, tmp_path: Path) -> None:
    world = web_world
    await world.say(world.alice, "/alert earthquake")
    mark = len(world.server.sent_messages(world.alice.id))
    article = tmp_path / "quake.txt"
    article.write_text(f"Earthquake strikes Chile\n\n{QUAKE}\n", encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": world.services.settings.resolved_database_url()}
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("newsdigest")), "ingest", str(article), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    await run_alert_job(world)  # the bot's next tick finds the other process's article
    [alert] = world.server.sent_messages(world.alice.id)[mark:]
    assert "Earthquake strikes Chile" in alert.text
    await run_alert_job(world)
    assert len(world.server.sent_messages(world.alice.id)[mark:]) == 1
