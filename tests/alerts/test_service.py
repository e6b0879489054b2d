"""The alert core on both backends: once per story, folded edits, quiet hours, the cap,
restarts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from digests.models.subscriptions import Status
from digests.subscriptions.outcomes import Begin, SendResult, Target, Wait
from tests.alerts.conftest import AlertRig, NumberingSender

QUAKE = ("A strong earthquake struck the coast of Chile near Valparaiso on Monday, "
         "officials said. The magnitude 7.1 earthquake shook buildings in Santiago and "
         "Valparaiso and a tsunami warning was issued for the Chilean coast.")
QUAKE_2 = ("Chile was hit by a magnitude 7.1 earthquake near Valparaiso, shaking buildings "
           "in Santiago. Authorities issued a tsunami warning along the Chilean coast after "
           "the earthquake on Monday.")
QUAKE_3 = ("Buildings swayed in Santiago as a 7.1 magnitude earthquake hit near Valparaiso "
           "in Chile; a tsunami warning for the coast followed the earthquake, officials said.")
QUAKE_RU = ("Землетрясение магнитудой 7,1 произошло у побережья Чили недалеко от Вальпараисо "
            "в понедельник. В Сантьяго тряслись здания, объявлена угроза цунами.")
FLOOD = ("Heavy rain caused floods in Valencia, Spain, on Tuesday. Rivers burst their banks "
         "and roads were closed as the earthquake of rain continued, emergency services said.")


async def test_a_new_story_alerts_once(arig: AlertRig) -> None:
    sub = arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    report = await arig.service().run_once()
    assert report["sent"] == 1, report
    assert [c for c, _, _ in arig.sender.sent] == [100]
    assert arig.sender.sent[0][2].startswith("ALERT Earthquake strikes Chile (Wire A)")
    again = await arig.service().run_once()
    assert again["sent"] == 0
    assert len(arig.sender.sent) == 1
    [row] = arig.ledger.for_subscription(sub.id)
    assert (row.status, row.message_id, row.message_chat_id) == (Status.SENT, 1, 100)


async def test_later_reports_edit_the_one_message(arig: AlertRig) -> None:
    arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    await arig.service().run_once()
    for title, text, source in (("Chile hit by 7.1 earthquake", QUAKE_2, "Paper B"),
                                ("Santiago shaken by earthquake", QUAKE_3, "Radio C")):
        arig.clock.advance(minutes=5)
        arig.report(title, text, source)
        await arig.service().run_once()
    assert len(arig.sender.sent) == 1
    assert len(arig.editor.edits) == 2
    assert arig.editor.edits[-1][2].endswith("also: Paper B, Radio C")
    assert {(c, m) for c, m, _ in arig.editor.edits} == {(100, 1)}


async def test_an_old_story_does_not_alert_a_new_subscription(arig: AlertRig) -> None:
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    arig.clock.advance(minutes=1)
    arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Chile hit by 7.1 earthquake", QUAKE_2, "Paper B")
    await arig.service().run_once()
    assert arig.sender.sent == []


async def test_quiet_hours_hold_and_round_up(arig: AlertRig) -> None:
    arig.alert(100, "earthquake quiet 11:00-13:00")  # T0 is 12:00 UTC
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    arig.report("Floods in Valencia after the earthquake of rain", FLOOD, "Paper B")
    service = arig.service()
    report = await service.run_once()
    assert report["opened-held"] >= 1
    assert arig.sender.sent == []
    arig.clock.now = arig.clock.now.replace(hour=13, minute=0, second=1)
    report = await service.run_once()
    assert report["roundup-sent"] == 1
    [(chat, _, text)] = arig.sender.sent
    assert chat == 100
    assert text.startswith("ROUNDUP ")
    assert "Earthquake strikes Chile" in text
    await service.run_once()
    assert len(arig.sender.sent) == 1


async def test_the_daily_cap_spills_into_the_next_digest(arig: AlertRig) -> None:
    arig.alert(100, "earthquake max 1/day")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    service = arig.service()
    await service.run_once()
    arig.report("Floods in Valencia after the earthquake of rain", FLOOD, "Paper B")
    report = await service.run_once()
    assert report["opened-spilled"] == 1
    assert len(arig.sender.sent) == 1
    arig.clock.now = (arig.clock.now + timedelta(days=1)).replace(hour=8, minute=0, second=5)
    report = await service.run_once()
    assert report["spill-sent"] == 1
    assert arig.sender.sent[-1][2].startswith("SPILL Floods in Valencia")


class DiesBeforeSending(NumberingSender):
    """Chat 200's first send never goes out: the process dies while pacing for it."""

    hung = False

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        if target.chat_id == 200 and not self.hung:
            self.hung = True
            self.changed.set()
            await asyncio.Event().wait()
        return await super().send_part(target, text, markup=markup, wait=wait, begin=begin)


async def test_a_restart_mid_alert_neither_loses_nor_repeats_it(arig: AlertRig) -> None:
    arig.alert(100, "earthquake")
    arig.alert(200, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    dying = DiesBeforeSending()
    run = asyncio.ensure_future(arig.service(sender=dying).run_once())
    while not (dying.hung and dying.sent):  # woken by each part and by the hang
        dying.changed.clear()
        await dying.changed.wait()
    run.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await run
    assert [c for c, _, _ in dying.sent] == [100]
    report = await arig.service().run_once()  # the same worker, restarted
    assert report["resumed"] >= 1  # chat 200's, and chat 100's if its record was cut off
    assert [c for c, _, _ in arig.sender.sent] == [200]
    assert (await arig.service().run_once())["sent"] == 0
    assert [c for c, _, _ in arig.sender.sent] == [200]


async def test_reports_in_two_languages_fold_into_one_alert(arig: AlertRig) -> None:
    arig.alert(100, "earthquake OR землетрясение")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    await arig.service().run_once()
    arig.clock.advance(minutes=5)
    arig.report("Землетрясение в Чили", QUAKE_RU, "Вести")
    await arig.service().run_once()
    assert len(arig.sender.sent) == 1
    assert arig.editor.edits
    assert arig.editor.edits[-1][2].endswith("also: Вести")


async def test_edits_stop_after_the_budget_and_never_send(arig: AlertRig) -> None:
    sub = arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    service = arig.service()
    await service.run_once()
    for n, text in enumerate((QUAKE_2, QUAKE_3, QUAKE_2 + " More.", QUAKE_3 + " Again.",
                              QUAKE + " Later.")):
        arig.clock.advance(minutes=1)
        arig.report(f"Earthquake report {n}", text, f"Source {n}")
        await service.run_once()
    assert len(arig.sender.sent) == 1
    assert len(arig.editor.edits) == 3  # ALERT_MAX_EDITS, then silence
    [row] = arig.ledger.for_subscription(sub.id)
    assert row.edits == 3
    assert len(row.sources) == 6


async def test_two_workers_send_each_story_once(arig: AlertRig) -> None:
    for chat in range(1, 21):
        arig.alert(chat, "earthquake")
    arig.clock.advance(minutes=1)
    arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    first, second = arig.service(worker="w1"), arig.service(worker="w2")
    await asyncio.gather(first.run_once(), second.run_once())
    chats = [c for c, _, _ in arig.sender.sent]
    assert sorted(chats) == list(range(1, 21))


def test_removing_alerts_by_an_empty_text_matches_none(arig: AlertRig) -> None:
    """Nothing named, nothing removed: "" must not match every alert without a topic."""
    alert = arig.alert(100, "earthquake chile")
    assert alert.topic is None  # a query alert: its topic is empty
    assert [s.id for s in arig.manager.matching(100, " Earthquake  CHILE")] == [alert.id]
    assert arig.manager.matching(100, "") == []
    assert arig.manager.matching(100, "  ") == []
