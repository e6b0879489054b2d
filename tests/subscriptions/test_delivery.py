"""The scheduler core with a manual clock: once per period, catch-up, crashes, outcomes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from digests.models import Digest
from digests.models.subscriptions import ChatInfo, EmptyPolicy, Status
from digests.subscriptions.delivery import LOST, RETRY
from digests.subscriptions.digestcache import DigestKey
from digests.subscriptions.outcomes import (
    AmbiguousPolicy,
    Begin,
    Outcome,
    SendResult,
    Target,
    Wait,
)
from digests.subscriptions.schedule import period_key
from tests.subscriptions.conftest import T0, FakeSender, Rig, open_news


async def _until(changed: asyncio.Event, condition: Callable[[], bool]) -> None:
    """Wait until ``condition`` holds, checking it each time ``changed`` is set."""
    while True:
        changed.clear()
        if condition():
            return
        await changed.wait()


async def test_due_digest_is_sent_once_and_rescheduled(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    assert sub.next_run_at == T0 + timedelta(hours=1)
    service = rig.service()
    assert (await service.run_due()).counts == {}  # not yet
    rig.clock.now = T0 + timedelta(hours=1, seconds=5)
    report = await service.run_due()
    assert report[Outcome.SENT] == 1
    assert rig.sender.chats() == [100, 100, 100]
    again = await service.run_due()
    assert again.counts == {}
    stored = rig.manager.subs.get(sub.id)
    assert stored is not None
    assert stored.next_run_at == T0 + timedelta(days=1, hours=1)
    assert stored.last_window_end == T0 + timedelta(hours=1)
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert (row.status, row.parts_sent, row.parts_total) == (Status.SENT, 3, 3)


async def test_window_starts_at_the_previous_delivery(rig: Rig) -> None:
    rig.subscribe(100, "putin", at=time(7, 0), policy=EmptyPolicy.NOTIFY)
    service = rig.service()
    rig.clock.now = T0 + timedelta(hours=1)
    await service.run_due()
    rig.clock.now = T0 + timedelta(days=1, hours=1)
    await service.run_due()  # nothing new since yesterday's delivery: notify policy says so
    assert rig.sender.sent[-1][2] == "putin empty 3"
    rig.add_story("Xi visits Moscow", T0 + timedelta(days=1, hours=3))
    rig.clock.now = T0 + timedelta(days=2, hours=1)
    await service.run_due()
    assert rig.sender.sent[-1][2] == "putin 1 stories 3"


async def test_empty_period_is_skipped_silently_by_default(rig: Rig) -> None:
    rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    rig.clock.now = T0 + timedelta(hours=1)
    await service.run_due()
    rig.clock.now = T0 + timedelta(days=1, hours=1)
    report = await service.run_due()
    assert report[Status.EMPTY] == 1
    assert len(rig.sender.sent) == 3


async def test_catch_up_within_grace_and_skip_beyond(rig: Rig) -> None:
    inside = rig.subscribe(100, "putin", at=time(7, 0))
    outside = rig.subscribe(200, "putin", at=time(6, 30))
    rig.clock.now = T0 + timedelta(hours=6, minutes=50)  # 5.8 h and 6.3 h late; grace 6 h
    report = await rig.service().run_due()
    assert report[Outcome.SENT] == 1
    assert report[Status.SKIPPED] == 1
    assert set(rig.sender.chats()) == {100}
    [skipped] = rig.manager.ledger.for_subscription(outside.id)
    assert skipped.status == Status.SKIPPED
    assert "grace" in (skipped.last_error or "")
    later = rig.manager.subs.get(outside.id)
    assert later is not None
    assert later.next_run_at == T0 + timedelta(days=1, minutes=30)
    assert rig.manager.subs.get(inside.id) is not None


async def test_long_downtime_sends_only_the_latest_period_within_grace(rig: Rig) -> None:
    rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(days=3, hours=2)  # three runs missed, the last 1 h ago
    report = await rig.service().run_due()
    assert report[Outcome.SENT] == 1
    assert len(rig.sender.sent) == 3


async def test_one_digest_is_composed_for_many_subscribers(rig: Rig) -> None:
    for chat in range(1, 41):
        rig.subscribe(chat, "putin", at=time(7, 0))
    rig.subscribe(999, "putin", at=time(7, 0), zone="Europe/Berlin")  # another window
    rig.clock.now = T0 + timedelta(days=1, hours=1)
    report = await rig.service().run_due()
    assert report[Outcome.SENT] == 41
    assert report.digests == 2


async def _crash_mid_fan_out(rig: Rig) -> int:
    """Ten chats due; the worker dies after 14 parts with one part of each chat in flight."""
    for chat in range(1, 11):
        rig.subscribe(chat, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    rig.sender.die_after = 14  # dies in the middle of the fifth chat's digest
    crashing = asyncio.create_task(rig.service(worker="before-crash").run_due())

    def finished() -> int:  # chats whose three parts all went out before the crash
        return sum(rig.sender.chats().count(chat) == 3 for chat in range(1, 11))

    await asyncio.wait_for(_until(rig.sender.changed,
                                        lambda: rig.sender.stalled + finished() == 10), timeout=30)
    crashing.cancel()  # killed: no exception handler records anything
    with contextlib.suppress(asyncio.CancelledError):
        await crashing
    assert len(rig.sender.sent) == 14
    rig.sender.die_after = None
    return finished()


def _parts_per_chat(rig: Rig) -> dict[int, list[str]]:
    return {chat: [p for c, _, p in rig.sender.sent if c == chat] for chat in range(1, 11)}


async def test_another_worker_resumes_a_crashed_fan_out_after_the_lease(rig: Rig) -> None:
    finished = await _crash_mid_fan_out(rig)
    restarted = rig.service(worker="another")
    restarted.ambiguous = AmbiguousPolicy.RESEND
    busy = (await restarted.run_due())["busy"]
    assert busy == 10 - finished >= 6  # the dead worker's leases still hold
    rig.clock.now += restarted.lease
    await restarted.run_due()
    # resend policy: the parts in flight at the crash (never sent by the fake) are sent now
    assert all(parts == [f"putin 1 stories {n}" for n in (1, 2, 3)]
               for parts in _parts_per_chat(rig).values()), _parts_per_chat(rig)
    assert len(rig.sender.sent) == 30


async def test_a_restarted_worker_resumes_its_own_claims_at_once(rig: Rig) -> None:
    finished = await _crash_mid_fan_out(rig)
    restarted = rig.service(worker="before-crash")  # the same identity, no time passes
    report = await restarted.run_due()
    assert report[Outcome.SENT] == 10 - finished
    per_chat = _parts_per_chat(rig)
    # skip policy (the default): the part that was in flight at the crash is not resent
    unknown = 0
    for chat in range(1, 11):
        [sub] = rig.manager.subs.for_chat(chat)
        [row] = rig.manager.ledger.for_subscription(sub.id)
        assert (row.status, row.parts_sent) == (Status.SENT, 3)
        assert len(per_chat[chat]) == len(set(per_chat[chat])) == 3 - row.parts_unknown
        unknown += row.parts_unknown
    assert unknown == 10 - finished  # one part in flight per chat that was being served


async def test_outcomes_pause_move_and_fail(rig: Rig) -> None:
    blocked = rig.subscribe(100, "putin", at=time(7, 0))
    rig.subscribe(100, "xi", at=time(7, 0))
    migrated = rig.subscribe(-200, "putin", at=time(7, 0))
    flaky = rig.subscribe(300, "putin", at=time(7, 0))
    refused = rig.subscribe(400, "putin", at=time(7, 0))
    rig.sender.outcomes = {
        100: SendResult(Outcome.BLOCKED, 0, "Forbidden: bot was blocked by the user"),
        -200: SendResult(Outcome.MIGRATED, 0, "migrated", new_chat_id=-1009),
        300: SendResult(Outcome.FAILED, 0, "Bad Gateway"),
        400: SendResult(Outcome.REJECTED, 0, "Bad Request: message is too long"),
    }
    rig.clock.now = T0 + timedelta(hours=1)
    await rig.service().run_due()
    paused = rig.manager.subs.for_chat(100)
    assert all(s.paused and "blocked" in (s.pause_reason or "") for s in paused)
    moved = rig.manager.subs.get(migrated.id)
    assert moved is not None
    assert moved.chat_id == -1009
    assert rig.sender.chats() == [-1009] * 3
    failed = rig.manager.subs.get(refused.id)  # permanent: final, tomorrow is tried again
    assert failed is not None
    assert failed.last_window_end is None
    assert failed.next_run_at == T0 + timedelta(days=1, hours=1)
    assert rig.manager.ledger.latest([refused.id])[refused.id].status == Status.FAILED
    waiting = rig.manager.subs.get(flaky.id)  # transient: resumed on a later tick
    assert waiting is not None
    assert waiting.next_run_at == T0 + timedelta(hours=1)
    assert rig.manager.ledger.latest([flaky.id])[flaky.id].status == Status.RETRY
    assert rig.manager.resume_chat(100) == 2  # the user /starts again
    assert not any(s.paused for s in rig.manager.subs.for_chat(100))
    assert blocked.id in {s.id for s in rig.manager.subs.for_chat(100)}


async def test_dst_change_in_berlin_keeps_local_time(rig: Rig) -> None:
    rig.clock.now = T0 + timedelta(days=26)  # 2026-03-28
    sub = rig.subscribe(100, "putin", at=time(8, 0), zone="Europe/Berlin")
    service = rig.service()
    fired = []
    for _ in range(3):
        current = rig.manager.subs.get(sub.id)
        assert current is not None
        assert current.next_run_at is not None
        rig.clock.now = current.next_run_at
        await service.run_due()
        fired.append(rig.clock.now.strftime("%m-%d %H:%M"))
    assert fired == ["03-28 07:00", "03-29 06:00", "03-30 06:00"]  # 08:00 CET, then CEST


async def test_two_schedulers_deliver_every_digest_exactly_once(rig: Rig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for chat in range(1, 121):
        rig.subscribe(chat, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    other_news = open_news(rig.url, rig.clock, tmp_path / "second")  # its own engine and pool
    first = rig.service(worker="process-a")
    second = rig.service(worker="process-b", news=other_news)
    try:
        reports = await asyncio.gather(first.run_due(), second.run_due())
    finally:
        other_news.store.close()
    assert sum(r[Outcome.SENT] for r in reports) == 120
    per_chat = {chat: rig.sender.chats().count(chat) for chat in range(1, 121)}
    assert set(per_chat.values()) == {3}


@dataclass
class GatedSender(FakeSender):
    """Every part waits at `gate` (counted in ``stalled``) until the test opens it."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        self.stalled += 1
        self.changed.set()
        await self.gate.wait()
        return await super().send_part(target, text, markup=markup, wait=wait, begin=begin)


async def test_a_run_started_during_another_returns_after_the_digest_is_sent(
        rig: Rig) -> None:
    """The sandbox's /wait (or a test) beside the scheduled tick of the same process.

    Overlapping, the second run found the period claimed, answered "busy" at once, and its
    caller looked for a digest that was still being sent.
    """
    rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    sender = GatedSender()
    service = rig.service(sender=sender)
    tick = asyncio.create_task(service.run_due())
    await asyncio.wait_for(_until(sender.changed, lambda: sender.stalled == 1), 30)
    manual = asyncio.create_task(service.run_due())
    # The old code answered "busy" within a few thread hops; waiting on it is a bounded
    # look for something that must not happen, and the fixed code passes however long.
    finished, _ = await asyncio.wait({manual}, timeout=1.0)
    assert not finished, manual.result().counts
    sender.gate.set()
    report = await asyncio.wait_for(manual, 30)
    assert (await tick)[Outcome.SENT] == 1
    assert report.counts == {}  # the tick had sent it; nothing was due any more
    assert sender.chats() == [100, 100, 100]


async def test_an_error_after_the_claim_marks_the_period_failed(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()

    def broken(key: object) -> None:
        raise RuntimeError("compose failed")

    service._compose = broken  # type: ignore[assignment,method-assign]
    rig.clock.now = T0 + timedelta(hours=1)
    assert (await service.run_due())["error"] == 1
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert row.status == Status.FAILED
    assert "compose failed" in (row.last_error or "")
    stored = rig.manager.subs.get(sub.id)
    assert stored is not None
    assert stored.next_run_at == T0 + timedelta(days=1, hours=1)  # tomorrow is tried again


async def test_a_stale_sending_row_beyond_grace_becomes_skipped(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    assert sub.next_run_at is not None
    period = period_key(sub.schedule(service.default_zone), sub.next_run_at)
    rig.manager.ledger.claim(sub.id, period, worker="crashed", now=sub.next_run_at,
                             window=(T0, sub.next_run_at), lease=service.lease)
    rig.clock.now = sub.next_run_at + service.grace + timedelta(minutes=1)
    assert (await service.run_due())[Status.SKIPPED] == 1
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert row.status == Status.SKIPPED
    assert "grace" in (row.last_error or "")
    assert rig.sender.sent == []


async def test_a_crash_between_sent_and_reschedule_keeps_the_window(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    advance = service.subscriptions.advance
    calls = []

    def killed_once(*args: object, **kwargs: object) -> bool:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("killed after finish(SENT), before advance")
        return advance(*args, **kwargs)  # type: ignore[arg-type]

    service.subscriptions.advance = killed_once  # type: ignore[method-assign]
    rig.clock.now = T0 + timedelta(hours=1)
    assert (await service.run_due())["error"] == 1
    assert (await service.run_due())["done-before"] == 1
    stored = rig.manager.subs.get(sub.id)
    assert stored is not None
    assert stored.last_window_end == T0 + timedelta(hours=1)  # the next digest starts there
    assert stored.next_run_at == T0 + timedelta(days=1, hours=1)


async def test_a_worker_whose_lease_was_taken_over_while_composing_stops(
        rig: Rig, tmp_path: Path) -> None:
    rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    other_news = open_news(rig.url, rig.clock, tmp_path / "second")
    slow = rig.service(worker="slow")
    other = rig.service(worker="other", news=other_news)
    compose = slow._compose
    reports = []

    def composing_past_the_lease(key: DigestKey) -> Digest:
        rig.clock.now += slow.lease + timedelta(minutes=1)
        reports.append(asyncio.run(other.run_due()))  # meanwhile, the other worker takes over
        return compose(key)

    slow._compose = composing_past_the_lease  # type: ignore[method-assign]
    try:
        report = await slow.run_due()
    finally:
        other_news.store.close()
    assert reports[0][Outcome.SENT] == 1
    assert report[LOST] == 1
    assert rig.sender.chats() == [100, 100, 100]


def test_progress_and_finish_need_the_claim(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    ledger = rig.manager.ledger
    lease = timedelta(minutes=5)
    mine = ledger.claim(sub.id, "p", worker="a", now=T0, window=(T0, T0), lease=lease)
    assert ledger.progress(mine.delivery.id, 1, 3, T0, "a")
    later = T0 + lease + timedelta(seconds=1)
    assert ledger.claim(sub.id, "p", worker="b", now=later, window=(T0, T0), lease=lease).mine
    assert not ledger.progress(mine.delivery.id, 2, 3, later, "a")
    assert not ledger.renew(mine.delivery.id, "a", later)
    assert not ledger.finish(mine.delivery.id, Status.SENT, later, worker="a")
    [row] = ledger.for_subscription(sub.id)
    assert (row.status, row.claimed_by, row.parts_sent) == (Status.SENDING, "b", 1)
    assert ledger.finish(mine.delivery.id, Status.SENT, later, worker="b")


async def test_changing_the_zone_to_the_same_local_date_still_delivers(rig: Rig) -> None:
    chat = ChatInfo(100, "private")
    rig.manager.set_timezone(chat, "Asia/Tokyo")
    sub = rig.subscribe(100, "putin", at=time(8, 0))
    service = rig.service()
    rig.clock.now = datetime(2026, 3, 2, 23, 0, 5, tzinfo=UTC)  # 08:00 in Tokyo on March 3
    assert (await service.run_due())[Outcome.SENT] == 1
    rig.manager.set_timezone(chat, "America/Los_Angeles")  # 08:00 there is March 3 too
    moved = rig.manager.subs.get(sub.id)
    assert moved is not None
    assert moved.next_run_at == datetime(2026, 3, 3, 16, tzinfo=UTC)
    rig.add_story("Xi visits Moscow", datetime(2026, 3, 3, 10, tzinfo=UTC))
    rig.clock.now = moved.next_run_at + timedelta(seconds=5)
    assert (await service.run_due())[Outcome.SENT] == 1
    keys = [d.period_key for d in rig.manager.ledger.for_subscription(sub.id)]
    assert keys == ["2026-03-03@Asia/Tokyo", "2026-03-03@America/Los_Angeles"]


async def test_a_chat_blocked_after_migrating_is_paused_under_its_new_id(rig: Rig) -> None:
    migrated = rig.subscribe(-200, "putin", at=time(7, 0))
    rig.sender.outcomes = {
        -200: SendResult(Outcome.MIGRATED, 0, "migrated", new_chat_id=-1009),
        -1009: SendResult(Outcome.BLOCKED, 0, "Forbidden: bot was kicked"),
    }
    rig.clock.now = T0 + timedelta(hours=1)
    assert (await rig.service().run_due())[Outcome.BLOCKED] == 1
    moved = rig.manager.subs.get(migrated.id)
    assert moved is not None
    assert (moved.chat_id, moved.paused) == (-1009, True)
    assert "kicked" in (moved.pause_reason or "")


async def test_a_transient_failure_mid_digest_sends_the_rest_on_a_later_tick(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    rig.clock.now = T0 + timedelta(hours=1)
    rig.sender.script = [Outcome.SENT, Outcome.FAILED]
    assert (await service.run_due())[RETRY] == 1
    rig.add_story("Xi visits Moscow", T0 + timedelta(hours=1, minutes=1))  # a newer digest
    rig.clock.now += timedelta(seconds=30)
    assert (await service.run_due())["busy"] == 1  # not before the retry delay
    rig.clock.now += service.retry_delay
    assert (await service.run_due())[Outcome.SENT] == 1
    # the stored parts, not a new digest: one digest, no part twice, none lost
    assert [p for _, _, p in rig.sender.sent] == [f"putin 1 stories {n}" for n in (1, 2, 3)]
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert (row.status, row.parts_sent, row.attempts) == (Status.SENT, 3, 2)


async def test_a_transient_failure_past_the_grace_is_final(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    rig.clock.now = T0 + timedelta(hours=1)
    rig.sender.script = [Outcome.SENT, Outcome.FAILED]
    await service.run_due()
    rig.clock.now += service.grace + timedelta(minutes=1)
    assert (await service.run_due())[Status.SKIPPED] == 1
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert (row.status, row.parts_sent) == (Status.SKIPPED, 1)
    assert len(rig.sender.sent) == 1


async def test_ambiguous_sends_follow_the_policy(rig: Rig) -> None:
    skipping = rig.subscribe(100, "putin", at=time(7, 0))
    service = rig.service()
    rig.clock.now = T0 + timedelta(hours=1)
    rig.sender.script = [Outcome.SENT, Outcome.AMBIGUOUS]  # part 2 arrived, its answer lost
    assert (await service.run_due())[Outcome.SENT] == 1
    assert len(rig.sender.sent) == 3  # never resent: at most once per part
    [row] = rig.manager.ledger.for_subscription(skipping.id)
    assert (row.status, row.parts_sent, row.parts_unknown) == (Status.SENT, 3, 1)
    resending = rig.subscribe(200, "putin", at=time(8, 0))
    service.ambiguous = AmbiguousPolicy.RESEND
    rig.clock.now = T0 + timedelta(hours=2)
    rig.sender.script = [Outcome.AMBIGUOUS]
    await service.run_due()
    assert rig.sender.chats().count(200) == 4  # at least once: part 1 twice
    [row] = rig.manager.ledger.for_subscription(resending.id)
    assert (row.parts_sent, row.parts_unknown) == (3, 0)


async def test_the_claim_is_checked_before_each_part_and_kept_while_waiting(rig: Rig) -> None:
    sub = rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    slow = rig.service(worker="slow")
    other = rig.service(worker="other")
    sender = rig.sender
    renewals: list[datetime] = []

    class WaitingSender:
        """Part 1 waits out a long retry_after (longer than the lease), then sends."""

        async def send_part(self, target, text, *, markup, wait, begin):  # type: ignore[no-untyped-def]
            if not sender.sent:
                for _ in range(4):  # each slice the clock moves one heartbeat on
                    rig.clock.now += timedelta(seconds=slow.heartbeat)
                    await wait(slow.heartbeat)
                    renewals.append(rig.clock.now)
            return await sender.send_part(target, text, markup=markup, wait=wait, begin=begin)

    async def no_sleep(_: float) -> None:
        assert (await other.run_due())["busy"] == 1  # renewed: nobody takes it over

    slow.sender = WaitingSender()
    slow.sleep = no_sleep
    assert (await slow.run_due())[Outcome.SENT] == 1
    assert len(renewals) == 4
    assert rig.clock.now - T0 - timedelta(hours=1) > slow.lease
    [row] = rig.manager.ledger.for_subscription(sub.id)
    assert (row.status, row.claimed_by, row.parts_sent) == (Status.SENT, "slow", 3)
    assert len(sender.sent) == 3


async def test_a_stalled_worker_stops_before_its_next_part(rig: Rig, tmp_path: Path) -> None:
    rig.subscribe(100, "putin", at=time(7, 0))
    rig.clock.now = T0 + timedelta(hours=1)
    other_news = open_news(rig.url, rig.clock, tmp_path / "second")
    stalled = rig.service(worker="stalled")
    other = rig.service(worker="other", news=other_news)
    sender = rig.sender
    reports = []

    class StallingSender:
        """After part 1 the worker stalls past its lease (no heartbeat: a frozen process)."""

        async def send_part(self, target, text, *, markup, wait, begin):  # type: ignore[no-untyped-def]
            result = await sender.send_part(target, text, markup=markup, wait=wait, begin=begin)
            if len(sender.sent) == 1:
                rig.clock.now += stalled.lease + timedelta(seconds=1)
                reports.append(await other.run_due())  # takes over, sends parts 2 and 3
            return result

    stalled.sender = StallingSender()
    try:
        report = await stalled.run_due()
    finally:
        other_news.store.close()
    assert reports[0][Outcome.SENT] == 1
    assert report[LOST] == 1
    assert [p for _, _, p in sender.sent] == [f"putin 1 stories {n}" for n in (1, 2, 3)]
