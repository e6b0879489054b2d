"""The alerts service: what /alert, /unalert and the alert buttons may change, on both backends."""

from __future__ import annotations

import pytest

from digests.alerts.args import parse_alert
from digests.models.subscriptions import ChatInfo
from digests.services.alerts import AlertSubscriptionService
from digests.services.chats import ChatService
from digests.subscriptions.args import SubscribeRequest
from digests.subscriptions.manage import SubscriptionManager
from tests.alerts.conftest import AlertRig, FakeRenderer, arig, database_url  # noqa: F401
from tests.alerts.test_service import QUAKE, QUAKE_2

ALICE = ChatInfo(100, "private")
BOB = ChatInfo(200, "private")


@pytest.fixture
def alerts(arig: AlertRig) -> AlertSubscriptionService:  # noqa: F811
    return AlertSubscriptionService(arig.news.store, arig.news,
                                    ChatService(arig.news.store, arig.news))


def test_unalert_removes_the_chats_alerts_on_that_topic_and_nothing_else(
        alerts: AlertSubscriptionService) -> None:
    quake = alerts.add(ALICE, None, parse_alert(["earthquake"]), 1)
    alerts.add(ALICE, None, parse_alert(["flood"]), 1)
    alerts.add(BOB, None, parse_alert(["earthquake"]), 2)
    assert alerts.unalert(ALICE.chat_id, "") == []  # an empty text names none
    assert [s.id for s in alerts.unalert(ALICE.chat_id, "  EARTHQUAKE ")] == [quake.id]
    assert [s.query for s in alerts.listing(ALICE.chat_id)] == ["flood"]
    assert [s.query for s in alerts.listing(BOB.chat_id)] == ["earthquake"]


def test_remove_alert_takes_only_an_alert_of_the_pressing_chat(
        alerts: AlertSubscriptionService, arig: AlertRig) -> None:  # noqa: F811
    mine = alerts.add(ALICE, None, parse_alert(["earthquake"]), 1)
    digest = SubscriptionManager(arig.ledger.engine, arig.news, arig.clock).subscribe(
        ALICE, None, SubscribeRequest("earthquake"), 1)
    assert not alerts.remove_from(BOB.chat_id, mine.id)  # another chat's button
    assert not alerts.remove_from(ALICE.chat_id, digest.id)  # a digest is not an alert
    assert not alerts.remove_from(ALICE.chat_id, 999_999)  # gone
    assert alerts.remove_from(ALICE.chat_id, mine.id)
    assert alerts.listing(ALICE.chat_id) == []
    assert not alerts.remove_from(ALICE.chat_id, mine.id)  # pressed twice


async def test_mute_spends_the_edit_budget_only_from_the_chat_it_went_to(
        alerts: AlertSubscriptionService, arig: AlertRig) -> None:  # noqa: F811
    sub = alerts.add(ALICE, None, parse_alert(["earthquake"]), 1)
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    ticker = alerts.ticker(arig.sender, arig.editor, FakeRenderer(), worker="w1",
                           clock=arig.clock)
    assert (await ticker.run_once())["sent"] == 1
    [row] = arig.ledger.for_subscription(sub.id)
    assert not alerts.mute(row.id, BOB.chat_id)
    assert not alerts.mute(999_999, ALICE.chat_id)
    assert alerts.mute(row.id, ALICE.chat_id)
    arig.clock.advance(minutes=1)
    arig.report("Earthquake report from Paper B", QUAKE_2, "Paper B")
    await ticker.run_once()
    assert arig.editor.edits == []  # muted: the new report edits nothing
    [muted] = arig.ledger.for_subscription(sub.id)
    assert muted.edits >= arig.news.settings.alert_max_edits
