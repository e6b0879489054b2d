"""The delivery ledger: one row per (subscription, period), claimed before sending.

A worker claims a period by inserting its row; the unique (subscription_id, period_key) makes
a second insert a no-op (``ON CONFLICT DO NOTHING``), so across processes exactly one worker
owns each period. A claim is a short lease kept alive by heartbeats (`renew`); a row left in
``sending`` longer than the lease (its worker died) is taken over with a compare-and-set on
``claimed_at``, and a restarted worker takes its own ``sending`` rows back at once (its
identity survives the restart). Either way sending resumes at ``parts_sent`` with the
parts stored at the first claim (``rendered``), so a digest stays one digest.

Before each part the worker marks it in flight (`begin_part`, which also checks and renews
the claim) and afterwards records it (`progress`). A row found with a part in flight is a
crash between the request going out and its record: that part may or may not have been
delivered, and the caller's ambiguous-send policy decides. Every write after the claim
applies only while the worker still holds it, so a worker whose lease was taken over learns
it at its next part and stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import RowMapping

from digests.models.subscriptions import Delivery, Status
from digests.store.schema import deliveries


def delivery_from_row(row: RowMapping) -> Delivery:
    """Build a `Delivery` from a ``deliveries`` row."""
    return Delivery(
        id=row["id"], subscription_id=row["subscription_id"], period_key=row["period_key"],
        status=Status(row["status"]), window_start=row["window_start"],
        window_end=row["window_end"], parts_sent=row["parts_sent"],
        parts_total=row["parts_total"], attempts=row["attempts"], last_error=row["last_error"],
        claimed_by=row["claimed_by"], claimed_at=row["claimed_at"], sent_at=row["sent_at"],
        rendered=row["rendered"], part_in_flight=row["part_in_flight"],
        parts_unknown=row["parts_unknown"], retry_at=row["retry_at"],
        message_chat_id=row["message_chat_id"], message_id=row["message_id"],
        sources=tuple(row["sources"] or ()), sources_shown=row["sources_shown"],
        edits=row["edits"],
    )


@dataclass(frozen=True, slots=True)
class Claim:
    """The outcome of claiming a period: ours to send (``mine``), or someone's row."""

    delivery: Delivery
    mine: bool


class DeliveryLedger:
    """Claims, progress and final states of deliveries."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        dialect = engine.dialect.name
        self._insert = pg_insert if dialect == "postgresql" else sqlite_insert

    def _row(self, subscription_id: int, period_key: str) -> Delivery:
        with self.engine.connect() as conn:
            row = conn.execute(select(deliveries).where(
                deliveries.c.subscription_id == subscription_id,
                deliveries.c.period_key == period_key)).mappings().one()
        return delivery_from_row(row)

    def claim(self, subscription_id: int, period_key: str, *, worker: str, now: datetime,
              window: tuple[datetime, datetime], lease: timedelta,
              status: Status = Status.SENDING, error: str | None = None) -> Claim:
        """Claim a period for ``worker``; take over a ``sending`` row whose lease ran out."""
        values: dict[str, Any] = dict(
            subscription_id=subscription_id, period_key=period_key, status=status,
            window_start=window[0], window_end=window[1], attempts=1, claimed_by=worker,
            claimed_at=now, created_at=now, last_error=error)
        statement = self._insert(deliveries).values(values).on_conflict_do_nothing(
            index_elements=["subscription_id", "period_key"]).returning(deliveries.c.id)
        with self.engine.begin() as conn:
            inserted = conn.execute(statement).scalar_one_or_none()
        existing = self._row(subscription_id, period_key)
        if inserted is not None:
            return Claim(existing, mine=True)
        if self._resumable(existing, worker, now, lease) and self._take_over(existing, worker,
                                                                             now):
            return Claim(self._row(subscription_id, period_key), mine=True)
        return Claim(existing, mine=False)

    @staticmethod
    def _resumable(row: Delivery, worker: str, now: datetime, lease: timedelta) -> bool:
        """Whether ``worker`` may take ``row`` over now.

        Its own ``sending`` row at once (the same identity after a restart: only a dead
        incarnation can have left it), anyone's after the lease ran out, and a ``retry`` row
        once its retry time has come.
        """
        if row.status == Status.RETRY:
            return row.retry_at is None or row.retry_at <= now
        if row.status != Status.SENDING:
            return False
        if row.claimed_by == worker:
            return True
        return row.claimed_at is not None and row.claimed_at <= now - lease

    def _take_over(self, row: Delivery, worker: str, now: datetime) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(
                update(deliveries).where(deliveries.c.id == row.id,
                                         deliveries.c.status == row.status,
                                         deliveries.c.claimed_by == row.claimed_by,
                                         deliveries.c.claimed_at == row.claimed_at)
                .values(status=Status.SENDING, claimed_by=worker, claimed_at=now,
                        retry_at=None, attempts=deliveries.c.attempts + 1)).rowcount)

    def _mine(self, delivery_id: int, worker: str, **values: Any) -> bool:
        """Apply ``values`` to a ``sending`` row only while ``worker`` holds its claim."""
        with self.engine.begin() as conn:
            return bool(conn.execute(
                update(deliveries).where(deliveries.c.id == delivery_id,
                                         deliveries.c.status == Status.SENDING,
                                         deliveries.c.claimed_by == worker)
                .values(**values)).rowcount)

    def store_rendered(self, delivery_id: int, worker: str, rendered: dict[str, Any],
                       parts_total: int, now: datetime) -> bool:
        """Keep the rendered parts with the claim (and renew it); False once it is lost."""
        return self._mine(delivery_id, worker, rendered=rendered, parts_total=parts_total,
                          claimed_at=now)

    def begin_part(self, delivery_id: int, worker: str, index: int, now: datetime) -> bool:
        """Check and renew the claim, and mark part ``index`` as in flight."""
        return self._mine(delivery_id, worker, part_in_flight=index, claimed_at=now)

    def release(self, delivery_id: int, worker: str, now: datetime, retry_at: datetime,
                error: str) -> bool:
        """A transient failure: nothing is in flight; resume at ``retry_at`` (any worker)."""
        return self._mine(delivery_id, worker, status=Status.RETRY, part_in_flight=None,
                          retry_at=retry_at, claimed_at=now, last_error=error)

    def renew(self, delivery_id: int, worker: str, now: datetime) -> bool:
        """Renew ``worker``'s lease on a ``sending`` row; False once another worker took it."""
        return self._mine(delivery_id, worker, claimed_at=now)

    def progress(self, delivery_id: int, parts_sent: int, parts_total: int, now: datetime,
                 worker: str, *, unknown: bool = False) -> bool:
        """Record that ``parts_sent`` parts are done, renewing the lease.

        ``unknown`` says the last of them may not have arrived (an ambiguous send the policy
        did not repeat); it is counted in ``parts_unknown``. Returns False, changing nothing,
        when ``worker`` no longer holds the claim.
        """
        return self._mine(delivery_id, worker, parts_sent=parts_sent, parts_total=parts_total,
                          part_in_flight=None, claimed_at=now,
                          parts_unknown=deliveries.c.parts_unknown + int(unknown))

    def finish(self, delivery_id: int, status: Status, now: datetime, error: str | None = None,
               *, worker: str) -> bool:
        """Give the period its final state, if ``worker`` still holds the claim."""
        values: dict[str, Any] = {"status": status, "last_error": error}
        if status == Status.SENT:
            values["sent_at"] = now
        return self._mine(delivery_id, worker, **values)

    def latest(self, subscription_ids: Sequence[int]) -> dict[int, Delivery]:
        """Each subscription's most recent ledger row, for showing how the last one went."""
        if not subscription_ids:
            return {}
        newest = (select(func.max(deliveries.c.id)).where(
            deliveries.c.subscription_id.in_(subscription_ids))
            .group_by(deliveries.c.subscription_id))
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(deliveries.c.id.in_(newest))).mappings()
            return {r["subscription_id"]: delivery_from_row(r) for r in rows}

    def for_subscription(self, subscription_id: int) -> list[Delivery]:
        """Every ledger row of a subscription, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(
                deliveries.c.subscription_id == subscription_id)
                .order_by(deliveries.c.id)).mappings()
            return [delivery_from_row(r) for r in rows]
