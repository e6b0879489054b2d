"""Chats the bot is in, and each chat's zone and settings (the ``chats`` table).

Built from the `SqlStore`'s engine, so the feature keeps its SQL to itself; every method is
one short transaction and works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.engine import RowMapping

from digests.models.subscriptions import ChatInfo
from digests.store.schema import chats

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def chat_from_row(row: RowMapping) -> ChatInfo:
    """Build a `ChatInfo` from a ``chats`` row."""
    return ChatInfo(
        chat_id=row["chat_id"], type=row["type"], title=row["title"], username=row["username"],
        member_status=row["member_status"], timezone=row["timezone"],
        settings=dict(row["settings"] or {}),
    )


class ChatRepository:
    """Create, read and update chats; the bot records every chat it hears from or joins."""

    def __init__(self, engine: Engine, clock: Clock = _now) -> None:
        self.engine = engine
        self.clock = clock

    def get(self, chat_id: int) -> ChatInfo | None:
        """One chat, or None when the bot never recorded it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(chats).where(chats.c.chat_id == chat_id)).mappings().first()
        return None if row is None else chat_from_row(row)

    def upsert(self, chat_id: int, type_: str, *, title: str | None = None,
               username: str | None = None, member_status: str | None = None) -> ChatInfo:
        """Record a chat, creating it or refreshing its names (and status, when given)."""
        now = self.clock()
        values: dict[str, Any] = {"type": type_, "title": title, "username": username,
                                  "updated_at": now}
        if member_status is not None:
            values["member_status"] = member_status
        with self.engine.begin() as conn:
            found = conn.execute(
                update(chats).where(chats.c.chat_id == chat_id).values(values)
            ).rowcount
            if not found:
                conn.execute(insert(chats).values(
                    chat_id=chat_id, created_at=now, settings={}, **values))
        chat = self.get(chat_id)
        assert chat is not None
        return chat

    def set_timezone(self, chat_id: int, zone: str) -> None:
        """Store the chat's zone (canonical name from `parse_timezone`)."""
        self._update(chat_id, timezone=zone)

    def set_status(self, chat_id: int, status: str) -> None:
        """Store the bot's membership status in the chat (member, administrator, left, ...)."""
        self._update(chat_id, member_status=status)

    def set_setting(self, chat_id: int, key: str, value: object) -> None:
        """Set one key of the chat's JSON settings (read-modify-write, one transaction)."""
        with self.engine.begin() as conn:
            current = conn.execute(
                select(chats.c.settings).where(chats.c.chat_id == chat_id)
            ).scalar_one_or_none()
            settings = dict(current or {})
            settings[key] = value
            conn.execute(update(chats).where(chats.c.chat_id == chat_id)
                         .values(settings=settings, updated_at=self.clock()))

    def _update(self, chat_id: int, **values: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(chats).where(chats.c.chat_id == chat_id)
                         .values(updated_at=self.clock(), **values))
