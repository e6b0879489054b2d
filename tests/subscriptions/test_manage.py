"""Subscription management as the bot's commands and membership updates use it."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from digests.models.subscriptions import ChatInfo, EmptyPolicy
from digests.service import NewsService
from digests.store import SqlStore
from digests.store.schema import chats
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.manage import (
    MAX_SUBSCRIPTIONS_PER_CHAT,
    SubscriptionManager,
    TooManySubscriptionsError,
)
from digests.topics import load_topics
from tests.subscriptions.conftest import T0, Rig

GROUP = -1001


def test_the_empty_period_toggle_flips_and_flips_back(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    assert sub.empty_policy == EmptyPolicy.SKIP
    flipped = rig.manager.toggle_empty_policy(sub.id)
    assert flipped.empty_policy == EmptyPolicy.NOTIFY
    assert rig.manager.toggle_empty_policy(sub.id).empty_policy == EmptyPolicy.SKIP


def test_toggling_a_stale_subscription_schedules_it_from_now(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(days=3)  # 06:00 three days later
    assert rig.manager.toggle_empty_policy(sub.id).next_run_at == T0 + timedelta(days=3,
                                                                                  hours=1)


def test_resume_clears_the_reason_and_runs_from_now(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    rig.manager.pause(sub.id)
    rig.clock.now = T0 + timedelta(days=2, hours=2)  # 08:00, past today's 07:00
    resumed = rig.manager.resume(sub.id)
    assert (resumed.paused, resumed.pause_reason) == (False, None)
    assert resumed.next_run_at == T0 + timedelta(days=3, hours=1)


def test_a_command_matches_a_subscription_by_its_words_in_any_case_and_spacing(
        rig: Rig) -> None:
    sub = rig.subscribe(100, "putin xi", at=time(7, 0))
    assert [s.id for s in rig.manager.matching(100, "  Putin   XI ")] == [sub.id]
    assert rig.manager.matching(100, "putin") == []


def test_setting_the_zone_records_the_chat_s_names(rig: Rig) -> None:
    chat = ChatInfo(GROUP, "supergroup", title="Readers", username="readers")
    assert rig.manager.set_timezone(chat, "Europe/Berlin") == "Europe/Berlin"
    stored = rig.manager.chats.get(GROUP)
    assert stored is not None
    assert (stored.title, stored.username, stored.timezone) == ("Readers", "readers",
                                                                 "Europe/Berlin")


def test_the_bot_leaving_pauses_and_returning_resumes(rig: Rig) -> None:
    group = ChatInfo(GROUP, "supergroup", title="Readers")
    assert rig.manager.membership_changed(group) == (True, 0)  # first join: greet once
    mine = rig.subscribe(GROUP, "putin", at=time(7, 0))
    by_hand = rig.subscribe(GROUP, "xi", at=time(7, 0))
    rig.manager.pause(by_hand.id)
    for status in ("left", "kicked", "demoted"):
        left = ChatInfo(GROUP, "supergroup", title="Readers", member_status=status)
        assert rig.manager.membership_changed(left) == (False, 1)
        stored = rig.manager.subs.get(mine.id)
        assert stored is not None
        assert (stored.paused, stored.pause_reason) == (True, f"membership: {status}")
        assert rig.manager.chats.get(GROUP).member_status == status  # type: ignore[union-attr]
        back = ChatInfo(GROUP, "supergroup", title="Readers", member_status="administrator")
        assert rig.manager.membership_changed(back) == (False, 1)  # welcomed before
    running = rig.manager.subs.get(mine.id)
    still = rig.manager.subs.get(by_hand.id)
    assert running is not None
    assert still is not None
    assert (running.paused, still.paused) == (False, True)  # a person's pause stays


def test_a_private_chat_is_not_marked_welcomed(rig: Rig) -> None:
    """Only groups are greeted once: a private chat's /start is answered every time."""
    private = ChatInfo(100, "private")
    assert rig.manager.membership_changed(private) == (True, 0)
    assert rig.manager.membership_changed(private) == (True, 0)
    stored = rig.manager.chats.get(100)
    assert stored is not None
    assert "welcomed" not in stored.settings


def test_existing_finds_the_chat_s_subscription_by_topic_or_query_in_its_thread(
        rig: Rig) -> None:
    """The digest's one-tap Subscribe must find it, so as not to overwrite its time."""
    by_query = rig.subscribe(100, "putin xi", at=time(7, 0))
    assert rig.manager.existing(100, None, "putin xi") == by_query
    assert rig.manager.existing(100, None, "putin") is None
    assert rig.manager.existing(100, 5, "putin xi") is None  # another thread
    assert rig.manager.existing(200, None, "putin xi") is None  # another chat


def test_membership_records_the_chat_s_names(rig: Rig) -> None:
    rig.manager.membership_changed(ChatInfo(GROUP, "supergroup", title="Readers",
                                            username="readers"))
    stored = rig.manager.chats.get(GROUP)
    assert stored is not None
    assert (stored.title, stored.username) == ("Readers", "readers")


def test_a_new_time_applies_from_the_next_firing(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    moved = rig.manager.set_time(sub.id, time(6, 30))  # now is 06:00
    assert (moved.time_of_day, moved.next_run_at) == ("06:30", T0 + timedelta(minutes=30))
    assert rig.manager.set_time(sub.id, time(5, 0)).next_run_at == T0 + timedelta(hours=23)


async def test_the_listing_shows_each_subscription_with_its_last_delivery(rig: Rig) -> None:
    first = rig.subscribe(100, "putin", at=time(7, 0))
    second = rig.subscribe(100, "xi", at=time(9, 0))
    rig.subscribe(200, "putin", at=time(7, 0))  # another chat's
    rig.clock.now = T0 + timedelta(hours=1)
    await rig.service().run_due()  # only 07:00 is due
    listed = {item.subscription.id: item.last for item in rig.manager.listing(100)}
    assert set(listed) == {first.id, second.id}
    assert listed[second.id] is None
    last = listed[first.id]
    assert last is not None
    assert last.status == "sent"


def test_subscribing_records_the_chat_s_title_and_username(rig: Rig) -> None:
    """A channel managed from a private chat is named in /subscriptions by its stored names."""
    chat = ChatInfo(GROUP, "supergroup", title="Readers", username="readers")
    rig.manager.subscribe(chat, None, SubscribeRequest("putin"), 7)
    stored = rig.manager.chats.get(GROUP)
    assert stored is not None
    assert (stored.type, stored.title, stored.username) == ("supergroup", "Readers", "readers")


def test_the_subscription_records_who_created_it_and_when(rig: Rig) -> None:
    chat = ChatInfo(GROUP, "supergroup", title="Readers")
    sub = rig.manager.subscribe(chat, 5, SubscribeRequest("putin xi", at=time(9, 15)), 4242)
    stored = rig.manager.subs.get(sub.id)
    assert stored is not None
    assert (stored.created_by, stored.created_at) == (4242, T0)
    assert (stored.chat_id, stored.thread_id, stored.topic, stored.query) == (
        GROUP, 5, None, "putin xi")
    assert (stored.time_of_day, stored.next_run_at) == ("09:15", T0 + timedelta(hours=3,
                                                                                minutes=15))
    rig.clock.now = T0 + timedelta(days=1)
    again = rig.manager.subscribe(chat, 5, SubscribeRequest("putin xi"), 99)  # someone else
    assert again.id == sub.id
    assert (again.created_by, again.created_at) == (4242, T0)  # the first subscriber's


def test_a_new_subscription_takes_the_empty_period_policy_it_was_given(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", policy=EmptyPolicy.NOTIFY)
    assert sub.empty_policy == EmptyPolicy.NOTIFY
    assert rig.subscribe(100, "xi").empty_policy == EmptyPolicy.SKIP  # the default


def test_re_subscribing_keeps_the_earlier_empty_period_policy_when_none_is_given(
        rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", policy=EmptyPolicy.NOTIFY)
    again = rig.subscribe(100, "putin", at=time(9, 0))
    assert again.id == sub.id
    assert (again.empty_policy, again.time_of_day) == (EmptyPolicy.NOTIFY, "09:00")
    quiet = rig.subscribe(100, "putin", policy=EmptyPolicy.SKIP)
    assert quiet.empty_policy == EmptyPolicy.SKIP  # given: it changes


def test_re_subscribing_resumes_a_paused_subscription_with_its_new_schedule(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0), zone="Europe/Berlin")
    rig.manager.pause(sub.id)
    again = rig.subscribe(100, "putin", at=time(6, 30), weekdays=0b0000001)  # Mondays, UTC
    assert again.id == sub.id
    assert (again.paused, again.pause_reason) == (False, None)
    assert (again.time_of_day, again.weekdays, again.timezone) == ("06:30", 0b0000001, None)
    assert again.next_run_at == T0 + timedelta(minutes=30)  # Monday 06:30 UTC, today


def test_a_chat_may_have_twenty_subscriptions_and_update_them_at_the_limit(rig: Rig) -> None:
    for n in range(MAX_SUBSCRIPTIONS_PER_CHAT):
        rig.subscribe(100, f"putin{n}")
    assert MAX_SUBSCRIPTIONS_PER_CHAT == 20
    with pytest.raises(TooManySubscriptionsError) as refused:
        rig.subscribe(100, "xi")
    assert refused.value.limit == 20
    assert str(refused.value) == ("This chat already has 20 subscriptions, the most it can "
                                  "have")
    assert len(rig.manager.subs.for_chat(100)) == 20
    assert rig.subscribe(100, "putin3", at=time(9, 0)).time_of_day == "09:00"  # an update
    assert rig.subscribe(200, "xi").chat_id == 200  # another chat has its own limit


def test_a_chat_s_zone_is_its_own_or_the_default(rig: Rig) -> None:
    assert rig.manager.zone_of_chat(GROUP) == "UTC"  # an unknown chat
    chat = ChatInfo(GROUP, "supergroup")
    rig.manager.membership_changed(chat)
    assert rig.manager.zone_of_chat(GROUP) == "UTC"  # known, no zone set
    rig.manager.set_timezone(chat, "Tokyo")
    assert rig.manager.zone_of_chat(GROUP) == "Asia/Tokyo"


def test_unsubscribing_a_word_matches_no_query_subscription_by_accident(rig: Rig) -> None:
    """A subscription to a query (no topic) is matched by its query only, not by any text."""
    rig.subscribe(100, "putin", at=time(7, 0))
    assert rig.manager.matching(100, "xxxx") == []
    assert rig.manager.matching(100, "XXXX") == []


def test_an_empty_text_matches_no_subscription(rig: Rig) -> None:
    """Nothing named, nothing removed: "" must not match every subscription without a topic."""
    rig.subscribe(100, "putin", at=time(7, 0))
    assert rig.manager.matching(100, "") == []
    assert rig.manager.matching(100, "   ") == []


def test_a_named_topic_is_subscribed_as_the_topic_and_found_again_by_its_name(
        rig: Rig) -> None:
    """The topic's name labels it in /subscriptions; its query is the topic's, not the text."""
    topics = load_topics()
    assert isinstance(rig.news.store, SqlStore)
    news = NewsService(rig.news.store, rig.news.settings, topics, clock=rig.clock)
    manager = SubscriptionManager(rig.news.store.engine, news, rig.clock)
    chat = ChatInfo(100, "private")
    sub = manager.subscribe(chat, None, SubscribeRequest("Russia-China"), 1)
    assert (sub.topic, sub.query) == ("russia-china", topics["russia-china"].query)
    assert manager.existing(100, None, "russia-china") == sub
    again = manager.subscribe(chat, None, SubscribeRequest("russia-china", at=time(9, 0)), 1)
    assert (again.id, again.time_of_day) == (sub.id, "09:00")
    assert [s.id for s in manager.matching(100, "Russia-China")] == [sub.id]


def test_the_chat_row_is_stamped_by_the_manager_s_clock(rig: Rig) -> None:
    """When the bot first saw a chat and last changed it: the service's time, not the host's."""
    assert isinstance(rig.news.store, SqlStore)
    rig.subscribe(GROUP, "putin")
    rig.clock.now = T0 + timedelta(days=2)
    rig.manager.set_timezone(ChatInfo(GROUP, "supergroup"), "Tokyo")
    with rig.news.store.engine.connect() as conn:
        row = conn.execute(select(chats.c.created_at, chats.c.updated_at)
                           .where(chats.c.chat_id == GROUP)).one()
    assert (row.created_at, row.updated_at) == (T0, T0 + timedelta(days=2))
