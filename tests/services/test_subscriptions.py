"""The subscriptions service: what /unsubscribe, the buttons and the delivery job rely on."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from digests.models.subscriptions import ChatInfo, Status
from digests.services.chats import ChatService
from digests.services.subscriptions import SubscriptionService
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.outcomes import Rendered
from tests.subscriptions.conftest import T0, Rig, database_url, render_three, rig  # noqa: F401

ALICE = ChatInfo(100, "private")
BOB = ChatInfo(200, "private")


@pytest.fixture
def subs(rig: Rig) -> SubscriptionService:  # noqa: F811
    return SubscriptionService(rig.news.store, rig.news, ChatService(rig.news.store, rig.news))


def unchanged(addendum: object, rendered: Rendered) -> Rendered:
    return rendered


def test_unsubscribe_removes_the_chats_subscriptions_to_that_topic_only(
        subs: SubscriptionService) -> None:
    putin = subs.subscribe(ALICE, None, SubscribeRequest("putin"), 1)
    subs.subscribe(ALICE, None, SubscribeRequest("xi"), 1)
    subs.subscribe(BOB, None, SubscribeRequest("putin"), 2)
    assert subs.unsubscribe(ALICE.chat_id, " ") == []  # an empty text names none
    assert [s.id for s in subs.unsubscribe(ALICE.chat_id, "PUTIN")] == [putin.id]
    assert [s.query for s in subs.for_chat(ALICE.chat_id)] == ["xi"]
    assert [s.query for s in subs.for_chat(BOB.chat_id)] == ["putin"]
    assert subs.get(putin.id) is None
    assert not subs.remove(putin.id)


def test_the_first_due_subscription_is_found_only_within_the_horizon(
        subs: SubscriptionService, rig: Rig) -> None:  # noqa: F811
    assert subs.first_due(T0 + timedelta(days=2)) is None  # nothing subscribed
    later = subs.subscribe(ALICE, None, SubscribeRequest("putin", time(9, 0)), 1)
    sooner = subs.subscribe(BOB, None, SubscribeRequest("putin", time(7, 0)), 2)
    assert subs.first_due(T0) is None  # T0 is 06:00 UTC
    found = subs.first_due(T0 + timedelta(days=1))
    assert found is not None
    assert found.id == sooner.id
    subs.pause(sooner.id)
    found = subs.first_due(T0 + timedelta(days=1))
    assert found is not None
    assert found.id == later.id


async def test_the_delivery_it_builds_sends_a_due_digest_and_records_it(
        subs: SubscriptionService, rig: Rig) -> None:  # noqa: F811
    sub = subs.subscribe(ALICE, None, SubscribeRequest("putin", time(7, 0)), 1)
    rig.clock.now = T0 + timedelta(hours=1, seconds=5)
    leader = subs.leader()  # on PostgreSQL, a session holding the database's lock
    delivery = subs.delivery(rig.sender, render_three, unchanged, clock=rig.clock,
                             worker="w1", leader=leader)
    try:
        assert (await delivery.run_due())["sent"] == 1
    finally:
        leader.close()
    assert [chat for chat, _, _ in rig.sender.sent] == [ALICE.chat_id] * 3
    assert [row.status for row in subs.deliveries(sub.id)] == [Status.SENT]
    [listed] = subs.listing(ALICE.chat_id)
    assert listed.last is not None
    assert listed.last.status == Status.SENT
