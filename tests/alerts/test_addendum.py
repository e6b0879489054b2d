"""The alert section of digests on both backends: the cap's overflow and developing stories."""

from __future__ import annotations

from datetime import time, tzinfo

from digests.alerts.addendum import Addendum, AlertAddenda
from digests.models import Digest
from digests.models.subscriptions import ChatInfo, Status, Subscription
from digests.store.deliveries import DeliveryLedger
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.delivery import DeliveryService
from digests.subscriptions.manage import SubscriptionManager
from digests.subscriptions.outcomes import Rendered
from tests.alerts.conftest import AlertRig
from tests.alerts.test_service import FLOOD, QUAKE, QUAKE_2, QUAKE_3

MORE_QUAKE = ((QUAKE_2, "Paper B"), (QUAKE_3, "Radio C"), (QUAKE_2 + " More.", "Daily D"),
              (QUAKE_3 + " Again.", "Herald E"))


def render_digest(digest: Digest, sub: Subscription, zone: tzinfo) -> Rendered:
    return Rendered((f"DIGEST {sub.label}",))


def attach(addendum: Addendum, rendered: Rendered) -> Rendered:
    """Plain text showing what the real section shows."""
    over = "; ".join(f"{label}: {item.lead.title}" for label, item in addendum.over_cap)
    grown = "; ".join(f"{item.lead.title} ({item.sources} sources)"
                      for _, item in addendum.developing)
    return Rendered((*rendered.parts[:-1], f"{rendered.parts[-1]} | OVER {over} | DEV {grown}"))


def digests_of(arig: AlertRig) -> tuple[SubscriptionManager, DeliveryService]:
    engine = arig.ledger.engine
    manager = SubscriptionManager(engine, arig.news, arig.clock)
    additions = AlertAddenda(manager.subs, arig.ledger, arig.news, attach)
    service = DeliveryService(manager.subs, DeliveryLedger(engine), arig.news, arig.sender,
                              render_digest, clock=arig.clock, worker="d1",
                              additions=additions)
    return manager, service


def subscribe(manager: SubscriptionManager, chat_id: int, query: str, at: time) -> Subscription:
    return manager.subscribe(ChatInfo(chat_id, "private"), None, SubscribeRequest(query, at), 1)


async def test_stories_over_the_cap_go_into_the_topics_next_digest(arig: AlertRig) -> None:
    manager, digests = digests_of(arig)
    subscribe(manager, 100, "earthquake", time(13, 0))  # T0 is 12:00 UTC
    alert = arig.alert(100, "earthquake max 1/day")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    alerts = arig.service()
    await alerts.run_once()
    arig.report("Floods in Valencia after the earthquake of rain", FLOOD, "Paper B")
    assert (await alerts.run_once())["opened-spilled"] == 1
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=5)
    assert (await alerts.run_once())["spill-sent"] == 0  # the digest carries it, not a message
    assert (await digests.run_due())["sent"] == 1
    texts = [text for _, _, text in arig.sender.sent]
    assert len(texts) == 2
    assert texts[1].startswith("DIGEST earthquake")
    assert "OVER earthquake: Floods in Valencia" in texts[1]
    assert "Earthquake strikes Chile" not in texts[1].split("OVER")[1]  # it was alerted
    arig.clock.advance(days=1)
    await alerts.run_once()
    assert (await digests.run_due())["empty"] == 1  # listed once: nothing left to carry
    assert len(arig.sender.sent) == 2
    assert Status.DIGESTED in {r.status for r in arig.ledger.for_subscription(alert.id)}


async def test_a_thread_without_a_digest_gets_one_round_up(arig: AlertRig) -> None:
    arig.alert(100, "earthquake max 1/day")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    alerts = arig.service()
    await alerts.run_once()
    arig.report("Floods in Valencia after the earthquake of rain", FLOOD, "Paper B")
    await alerts.run_once()
    _, digests = digests_of(arig)
    arig.clock.now = arig.clock.now.replace(day=3, hour=8, minute=0, second=5)
    assert (await digests.run_due()).counts == {}
    assert (await alerts.run_once())["spill-sent"] == 1
    assert arig.sender.sent[-1][2].startswith("SPILL Floods in Valencia")


async def test_another_topics_digest_carries_it_when_the_topic_has_none(arig: AlertRig) -> None:
    manager, digests = digests_of(arig)
    subscribe(manager, 100, "russia china", time(13, 0))
    arig.alert(100, "earthquake max 1/day")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    await arig.service().run_once()
    arig.report("Floods in Valencia after the earthquake of rain", FLOOD, "Paper B")
    await arig.service().run_once()
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=5)
    await digests.run_due()
    assert "OVER earthquake: Floods in Valencia" in arig.sender.sent[-1][2]


async def test_a_story_that_grew_resurfaces_once_in_the_next_digest(arig: AlertRig) -> None:
    manager, digests = digests_of(arig)
    subscribe(manager, 100, "earthquake", time(13, 0))
    sub = arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    alerts = arig.service()
    await alerts.run_once()
    for text, source in MORE_QUAKE:
        arig.clock.advance(minutes=1)
        arig.report(f"Earthquake report from {source}", text, source)
        await alerts.run_once()
    assert len(arig.sender.sent) == 1  # never a second alert
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=5)
    await digests.run_due()
    assert "DEV Earthquake strikes Chile (5 sources)" in arig.sender.sent[-1][2]
    [row] = arig.ledger.for_subscription(sub.id)
    assert row.rendered is not None
    assert "resurfaced" in row.rendered
    arig.clock.advance(days=1)
    arig.report("Earthquake report from Wire F", QUAKE + " Update.", "Wire F")
    await alerts.run_once()
    sent = len(arig.sender.sent)
    await digests.run_due()
    assert all("DEV Earthquake" not in text for _, _, text in arig.sender.sent[sent:])  # once


async def test_a_story_alerted_with_five_sources_is_not_developing(arig: AlertRig) -> None:
    manager, digests = digests_of(arig)
    subscribe(manager, 100, "earthquake", time(13, 0))
    arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    for text, source in MORE_QUAKE:
        arig.report(f"Earthquake report from {source}", text, source)
    await arig.service().run_once()
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=5)
    await digests.run_due()
    assert arig.sender.sent[-1][2].startswith("DIGEST")
    assert "DEV" not in arig.sender.sent[-1][2]  # no section at all: nothing to add


async def test_a_muted_story_is_not_resurfaced(arig: AlertRig) -> None:
    manager, digests = digests_of(arig)
    subscribe(manager, 100, "earthquake", time(13, 0))
    sub = arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    alerts = arig.service()
    await alerts.run_once()
    [row] = arig.ledger.for_subscription(sub.id)
    assert alerts.mute(row.id, 100)
    for text, source in MORE_QUAKE:
        arig.clock.advance(minutes=1)
        arig.report(f"Earthquake report from {source}", text, source)
        await alerts.run_once()
    assert arig.editor.edits == []  # muted: no edits
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=5)
    await digests.run_due()
    assert arig.sender.sent[-1][2].startswith("DIGEST")
    assert "DEV" not in arig.sender.sent[-1][2]  # and no re-surfacing
