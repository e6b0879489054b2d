"""Subscriptions: the standing orders, what is due, pausing and moving a chat's orders.

What is due is read from ``next_run_at`` on every scheduler tick, so the database, not the
process, is the clock's memory: a restart loses nothing. Schedule advances are
compare-and-set on ``next_run_at``, so two workers advancing the same row agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import RowMapping

from digests.models.subscriptions import USER_PAUSE, EmptyPolicy, Kind, Subscription
from digests.store.schema import chats, subscriptions

_COLUMNS = [*subscriptions.c, chats.c.timezone.label("chat_timezone")]
_JOINED = subscriptions.join(chats, subscriptions.c.chat_id == chats.c.chat_id)


def subscription_from_row(row: RowMapping) -> Subscription:
    """Build a `Subscription` from a ``subscriptions`` row joined with its chat's zone."""
    return Subscription(
        id=row["id"], chat_id=row["chat_id"], query=row["query"], topic=row["topic"],
        thread_id=row["thread_id"], time_of_day=row["time_of_day"], weekdays=row["weekdays"],
        timezone=row["timezone"], chat_timezone=row["chat_timezone"],
        next_run_at=row["next_run_at"], last_window_end=row["last_window_end"],
        paused=row["paused"], pause_reason=row["pause_reason"],
        empty_policy=EmptyPolicy(row["empty_policy"]), created_by=row["created_by"],
        kind=Kind(row["kind"]), quiet_hours=row["quiet_hours"], max_per_day=row["max_per_day"],
        created_at=row["created_at"],
    )


class SubscriptionRepository:
    """Create, find, change and schedule subscriptions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _many(self, *where: Any, order: Any = subscriptions.c.id,
              limit: int | None = None) -> list[Subscription]:
        query = select(*_COLUMNS).select_from(_JOINED).where(*where).order_by(order)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [subscription_from_row(r) for r in conn.execute(query).mappings()]

    def get(self, subscription_id: int) -> Subscription | None:
        """One subscription, or None."""
        found = self._many(subscriptions.c.id == subscription_id)
        return found[0] if found else None

    def for_chat(self, chat_id: int, kind: Kind = Kind.DIGEST) -> list[Subscription]:
        """A chat's subscriptions of one kind (daily digests unless told), oldest first."""
        return self._many(subscriptions.c.chat_id == chat_id, subscriptions.c.kind == kind)

    def find(self, chat_id: int, thread_id: int | None, query: str,
             kind: Kind = Kind.DIGEST) -> Subscription | None:
        """The chat's (thread's) subscription of ``kind`` to exactly this query, if any."""
        found = self._many(subscriptions.c.chat_id == chat_id,
                           subscriptions.c.thread_id.is_(None) if thread_id is None
                           else subscriptions.c.thread_id == thread_id,
                           subscriptions.c.query == query, subscriptions.c.kind == kind)
        return found[0] if found else None

    def active_alerts(self) -> list[Subscription]:
        """Every running alert subscription (the matcher groups them by query)."""
        return self._many(subscriptions.c.kind == Kind.ALERT,
                          subscriptions.c.paused.is_(False))

    def add(self, values: dict[str, Any]) -> Subscription:
        """Insert a subscription from column values; returns it with its id."""
        with self.engine.begin() as conn:
            new_id = conn.execute(
                insert(subscriptions).values(values).returning(subscriptions.c.id)
            ).scalar_one()
        found = self.get(new_id)
        assert found is not None
        return found

    def change(self, subscription_id: int, **values: Any) -> None:
        """Update columns of one subscription."""
        with self.engine.begin() as conn:
            conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                         .values(**values))

    def remove(self, subscription_id: int) -> bool:
        """Delete one subscription (its ledger rows go with it)."""
        with self.engine.begin() as conn:
            return bool(conn.execute(
                delete(subscriptions).where(subscriptions.c.id == subscription_id)).rowcount)

    def due(self, now: datetime, limit: int = 100_000) -> list[Subscription]:
        """Unpaused digest subscriptions whose ``next_run_at`` has come, earliest first."""
        return self._many(subscriptions.c.paused.is_(False), subscriptions.c.kind == Kind.DIGEST,
                          subscriptions.c.next_run_at <= now,
                          order=subscriptions.c.next_run_at, limit=limit)

    def advance(self, subscription_id: int, expected: datetime | None, next_run_at: datetime,
                window_end: datetime | None = None) -> bool:
        """Move ``next_run_at`` on, only if it still is ``expected`` (compare-and-set)."""
        values: dict[str, Any] = {"next_run_at": next_run_at}
        if window_end is not None:
            values["last_window_end"] = window_end
        guard = (subscriptions.c.next_run_at.is_(None) if expected is None
                 else subscriptions.c.next_run_at == expected)
        with self.engine.begin() as conn:
            return bool(conn.execute(
                update(subscriptions).where(subscriptions.c.id == subscription_id, guard)
                .values(values)).rowcount)

    def pause_chat(self, chat_id: int, reason: str) -> int:
        """Pause every running subscription of a chat, recording why; returns how many."""
        with self.engine.begin() as conn:
            return int(conn.execute(
                update(subscriptions)
                .where(subscriptions.c.chat_id == chat_id, subscriptions.c.paused.is_(False))
                .values(paused=True, pause_reason=reason)).rowcount)

    def auto_paused(self, chat_id: int) -> list[Subscription]:
        """A chat's subscriptions paused by delivery or membership, not by a person."""
        return [s for s in self._many(subscriptions.c.chat_id == chat_id)  # alerts too
                if s.paused and s.pause_reason != USER_PAUSE]

    def resume(self, ids: Sequence[int], next_runs: Sequence[datetime]) -> None:
        """Unpause subscriptions, each with its freshly computed next run."""
        with self.engine.begin() as conn:
            for subscription_id, next_run_at in zip(ids, next_runs, strict=True):
                conn.execute(update(subscriptions).where(subscriptions.c.id == subscription_id)
                             .values(paused=False, pause_reason=None, next_run_at=next_run_at))

    def move_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """Point a chat's subscriptions at the chat's new id (group -> supergroup).

        The new chat row is created from the old one when missing (the foreign key needs
        it), and the old row is marked ``migrated`` so nothing treats it as a live chat.
        """
        with self.engine.begin() as conn:
            old = conn.execute(select(chats).where(chats.c.chat_id == old_chat_id)
                               ).mappings().first()
            known = conn.execute(select(chats.c.chat_id).where(chats.c.chat_id == new_chat_id)
                                 ).first()
            if old is not None and known is None:
                conn.execute(insert(chats).values(
                    {**old, "chat_id": new_chat_id, "type": "supergroup"}))
            conn.execute(update(chats).where(chats.c.chat_id == old_chat_id)
                         .values(member_status="migrated"))
            return int(conn.execute(
                update(subscriptions).where(subscriptions.c.chat_id == old_chat_id)
                .values(chat_id=new_chat_id)).rowcount)
