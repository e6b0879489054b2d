"""Stages 4-5 of the alert tick: send claimed alerts and round-ups through the ledger.

Exactly as a digest period: the rendered message is stored with the claim before sending,
so a resumed alert is the same message; `PartSender` checks the claim before the part and
marks it in flight, so an ambiguous send is never repeated blindly. A sent alert remembers
its message (for edits) and how many reports it shows. Round-ups (held stories after the
quiet hours; spilled ones only in a thread with no digest) are one message per subscription
and a ledger row of their own (``roundup:`` / ``spill:``).
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from digests import reasons
from digests.alerts.outcomes import CapturingSender
from digests.alerts.policy import AlertPolicy
from digests.alerts.stories import StoryComposer
from digests.models.subscriptions import Delivery, Status, Subscription
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.store.alerts import AlertLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.lease import ClaimLostError, Lease, Sleep
from digests.subscriptions.outcomes import (
    AmbiguousPolicy,
    Outcome,
    Rendered,
    Sender,
    SendResult,
)
from digests.subscriptions.sending import PartSender

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
Edit = Callable[[int], Awaitable[str]]


class AlertSending:
    """Sends claimed alert rows and round-ups; applies failures as digests do."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 sender: Sender, composer: StoryComposer, policy: AlertPolicy, edit: Edit, *,
                 clock: Clock, worker: str, lease: timedelta, heartbeat: float,
                 retry_delay: timedelta, ambiguous: AmbiguousPolicy, sleep: Sleep,
                 metrics: Metrics = NULL_METRICS) -> None:
        self.subscriptions = subscriptions
        self.metrics = metrics
        self.ledger = ledger
        self.sender = sender
        self.composer = composer
        self.policy = policy
        self.edit = edit
        self.clock = clock
        self.worker = worker
        self.lease = lease
        self.heartbeat = heartbeat
        self.retry_delay = retry_delay
        self.ambiguous = ambiguous
        self.sleep = sleep
        self.active: set[int] = set()  # rows being sent by this process now

    def _lease(self, row: Delivery) -> Lease:
        return Lease(self.ledger, row.id, self.worker, clock=self.clock,
                     heartbeat=self.heartbeat, sleep=self.sleep)

    async def deliver(self, sub: Subscription, row: Delivery) -> str:
        """Send one claimed row: an alert, or a resumed round-up."""
        self.active.add(row.id)
        try:
            if row.period_key.startswith("story:"):
                return await self._send_alert(sub, row)
            return await self._send_roundup(sub, row, [])
        except ClaimLostError:
            log.warning("alert row %s was taken over by another worker; stopping", row.id)
            return "lost"
        finally:
            self.active.discard(row.id)

    async def _send_alert(self, sub: Subscription, row: Delivery) -> str:
        lease = self._lease(row)
        if row.rendered is not None:  # resuming: the alert as first rendered
            rendered = Rendered.from_json(row.rendered)
            shown = int(str(row.rendered.get("shown", len(row.sources))))
        else:
            rendered, lead_id, shown = await lease.during(
                asyncio.to_thread(self.composer.alert, sub, row))
            stored = {**rendered.to_json(), "lead": lead_id, "shown": shown}
            if not await asyncio.to_thread(self.ledger.store_rendered, row.id, self.worker,
                                           stored, len(rendered.parts), self.clock()):
                raise ClaimLostError(row.id)
        capture = CapturingSender(self.sender)
        parts = PartSender(capture, self.ledger, self.subscriptions, lease,
                           ambiguous=self.ambiguous)
        result, chat_id = await parts.send(sub, row, rendered)
        if result.outcome != Outcome.SENT:
            return await self._failed(row, result, chat_id)
        if not await asyncio.to_thread(self.ledger.finish_alert, row.id, self.worker,
                                       self.clock(), chat_id=chat_id,
                                       message_id=capture.message_id, shown=shown):
            raise ClaimLostError(row.id)
        self.metrics.alert_sent()  # story alerts only: round-ups are not counted
        fresh = await asyncio.to_thread(self.ledger.get, row.id)
        if fresh is not None and len(fresh.sources) > fresh.sources_shown:
            await self.edit(row.id)  # reports that folded in while it was being sent
        return Outcome.SENT

    async def _failed(self, row: Delivery, result: SendResult, chat_id: int) -> str:
        """Apply a failed send's outcome, as digests do."""
        now = self.clock()
        if result.outcome in (Outcome.BLOCKED, Outcome.NOT_FOUND, Outcome.MIGRATED):
            reason = reasons.DELIVERY.format(detail=result.detail or result.outcome)
            await asyncio.to_thread(self.subscriptions.pause_chat, chat_id, reason)
            final, error = Status.UNDELIVERABLE, reason
        elif result.outcome == Outcome.FAILED:
            if not await asyncio.to_thread(self.ledger.release, row.id, self.worker, now,
                                           now + self.retry_delay, result.detail):
                raise ClaimLostError(row.id)
            return "retry"
        else:
            final, error = Status.FAILED, result.detail
        if not await asyncio.to_thread(self.ledger.finish, row.id, final, now, error,
                                       worker=self.worker):
            raise ClaimLostError(row.id)
        return result.outcome

    async def round_up(self, now: datetime, counts: collections.Counter[str]) -> None:
        """Stage 5: one message per subscription with held (or spilled) stories due."""
        for status in (Status.HELD, Status.SPILLED):
            waiting = await asyncio.to_thread(self.ledger.waiting, status, now)
            by_sub: dict[int, list[Delivery]] = {}
            for row in waiting:
                by_sub.setdefault(row.subscription_id, []).append(row)
            for sub_id, rows in by_sub.items():
                sub = await asyncio.to_thread(self.subscriptions.get, sub_id)
                if sub is None or sub.paused:
                    continue
                if status == Status.SPILLED and await asyncio.to_thread(
                        self.policy.has_digest, sub):
                    continue  # its thread's next digest carries them
                prefix = "roundup" if status == Status.HELD else "spill"
                claim = await asyncio.to_thread(
                    self.ledger.claim, sub.id, f"{prefix}:{rows[0].id}", worker=self.worker,
                    now=now, window=(rows[0].window_start or now, now), lease=self.lease)
                if claim.mine and claim.delivery.id not in self.active:
                    self.active.add(claim.delivery.id)
                    try:
                        counts[f"{prefix}-" + await self._send_roundup(
                            sub, claim.delivery, rows)] += 1
                    except ClaimLostError:
                        counts["lost"] += 1
                    finally:
                        self.active.discard(claim.delivery.id)

    async def _send_roundup(self, sub: Subscription, row: Delivery,
                            rows: Sequence[Delivery]) -> str:
        spilled = row.period_key.startswith("spill:")
        lease = self._lease(row)
        if row.rendered is not None:
            rendered = Rendered.from_json(row.rendered)
            stored_rows = row.rendered.get("rows")
            listed = [int(str(i)) for i in stored_rows] if isinstance(stored_rows, list) else []
        else:
            if not rows:
                rows = await asyncio.to_thread(
                    self.ledger.of_subscription, sub.id,
                    Status.SPILLED if spilled else Status.HELD, self.clock())
            rendered = await asyncio.to_thread(self.composer.roundup, sub, rows, spilled)
            listed = [r.id for r in rows]
            stored: dict[str, Any] = {**rendered.to_json(), "rows": listed}
            if not await asyncio.to_thread(self.ledger.store_rendered, row.id, self.worker,
                                           stored, len(rendered.parts), self.clock()):
                raise ClaimLostError(row.id)
        before = Status.SPILLED if spilled else Status.HELD
        await asyncio.to_thread(self.ledger.mark, listed, before,
                                Status.DIGESTED if spilled else Status.ROUNDED)
        parts = PartSender(self.sender, self.ledger, self.subscriptions, lease,
                           ambiguous=self.ambiguous)
        result, chat_id = await parts.send(sub, row, rendered)
        if result.outcome != Outcome.SENT:
            return await self._failed(row, result, chat_id)
        if not await asyncio.to_thread(self.ledger.finish, row.id, Status.SENT, self.clock(),
                                       worker=self.worker):
            raise ClaimLostError(row.id)
        return Outcome.SENT
