"""The scheduler core: what is due, claim it in the ledger, compose once, send, record.

Framework-free: the bot plugs in a `Sender` and a `Renderer` and calls `run_due` every tick.
Each due subscription goes through numbered stages:

1. **Catch up or skip.** A run missed by more than the grace period is not sent late; it is
   recorded as skipped, logged, and the schedule moves to the next firing after now.
2. **Claim** the period in the ledger (see `digests.store.deliveries`): only the worker that
   owns the row sends; anyone else just advances the schedule once the row is final.
3. **Compose and render** the digest for the window since the previous delivery (first time:
   the last 24 hours, widened to the latest stories when those are quiet), once per shared
   window, and store the rendered parts with the claim. A resumed period skips this stage and
   sends the stored parts: a digest is one digest, with one "Generated" time. What the
   digest carries besides its stories (`Additions`: the chat's stories over its alert cap,
   alerted stories that grew) is collected here, stored with the parts and settled after
   storing (again on resume), so a period with only additions is still sent.
4. **Send** part by part (`digests.subscriptions.sending`), then apply the outcome: advance the
   schedule, pause a chat that blocked the bot, leave a transient failure for a later tick
   within the grace period, or record a permanent failure.

One subscriber's failure is logged and counted, never raised into the others. An error after
the claim marks the period failed rather than leaving it ``sending``. The claim is a lease
kept alive by heartbeats (`digests.subscriptions.lease`); a worker that finds its claim taken
over stops sending and reports ``lost``.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from digests import reasons
from digests.chatprefs import SummaryPrefs
from digests.models import Digest
from digests.models.subscriptions import Delivery, EmptyPolicy, Status, Subscription
from digests.ops.logformat import event_fields
from digests.service import NewsService
from digests.store.deliveries import DeliveryLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.digestcache import DigestCache, DigestKey
from digests.subscriptions.lease import ClaimLostError, Lease, Sleep
from digests.subscriptions.outcomes import (
    Additions,
    AmbiguousPolicy,
    Outcome,
    Rendered,
    Renderer,
    Sender,
    SendResult,
)
from digests.subscriptions.schedule import latest_run_at, next_run_at, period_key
from digests.subscriptions.sending import PartSender

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
FIRST_WINDOW = timedelta(hours=24)
LOST = "lost"
RETRY = "retry"
LEADER_ELSEWHERE = "follower"

__all__ = ["LOST", "RETRY", "ClaimLostError", "DeliveryService", "RunReport"]


class Leader(Protocol):
    """Decides whether this process fans out now (one sender per database: one budget)."""

    exclusive: bool  # whether a new leader may take every claim over at once

    def acquire(self) -> bool:
        """True while this process is the one that sends scheduled digests."""


class AlwaysLeader:
    """A single process (and the tests): always the one that sends."""

    exclusive = False

    def acquire(self) -> bool:
        """Always True."""
        return True


@dataclass
class RunReport:
    """Counts of what one tick did, by outcome; ``digests`` is how many were composed."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    digests: int = 0

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


class DeliveryService:
    """Deliver every due subscription once per period, resuming what a crash left."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: DeliveryLedger,
                 news: NewsService, sender: Sender, render: Renderer, *, clock: Clock,
                 worker: str | None = None, lease: timedelta | None = None,
                 concurrency: int = 64, leader: Leader | None = None,
                 chat_prefs: Callable[[int], SummaryPrefs] | None = None,
                 sleep: Sleep = asyncio.sleep, additions: Additions | None = None) -> None:
        self.subscriptions = subscriptions
        self.additions = additions
        self.chat_prefs = chat_prefs or (lambda chat_id: SummaryPrefs())
        self.ledger = ledger
        self.news = news
        self.sender = sender
        self.render = render
        self.clock = clock
        self.worker = worker or uuid.uuid4().hex[:16]
        settings = news.settings
        self.lease = lease or timedelta(seconds=settings.delivery_lease_seconds)
        self.heartbeat = min(settings.delivery_heartbeat_seconds,
                             self.lease.total_seconds() / 3)
        self.ambiguous = AmbiguousPolicy(settings.delivery_ambiguous)
        self.retry_delay = timedelta(seconds=settings.delivery_retry_seconds)
        self.concurrency = concurrency
        self.leader: Leader = leader or AlwaysLeader()
        self.sleep = sleep
        self.grace = timedelta(hours=settings.catch_up_grace_hours)
        self.default_zone = settings.default_timezone
        self._settings_key = (settings.digest_stories, settings.digest_key_points,
                              settings.summary_algorithm, settings.summary_length)
        self._active: set[int] = set()
        self._leading = False
        self._takeover = False
        self._turn = asyncio.Lock()

    async def run_due(self) -> RunReport:
        """Deliver everything due now; returns what happened, by outcome.

        Runs of one service take turns. A run started while another is sending (the
        sandbox's `/wait`, or a test, beside the scheduled tick) waits for it, so when it
        returns every period due by its clock has been dealt with; overlapping, it found the
        other run's periods claimed and returned "busy" before they were sent.
        """
        async with self._turn:
            return await self._run_due()

    async def _run_due(self) -> RunReport:
        report = RunReport()
        if not await asyncio.to_thread(self.leader.acquire):
            report.counts[LEADER_ELSEWHERE] += 1
            self._leading = False
            return report
        # a new exclusive leader takes over every claim now: their holders no longer send
        self._takeover = self.leader.exclusive and not self._leading
        self._leading = True
        now = self.clock()
        due = await asyncio.to_thread(self.subscriptions.due, now)
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
        claim = await asyncio.to_thread(  # 2. claim the period (or resume it)
            self.ledger.claim, sub.id, period, worker=self.worker, now=now,
            window=(since, run_at), lease=timedelta(0) if self._takeover else self.lease)
        row = claim.delivery
        if not claim.mine or row.id in self._active:
            if row.status in (Status.SENDING, Status.RETRY):
                return "busy"
            done = row.status in (Status.SENT, Status.EMPTY)  # crashed before rescheduling?
            await self._advance(sub, run_at, now, row.window_end if done else None)
            return "done-before"
        self._active.add(row.id)
        outcome = "error"
        try:
            outcome = await self._compose_and_send(sub, row, run_at, now, cache)
            return outcome
        except ClaimLostError:
            log.warning("subscription %s: another worker took period %s over; stopping",
                        sub.id, period)
            outcome = LOST
            return LOST
        except Exception as error:  # never leave the period "sending": it failed
            try:
                await self._finish(row.id, Status.FAILED, f"{type(error).__name__}: {error}")
            except ClaimLostError:
                raise error from None  # the new owner reschedules
            await self._advance(sub, run_at, now, None)
            raise
        finally:
            self._active.discard(row.id)
            log.info("delivery %s", outcome, extra=event_fields(  # one line per attempt
                chat=sub.chat_id, subscription=sub.id, period=period, outcome=str(outcome),
                attempt=row.attempts))

    async def _finish(self, delivery_id: int, status: Status, error: str | None = None) -> None:
        if not await asyncio.to_thread(self.ledger.finish, delivery_id, status, self.clock(),
                                       error, worker=self.worker):
            raise ClaimLostError(delivery_id)

    async def _compose_and_send(self, sub: Subscription, row: Delivery, run_at: datetime,
                                now: datetime, cache: DigestCache) -> str:
        """Stages 3-4 for a claimed period."""
        lease = Lease(self.ledger, row.id, self.worker, clock=self.clock,
                      heartbeat=self.heartbeat, sleep=self.sleep)
        if row.rendered is not None:  # resuming: the parts as first rendered, no new digest
            rendered = Rendered.from_json(row.rendered)
            log.info("subscription %s: resuming period %s at part %d of %d", sub.id,
                     row.period_key, row.parts_sent + 1, len(rendered.parts))
            stored: dict[str, Any] = dict(row.rendered)
        else:
            composed = await lease.during(self._render(sub, row, cache, now))  # 3. compose
            if composed is None:
                await self._finish(row.id, Status.EMPTY)
                await self._advance(sub, run_at, now, row.window_end)
                return Status.EMPTY
            rendered, stored = composed
            if not await asyncio.to_thread(self.ledger.store_rendered, row.id, self.worker,
                                           stored, len(rendered.parts), self.clock()):
                raise ClaimLostError(row.id)
        addition = stored.get("addition")
        if self.additions is not None and isinstance(addition, dict):
            await asyncio.to_thread(self.additions.settle, addition)
        parts = PartSender(self.sender, self.ledger, self.subscriptions, lease,  # 4. send
                           ambiguous=self.ambiguous)
        result, chat_id = await parts.send(sub, row, rendered)
        return await self._record(sub, row.id, run_at, now, row.window_end, result, chat_id)

    async def _render(self, sub: Subscription, row: Delivery, cache: DigestCache,
                      now: datetime) -> tuple[Rendered, dict[str, Any]] | None:
        """The rendered digest and what to store of it; None when empty and skipped."""
        assert row.window_start is not None
        assert row.window_end is not None
        prefs = await asyncio.to_thread(self.chat_prefs, sub.chat_id)
        key = DigestKey(sub.topic or sub.query, row.window_start, row.window_end,
                        widen=sub.last_window_end is None,
                        settings=(*self._settings_key, prefs.algorithm, prefs.length,
                                  prefs.language, prefs.interface))
        digest = await cache.digest(key)
        addition = (await asyncio.to_thread(self.additions.collect, sub, now)
                    if self.additions is not None else None)
        if digest.is_empty and sub.empty_policy == EmptyPolicy.SKIP and addition is None:
            return None
        zone = sub.zone(self.default_zone)
        rendered = cache.pieces((key, sub.zone_name(self.default_zone), sub.label),
                                lambda: self.render(digest, sub, zone))
        if addition is None:
            return rendered, rendered.to_json()
        rendered = addition.attach(rendered)
        return rendered, {**rendered.to_json(), "addition": addition.record()}

    async def _record(self, sub: Subscription, delivery_id: int, run_at: datetime,
                      now: datetime, window_end: datetime | None, result: SendResult,
                      chat_id: int) -> str:
        if result.outcome == Outcome.SENT:
            await self._finish(delivery_id, Status.SENT)
            await self._advance(sub, run_at, now, window_end)
            return Outcome.SENT
        if result.outcome in (Outcome.BLOCKED, Outcome.NOT_FOUND, Outcome.MIGRATED):
            reason = reasons.DELIVERY.format(detail=result.detail or result.outcome)
            log.warning("pausing chat %s: %s", chat_id, reason)  # after a move, the new id
            await asyncio.to_thread(self.subscriptions.pause_chat, chat_id, reason)
            await self._finish(delivery_id, Status.UNDELIVERABLE, reason)
            return result.outcome
        current = self.clock()
        retry_at = current + self.retry_delay
        if result.outcome == Outcome.FAILED and retry_at - run_at <= self.grace:
            log.warning("delivery of subscription %s stopped at part %d (%s); resuming after "
                        "%s", sub.id, result.parts_sent + 1, result.detail, retry_at)
            if not await asyncio.to_thread(self.ledger.release, delivery_id, self.worker,
                                           current, retry_at, result.detail):
                raise ClaimLostError(delivery_id)
            return RETRY  # the schedule stays: the period is due again, and resumed
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
                    self.grace.total_seconds() / 3600,
                    extra=event_fields(chat=sub.chat_id, subscription=sub.id,
                                       period=period_key(schedule, run_at), outcome="skipped"))
        since = sub.last_window_end or run_at - FIRST_WINDOW
        error = f"missed by {late}, beyond the catch-up grace period"
        claim = await asyncio.to_thread(
            self.ledger.claim, sub.id, period_key(schedule, run_at), worker=self.worker,
            now=now, window=(since, run_at), lease=self.lease, status=Status.SKIPPED,
            error=error)
        row = claim.delivery
        if row.status in (Status.SENDING, Status.RETRY):
            if not claim.mine or row.id in self._active:
                return "busy"  # another worker is sending this period, or will resume it
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
        algorithm, length, language, interface = key.settings[-4:]
        return self.news.digest(key.query, start=key.since, until=key.until, widen=key.widen,
                                algorithm=algorithm if isinstance(algorithm, str) else None,
                                length=length if isinstance(length, str) else None,
                                language=language if isinstance(language, str) else None,
                                interface=interface if isinstance(interface, str) else None)
