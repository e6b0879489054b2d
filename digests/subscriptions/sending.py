"""Stage 4 of a delivery: send the stored parts one by one, each recorded in the ledger.

For every part: right before its request goes out (after the sender's pacing) check and
renew the claim while marking the part in flight (`DeliveryLedger.begin_part`), send it,
record it (`progress`). What that buys:

- a worker whose lease was taken over stops before its next part, never after it;
- a crash after a part went out and before its record leaves the part marked in flight, so
  the resuming worker knows that part is *ambiguous* instead of resending it blindly;
- an ambiguous send (no answer after the request went out) follows `AmbiguousPolicy`:
  ``skip`` counts the part in ``parts_unknown`` and goes on; ``resend`` sends it again
  (at most `MAX_RESENDS` times, then it is counted as unknown too).

A migrated group is followed (its subscriptions move) and the same part is sent there.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from digests.models.subscriptions import Delivery, Subscription
from digests.store.deliveries import DeliveryLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.lease import ClaimLostError, Lease
from digests.subscriptions.outcomes import (
    AmbiguousPolicy,
    Outcome,
    Rendered,
    Sender,
    SendResult,
    Target,
)

log = logging.getLogger(__name__)
MAX_MIGRATIONS = 2
MAX_RESENDS = 2


class PartSender:
    """Sends one claimed period's parts for `DeliveryService`."""

    def __init__(self, sender: Sender, ledger: DeliveryLedger,
                 subscriptions: SubscriptionRepository, lease: Lease, *,
                 ambiguous: AmbiguousPolicy) -> None:
        self.sender = sender
        self.ledger = ledger
        self.subscriptions = subscriptions
        self.lease = lease
        self.ambiguous = ambiguous

    async def send(self, sub: Subscription, row: Delivery,
                   rendered: Rendered) -> tuple[SendResult, int]:
        """Send ``rendered`` from the row's next part; the result and the chat it ended in."""
        parts = rendered.parts
        target = Target(sub.chat_id, sub.thread_id)
        index = row.parts_sent
        if row.part_in_flight is not None and row.part_in_flight == index < len(parts):
            log.warning("subscription %s: part %d of %d was in flight when its worker "
                        "stopped: delivered or not, unknown", sub.id, index + 1, len(parts))
            if self.ambiguous == AmbiguousPolicy.SKIP:
                await self._record(index + 1, len(parts), unknown=True)
                index += 1
        migrations = resends = 0
        while index < len(parts):
            markup = rendered.markup if index == len(parts) - 1 else None
            result = await self.sender.send_part(target, parts[index], markup=markup,
                                                 wait=self.lease.wait,
                                                 begin=partial(self._begin, index))
            if result.outcome == Outcome.SENT:
                await self._record(index + 1, len(parts))
                index, resends = index + 1, 0
            elif result.outcome == Outcome.AMBIGUOUS:
                if self.ambiguous == AmbiguousPolicy.RESEND and resends < MAX_RESENDS:
                    resends += 1
                    log.warning("chat %s: part %d ambiguous (%s); resending by policy",
                                target.chat_id, index + 1, result.detail)
                    continue
                log.warning("chat %s: part %d ambiguous (%s); not resent, counted unknown",
                            target.chat_id, index + 1, result.detail)
                await self._record(index + 1, len(parts), unknown=True)
                index, resends = index + 1, 0
            elif (result.outcome == Outcome.MIGRATED and result.new_chat_id is not None
                  and migrations < MAX_MIGRATIONS):
                migrations += 1
                log.info("chat %s migrated to %s; moving its subscriptions", target.chat_id,
                         result.new_chat_id)
                await asyncio.to_thread(self.subscriptions.move_chat, target.chat_id,
                                        result.new_chat_id)
                target = Target(result.new_chat_id, target.thread_id)
            else:
                return SendResult(result.outcome, index, result.detail), target.chat_id
        return SendResult(Outcome.SENT, len(parts)), target.chat_id

    async def _begin(self, index: int) -> None:
        lease = self.lease
        if not await asyncio.to_thread(self.ledger.begin_part, lease.delivery_id, lease.worker,
                                       index, lease.clock()):
            raise ClaimLostError(lease.delivery_id)

    async def _record(self, done: int, total: int, *, unknown: bool = False) -> None:
        lease = self.lease
        if not await asyncio.to_thread(self.ledger.progress, lease.delivery_id, done, total,
                                       lease.clock(), lease.worker, unknown=unknown):
            raise ClaimLostError(lease.delivery_id)
