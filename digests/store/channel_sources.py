"""Telegram channels registered as news sources: the `sources` rows with kind "channel".

The `sources` table is shared with RSS feeds (kind "feed", owned by `digests.store.sources`);
this repository reads and writes only channel rows. A channel is identified by its public
link `https://t.me/<username>`, lower-cased because Telegram usernames are case-insensitive,
so `@NewsChan` and `@newschan` are one source and the table's unique URL stays meaningful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, RowMapping, delete, insert, select
from sqlalchemy.exc import IntegrityError

from digests.store.schema import sources
from digests.store.sql import Clock, utc_now

CHANNEL_KIND = "channel"
USERNAME_RE = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")


@dataclass(frozen=True, slots=True)
class ChannelSource:
    """A registered channel: its username (no "@"), link, title and who added it."""

    id: int
    username: str
    url: str
    title: str | None
    added_by: int | None
    created_at: datetime


def normalize_username(text: str) -> str:
    """Return the lower-cased username of `@channel`, `channel` or `https://t.me/channel`.

    Raises:
        ValueError: when the text is not a valid public username.
    """
    name = text.strip().removeprefix("https://t.me/").removeprefix("t.me/").rstrip("/")
    match = USERNAME_RE.fullmatch(name)
    if match is None:
        raise ValueError(f"not a channel username: {text!r}")
    return match.group(1).lower()


def channel_url(username: str) -> str:
    """Return the source URL stored for a channel: `https://t.me/<username>`."""
    return f"https://t.me/{normalize_username(username)}"


def _from_row(row: RowMapping) -> ChannelSource:
    url = str(row["url"])
    return ChannelSource(
        id=int(row["id"]), username=url.rsplit("/", 1)[1], url=url, title=row["title"],
        added_by=row["added_by"], created_at=row["created_at"],
    )


class ChannelSources:
    """Add, remove, list and look up channel sources; each call is its own transaction."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    def get(self, username: str) -> ChannelSource | None:
        """The registered channel with this username, or None."""
        query = select(sources).where(sources.c.url == channel_url(username),
                                      sources.c.kind == CHANNEL_KIND)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _from_row(row) if row is not None else None

    def add(self, username: str, *, title: str | None,
            added_by: int | None) -> tuple[ChannelSource, bool]:
        """Register a channel; returns the source and whether it is new.

        Adding twice is not an error (the second admin gets "already a source"), and a race
        between two adds resolves to the row that won.
        """
        existing = self.get(username)
        if existing is not None:
            return existing, False
        values = {"url": channel_url(username), "kind": CHANNEL_KIND, "title": title,
                  "added_by": added_by, "created_at": self.clock()}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(sources).values(**values))
        except IntegrityError:
            winner = self.get(username)
            if winner is None:
                raise
            return winner, False
        added = self.get(username)
        assert added is not None  # just inserted in a committed transaction
        return added, True

    def remove(self, username: str) -> bool:
        """Unregister a channel; False when it was not registered."""
        query = delete(sources).where(sources.c.url == channel_url(username),
                                      sources.c.kind == CHANNEL_KIND)
        with self.engine.begin() as conn:
            return conn.execute(query).rowcount > 0

    def registered(self) -> list[ChannelSource]:
        """Every registered channel, oldest first."""
        query = (select(sources).where(sources.c.kind == CHANNEL_KIND)
                 .order_by(sources.c.created_at, sources.c.id))
        with self.engine.connect() as conn:
            return [_from_row(row) for row in conn.execute(query).mappings()]
