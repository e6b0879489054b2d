"""The sandbox's clock: the real time plus however long `/wait` has let pass."""

from __future__ import annotations

from datetime import datetime, timedelta

from digests.timeparse import utcnow


class SandboxClock:
    """A clock that `/wait` moves forward, so a scheduled digest can be seen without waiting.

    The bot's news service, subscription manager and delivery job all read this clock, so
    moving it makes tomorrow's 08:00 delivery due now, exactly as it would be tomorrow.
    """

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        """The sandbox's current time (aware, UTC)."""
        return utcnow() + self.offset

    def advance_to(self, moment: datetime) -> None:
        """Move forward to `moment` (never backward: time only passes)."""
        self.offset += max(timedelta(), moment - self.now())
