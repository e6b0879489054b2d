"""The scheduler core: what is due, claim it in the ledger, compose once, send, record.

Framework-free: the bot plugs in a `Sender` and a `Renderer` and calls `run_due` every tick.
Each due subscription goes through numbered stages:

1. **Catch up or skip.** A run missed by more than the grace period is not sent late; it is
   recorded as skipped, logged, and the schedule moves to the next firing after now.
2. **Claim** the period in the ledger (see `digests.store.deliveries`): only the worker that
   owns the row sends; anyone else just advances the schedule once the row is final.
3. **Compose** the digest for the window since the previous delivery (first time: the last
   24 hours, widened to the latest stories when those are quiet), once per shared window.
4. **Send**, resuming at the recorded part, then apply the outcome: advance the schedule,
   pause a chat that blocked the bot, or move a migrated group's subscriptions and resend.

One subscriber's failure is logged and counted, never raised into the others. An error after
the claim marks the period failed rather than leaving it ``sending``. The lease is renewed
once the digest is composed and after every part; a worker that finds its claim taken over
(its lease ran out while it composed or waited) stops sending and reports ``lost``.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from digests.chatprefs import SummaryPrefs
from digests.models import Digest
from digests.service import NewsService
from digests.store.deliveries import DeliveryLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.digestcache import DigestCache, DigestKey
from digests.subscriptions.models import Delivery, EmptyPolicy, Status, Subscription
from digests.subscriptions.outcomes import Outcome, Renderer, Sender, SendResult, Target
from digests.subscriptions.schedule import latest_run_at, next_run_at, period_key

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
FIRST_WINDOW = timedelta(hours=24)
MAX_MIGRATIONS = 2
LOST = "lost"


class ClaimLostError(Exception):
    """Another worker took the period over: this one must not send or record anything."""


@dataclass
class RunReport:
    """Counts of what one tick did, by outcome; ``digests`` is how many were composed."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    digests: int = 0

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


class DeliveryService:
    """Deliver every due subscription exactly once per period."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: DeliveryLedger,
                 news: NewsService, sender: Sender, render: Renderer, *, clock: Clock,
                 worker: str | None = None, lease: timedelta = timedelta(minutes=5),
                 concurrency: int = 64,
                 chat_prefs: Callable[[int], SummaryPrefs] | None = None) -> None:
        self.subscriptions = subscriptions
        self.chat_prefs = chat_prefs or (lambda chat_id: SummaryPrefs())
        self.ledger = ledger
        self.news = news
        self.sender = sender
        self.render = render
        self.clock = clock
        self.worker = worker or uuid.uuid4().hex[:16]
        self.lease = lease
        self.concurrency = concurrency
        settings = news.settings
        self.grace = timedelta(hours=settings.catch_up_grace_hours)
        self.default_zone = settings.default_timezone
        self._settings_key = (settings.digest_stories, settings.digest_key_points,
                              settings.summary_algorithm, settings.summary_length)

    async def run_due(self) -> RunReport:
        """Deliver everything due now; returns what happened, by outcome."""
        now = self.clock()
        due = await asyncio.to_thread(self.subscriptions.due, now)
        report = RunReport()
        cache = DigestCache(self._compose)
        gate = asyncio.Semaphore(self.concurrency)

        async def one(subscription: Subscription) -> None:
            async with gate:
                try:
                    report.counts[await self.deliver(subscription, now, cache)] += 1
                except Exception:
                    log.exception("delivery of subscription %s failed", subscription.id)
                    report.counts["error"] += 1

        await asyncio.gather(*(one(s) for s in due))
        report.digests = cache.computed
        return report

    async def deliver(self, sub: Subscription, now: datetime, cache: DigestCache) -> str:
        """Stages 1-4 for one subscription; returns the outcome's name."""
        schedule = sub.schedule(self.default_zone)
        run_at = sub.next_run_at or now
        if now - run_at > self.grace:  # 1. catch up within the grace period, else skip
            latest = latest_run_at(schedule, now)
            if latest is None or now - latest > self.grace:
                return await self._skip(sub, run_at, now)
            run_at = latest
        period = period_key(schedule, run_at)
        since = sub.last_window_end or run_at - FIRST_WINDOW
        claim = await asyncio.to_thread(  # 2. claim the period
            self.ledger.claim, sub.id, period, worker=self.worker, now=now,
            window=(since, run_at), lease=self.lease)
        row = claim.delivery
        if not claim.mine:
            if row.status == Status.SENDING:
                return "busy"
            done = row.status in (Status.SENT, Status.EMPTY)  # crashed before rescheduling?
            await self._advance(sub, run_at, now, row.window_end if done else None)
            return "done-before"
        try:
            return await self._compose_and_send(sub, row, run_at, now, cache)
        except ClaimLostError:
            log.warning("subscription %s: another worker took period %s over; stopping",
                        sub.id, period)
            return LOST
        except Exception as error:  # never leave the period "sending": it failed
            try:
                await self._finish(row.id, Status.FAILED, f"{type(error).__name__}: {error}")
            except ClaimLostError:
                raise error from None  # the new owner reschedules
            await self._advance(sub, run_at, now, None)
            raise

    async def _finish(self, delivery_id: int, status: Status, error: str | None = None) -> None:
        if not await asyncio.to_thread(self.ledger.finish, delivery_id, status, self.clock(),
                                       error, worker=self.worker):
            raise ClaimLostError(delivery_id)

    async def _compose_and_send(self, sub: Subscription, row: Delivery, run_at: datetime,
                                now: datetime, cache: DigestCache) -> str:
        """Stages 3-4 for a claimed period."""
        assert row.window_start is not None
        assert row.window_end is not None
        prefs = await asyncio.to_thread(self.chat_prefs, sub.chat_id)
        key = DigestKey(sub.topic or sub.query, row.window_start, row.window_end,  # 3. compose
                        widen=sub.last_window_end is None,
                        settings=(*self._settings_key, prefs.algorithm, prefs.length,
                                  prefs.language, prefs.interface))
        digest = await cache.digest(key)
        if digest.is_empty and sub.empty_policy == EmptyPolicy.SKIP:
            await self._finish(row.id, Status.EMPTY)
            await self._advance(sub, run_at, now, row.window_end)
            return Status.EMPTY
        zone = sub.zone(self.default_zone)
        pieces = cache.pieces((key, sub.zone_name(self.default_zone), sub.label),
                              lambda: self.render(digest, sub, zone))
        # composing may have waited on the cache longer than the lease: renew, or stop
        if not await asyncio.to_thread(self.ledger.renew, row.id, self.worker, self.clock()):
            raise ClaimLostError(row.id)
        result, chat_id = await self._send(sub, row.id, pieces, row.parts_sent)  # 4. send
        return await self._record(sub, row.id, run_at, now, row.window_end, result, chat_id)

    async def _send(self, sub: Subscription, delivery_id: int, pieces: Sequence[str],
                    start: int) -> tuple[SendResult, int]:
        """Send, following migrations; returns the result and the chat it ended in."""
        target = Target(sub.chat_id, sub.thread_id)

        async def progress(sent: int) -> None:
            if not await asyncio.to_thread(self.ledger.progress, delivery_id, sent,
                                           len(pieces), self.clock(), self.worker):
                raise ClaimLostError(delivery_id)

        result = await self.sender.send(target, pieces, start=start, progress=progress)
        for _ in range(MAX_MIGRATIONS):
            if result.outcome != Outcome.MIGRATED or result.new_chat_id is None:
                break
            log.info("chat %s migrated to %s; moving its subscriptions", target.chat_id,
                     result.new_chat_id)
            await asyncio.to_thread(self.subscriptions.move_chat, target.chat_id,
                                    result.new_chat_id)
            target = Target(result.new_chat_id, target.thread_id)
            result = await self.sender.send(target, pieces, start=result.parts_sent,
                                            progress=progress)
        return result, target.chat_id

    async def _record(self, sub: Subscription, delivery_id: int, run_at: datetime,
                      now: datetime, window_end: datetime | None, result: SendResult,
                      chat_id: int) -> str:
        if result.outcome == Outcome.SENT:
            await self._finish(delivery_id, Status.SENT)
            await self._advance(sub, run_at, now, window_end)
            return Outcome.SENT
        if result.outcome in (Outcome.BLOCKED, Outcome.NOT_FOUND, Outcome.MIGRATED):
            reason = f"delivery: {result.detail or result.outcome}"
            log.warning("pausing chat %s: %s", chat_id, reason)  # after a move, the new id
            await asyncio.to_thread(self.subscriptions.pause_chat, chat_id, reason)
            await self._finish(delivery_id, Status.UNDELIVERABLE, reason)
            return result.outcome
        log.warning("delivery of subscription %s failed for this period: %s", sub.id,
                    result.detail)
        await self._finish(delivery_id, Status.FAILED, result.detail)
        await self._advance(sub, run_at, now, None)
        return Outcome.FAILED

    async def _skip(self, sub: Subscription, run_at: datetime, now: datetime) -> str:
        schedule = sub.schedule(self.default_zone)
        late = now - run_at
        log.warning("skipping subscription %s: its %s run is %.1f h late (grace %.1f h)",
                    sub.id, run_at.isoformat(), late.total_seconds() / 3600,
                    self.grace.total_seconds() / 3600)
        since = sub.last_window_end or run_at - FIRST_WINDOW
        error = f"missed by {late}, beyond the catch-up grace period"
        claim = await asyncio.to_thread(
            self.ledger.claim, sub.id, period_key(schedule, run_at), worker=self.worker,
            now=now, window=(since, run_at), lease=self.lease, status=Status.SKIPPED,
            error=error)
        row = claim.delivery
        if row.status == Status.SENDING:
            if not claim.mine:
                return "busy"  # another worker is sending this period right now
            try:  # a stale row we took over: too late to finish it
                await self._finish(row.id, Status.SKIPPED, error)
            except ClaimLostError:
                return LOST
        done = not claim.mine and row.status in (Status.SENT, Status.EMPTY)
        await self._advance(sub, run_at, now, row.window_end if done else None)
        return Status.SKIPPED

    async def _advance(self, sub: Subscription, run_at: datetime, now: datetime,
                       window_end: datetime | None) -> None:
        upcoming = next_run_at(sub.schedule(self.default_zone), max(run_at, now))
        await asyncio.to_thread(self.subscriptions.advance, sub.id, sub.next_run_at, upcoming,
                                window_end)

    def _compose(self, key: DigestKey) -> Digest:
        algorithm, length, language, _ = key.settings[-4:]
        return self.news.digest(key.query, start=key.since, until=key.until, widen=key.widen,
                                algorithm=algorithm if isinstance(algorithm, str) else None,
                                length=length if isinstance(length, str) else None,
                                language=language if isinstance(language, str) else None)
