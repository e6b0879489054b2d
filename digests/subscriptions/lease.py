"""Holding a claim while a delivery composes, sends and waits.

A claim is a short lease (`DELIVERY_LEASE_SECONDS`), so a dead worker's periods are taken
over quickly; a live worker keeps it with heartbeats every `DELIVERY_HEARTBEAT_SECONDS`.
Every wait of a delivery (flood control's ``retry_after``, backoff, a digest being composed)
goes through `Lease.wait` or `Lease.during`, which renew the lease as they go: a wait never
outlives the lease, and a worker whose claim was taken over learns it within one heartbeat
and stops instead of sending a part the new owner will send too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from digests.store.deliveries import DeliveryLedger

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


class ClaimLostError(Exception):
    """Another worker took the period over: this one must not send or record anything."""


class Lease:
    """One worker's claim on one ledger row, renewed while it is in use."""

    def __init__(self, ledger: DeliveryLedger, delivery_id: int, worker: str, *,
                 clock: Callable[[], datetime], heartbeat: float,
                 sleep: Sleep = asyncio.sleep) -> None:
        self.ledger = ledger
        self.delivery_id = delivery_id
        self.worker = worker
        self.clock = clock
        self.heartbeat = heartbeat
        self.sleep = sleep

    async def renew(self) -> None:
        """Renew the lease now; raise `ClaimLostError` if another worker holds it."""
        if not await asyncio.to_thread(self.ledger.renew, self.delivery_id, self.worker,
                                       self.clock()):
            raise ClaimLostError(self.delivery_id)

    async def wait(self, seconds: float) -> None:
        """Sleep ``seconds`` in heartbeat-sized slices, renewing the lease after each."""
        deadline = time.monotonic() + seconds
        remaining = seconds
        while remaining > 0:
            await self.sleep(min(remaining, self.heartbeat))
            await self.renew()
            remaining = min(remaining - self.heartbeat, deadline - time.monotonic())

    async def during(self, work: Awaitable[T]) -> T:
        """Await ``work``, renewing the lease each heartbeat until it is done."""
        task = asyncio.ensure_future(work)
        while True:
            done, _ = await asyncio.wait({task}, timeout=self.heartbeat)
            if done:
                return task.result()
            await self.renew()
