"""The alert side of the delivery ledger, and the inbox ingest fills.

Alerts are `DeliveryLedger` rows (one per alert subscription and story, period key
``story:<id>``), claimed and leased exactly like digest periods; this adds what only alerts
do: rows opened already final or waiting (held for quiet hours, spilled over the cap), the
story's sources growing as later reports fold in, the message they became and its edits.
The inbox is written by `SqlStore.add_article` in the article's own transaction; the
matcher takes from it in id order and clears what it handled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update

from digests.models.subscriptions import Delivery, Kind, Status
from digests.store.deliveries import Claim, DeliveryLedger, delivery_from_row
from digests.store.schema import alert_inbox, deliveries, subscriptions

Entry = Mapping[str, Any]  # one report of a story: {"id": article id, "source": name}
COUNTED = (Status.SENDING, Status.RETRY, Status.SENT, Status.HELD, Status.ROUNDED)
_ALERT_ROWS = deliveries.join(subscriptions, deliveries.c.subscription_id == subscriptions.c.id)


def story_key(root_article_id: int) -> str:
    """The period key of a story's alert: its first article's id."""
    return f"story:{root_article_id}"


class AlertLedger(DeliveryLedger):
    """Alert rows of the ledger, and the matcher's inbox."""

    # Inbox -------------------------------------------------------------------
    def take_inbox(self, limit: int) -> list[int]:
        """The oldest waiting article ids (left in place until `clear_inbox`)."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(alert_inbox.c.article_id)
                                     .order_by(alert_inbox.c.article_id).limit(limit)).scalars())

    def clear_inbox(self, article_ids: Sequence[int]) -> None:
        """Forget handled articles."""
        if article_ids:
            with self.engine.begin() as conn:
                conn.execute(delete(alert_inbox).where(
                    alert_inbox.c.article_id.in_(list(article_ids))))

    # Rows ----------------------------------------------------------------------
    def rows_for(self, subscription_ids: Iterable[int],
                 keys: Iterable[str]) -> dict[tuple[int, str], Delivery]:
        """The rows of these subscriptions under any of these keys."""
        ids, wanted = list(subscription_ids), list(keys)
        if not ids or not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(
                deliveries.c.subscription_id.in_(ids),
                deliveries.c.period_key.in_(wanted))).mappings()
            return {(r["subscription_id"], r["period_key"]): delivery_from_row(r) for r in rows}

    def get(self, delivery_id: int) -> Delivery | None:
        """One row by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)
                               ).mappings().first()
        return delivery_from_row(row) if row else None

    def open(self, subscription_id: int, key: str, *, status: Status, worker: str | None,
             now: datetime, sources: Sequence[Entry], since: datetime,
             retry_at: datetime | None = None) -> Claim:
        """Insert a story's row (``mine``), or find the one someone opened first."""
        values: dict[str, Any] = dict(
            subscription_id=subscription_id, period_key=key, status=status,
            window_start=since, window_end=now, attempts=1 if status == Status.SENDING else 0,
            claimed_by=worker, claimed_at=now, created_at=now, sources=list(sources),
            retry_at=retry_at)
        statement = self._insert(deliveries).values(values).on_conflict_do_nothing(
            index_elements=["subscription_id", "period_key"]).returning(deliveries.c.id)
        with self.engine.begin() as conn:
            inserted = conn.execute(statement).scalar_one_or_none()
        return Claim(self._row(subscription_id, key), mine=inserted is not None)

    def add_sources(self, delivery_id: int, entries: Sequence[Entry]) -> Delivery | None:
        """Append reports not listed yet (by article id); the row as it is now."""
        for _ in range(5):  # compare-and-set against a concurrent edit of the same row
            row = self.get(delivery_id)
            if row is None:
                return None
            known = {str(e["id"]) for e in row.sources}
            new = [dict(e) for e in entries if str(e["id"]) not in known]
            if not new:
                return row
            with self.engine.begin() as conn:
                done = conn.execute(update(deliveries).where(
                    deliveries.c.id == delivery_id, deliveries.c.edits == row.edits,
                    deliveries.c.sources_shown == row.sources_shown)
                    .values(sources=[*row.sources, *new])).rowcount
            if done:
                return self.get(delivery_id)
        return self.get(delivery_id)

    def count_since(self, subscription_id: int, since: datetime) -> int:
        """Alerts of a subscription opened since ``since`` that count against its cap."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(deliveries).where(
                deliveries.c.subscription_id == subscription_id,
                deliveries.c.created_at >= since,
                deliveries.c.period_key.like("story:%"),
                deliveries.c.status.in_(COUNTED))).scalar_one())

    def waiting(self, status: Status, now: datetime) -> list[Delivery]:
        """Held or spilled alert rows whose time (``retry_at``) has come, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(
                deliveries.c.status == status, deliveries.c.retry_at <= now)
                .order_by(deliveries.c.id)).mappings()
            return [delivery_from_row(r) for r in rows]

    def of_subscription(self, subscription_id: int, status: Status,
                        now: datetime) -> list[Delivery]:
        """One subscription's rows in ``status`` whose time has come, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(
                deliveries.c.subscription_id == subscription_id,
                deliveries.c.status == status, deliveries.c.retry_at <= now)
                .order_by(deliveries.c.id)).mappings()
            return [delivery_from_row(r) for r in rows]

    def mark(self, delivery_ids: Sequence[int], before: Status, after: Status) -> int:
        """Move rows from ``before`` to ``after`` (the rows a round-up listed)."""
        if not delivery_ids:
            return 0
        with self.engine.begin() as conn:
            return int(conn.execute(update(deliveries).where(
                deliveries.c.id.in_(list(delivery_ids)), deliveries.c.status == before)
                .values(status=after)).rowcount)

    def spilled_of(self, subscription_ids: Sequence[int], now: datetime) -> list[Delivery]:
        """Stories of these alerts over their cap, opened by ``now``, oldest first."""
        return self._alert_rows(subscription_ids, deliveries.c.status == Status.SPILLED,
                                deliveries.c.created_at <= now)

    def sent_since(self, subscription_ids: Sequence[int], since: datetime) -> list[Delivery]:
        """Alerts of these subscriptions sent as messages since ``since``, oldest first."""
        return self._alert_rows(subscription_ids, deliveries.c.status == Status.SENT,
                                deliveries.c.created_at >= since,
                                deliveries.c.period_key.like("story:%"))

    def _alert_rows(self, subscription_ids: Sequence[int], *where: Any) -> list[Delivery]:
        if not subscription_ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).where(
                deliveries.c.subscription_id.in_(list(subscription_ids)), *where)
                .order_by(deliveries.c.id)).mappings()
            return [delivery_from_row(r) for r in rows]

    def resurface(self, delivery_ids: Sequence[int], digest_id: int | None) -> None:
        """Remember that a digest re-surfaced these sent alerts (so it happens once)."""
        for delivery_id in delivery_ids:
            row = self.get(delivery_id)
            if row is None or row.rendered is None or "resurfaced" in row.rendered:
                continue
            with self.engine.begin() as conn:
                conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                    rendered={**row.rendered, "resurfaced": digest_id}))

    def unfinished(self, worker: str, now: datetime, lease: timedelta) -> list[Delivery]:
        """Alert rows left mid-send: this worker's, ones whose lease ran out, retries due."""
        stale = now - lease
        with self.engine.connect() as conn:
            rows = conn.execute(select(deliveries).select_from(_ALERT_ROWS).where(
                subscriptions.c.kind == Kind.ALERT,
                ((deliveries.c.status == Status.SENDING)
                 & ((deliveries.c.claimed_by == worker) | (deliveries.c.claimed_at <= stale)))
                | ((deliveries.c.status == Status.RETRY) & (deliveries.c.retry_at <= now)))
                .order_by(deliveries.c.id)).mappings()
            return [delivery_from_row(r) for r in rows]

    def finish_alert(self, delivery_id: int, worker: str, now: datetime, *,
                     chat_id: int | None, message_id: int | None, shown: int) -> bool:
        """Sent: remember the message (for edits) and how many sources it shows."""
        return self._mine(delivery_id, worker, status=Status.SENT, sent_at=now,
                          last_error=None, message_chat_id=chat_id, message_id=message_id,
                          sources_shown=shown)

    def begin_edit(self, row: Delivery, shown: int) -> bool:
        """Take the next edit of a sent alert (compare-and-set on its edit count)."""
        with self.engine.begin() as conn:
            return bool(conn.execute(update(deliveries).where(
                deliveries.c.id == row.id, deliveries.c.status == Status.SENT,
                deliveries.c.edits == row.edits)
                .values(edits=row.edits + 1, sources_shown=shown)).rowcount)

    def silence(self, delivery_id: int, edits: int) -> None:
        """No more edits for this alert, and no re-surfacing in a digest (a person muted it).

        The budget is spent (``edits``) and the stored rendering says ``muted``, which is
        what tells a muted story from one whose edits simply ran out.
        """
        row = self.get(delivery_id)
        values: dict[str, Any] = {"edits": edits}
        if row is not None and row.rendered is not None:
            values["rendered"] = {**row.rendered, "muted": True}
        with self.engine.begin() as conn:
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id)
                         .values(values))
