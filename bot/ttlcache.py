"""A small per-process cache with a time to live and a size bound.

The bot keeps a few things in memory between updates (inline answer pages, the queries behind
search page buttons). Each is keyed by what users type, so without a bound a stream of distinct
queries grows the process without end; without a TTL stale entries live forever.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    """Values kept `ttl` seconds; the oldest go first beyond `max_entries`."""

    def __init__(self, ttl: float, *, clock: Callable[[], float] = time.monotonic,
                 max_entries: int = 1024) -> None:
        self.ttl = ttl
        self.clock = clock
        self.max_entries = max_entries
        self._entries: dict[K, tuple[float, V]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def values(self) -> list[V]:
        """The values still held (expired ones included until looked up or evicted)."""
        return [value for _, value in self._entries.values()]

    def get(self, key: K) -> V | None:
        """The cached value, or None when missing or expired."""
        entry = self._entries.get(key)
        if entry is None or entry[0] <= self.clock():
            self._entries.pop(key, None)
            return None
        return entry[1]

    def put(self, key: K, value: V) -> None:
        """Cache a value, evicting the oldest entry when full."""
        self._entries.pop(key, None)
        while len(self._entries) >= self.max_entries:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = (self.clock() + self.ttl, value)
