"""One digest per (query, window, settings) per run, shared by every subscriber of it.

Ten thousand chats subscribed to the same topic at the same local time share one window, so
they share one digest; chats in other zones have other windows and get their own. Entries are
futures, so subscribers that ask at the same moment wait for one computation instead of
starting ten thousand. Rendered messages are cached per zone and policy on top.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from digests.models import Digest
from digests.subscriptions.outcomes import Rendered


@dataclass(frozen=True, slots=True)
class DigestKey:
    """What a digest depends on; settings are fixed for the life of a service."""

    query: str
    since: datetime
    until: datetime
    widen: bool
    settings: tuple[object, ...] = ()


Compose = Callable[[DigestKey], Digest]


class DigestCache:
    """Digests computed off the event loop, at most once per key."""

    def __init__(self, compose: Compose) -> None:
        self.compose = compose
        self.computed = 0
        self._digests: dict[DigestKey, asyncio.Future[Digest]] = {}
        self._pieces: dict[tuple[object, ...], Rendered] = {}
        self._one_at_a_time = asyncio.Lock()

    async def digest(self, key: DigestKey) -> Digest:
        """The digest for ``key``, computing it in a worker thread the first time."""
        future = self._digests.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._digests[key] = future
            try:
                async with self._one_at_a_time:  # CPU-bound anyway; and two digests that
                    self.computed += 1  # share an article must not race on its summary
                    future.set_result(await asyncio.to_thread(self.compose, key))
            except Exception as error:  # every waiter sees the same failure
                future.set_exception(error)
                del self._digests[key]
        return await asyncio.shield(future)

    def pieces(self, key: tuple[object, ...], render: Callable[[], Rendered]) -> Rendered:
        """Rendered messages for ``key``, rendering once."""
        if key not in self._pieces:
            self._pieces[key] = render()
        return self._pieces[key]
