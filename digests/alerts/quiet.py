"""Quiet hours: a daily local span (``22:00-07:00``) in which alerts are held, not sent.

A span may cross midnight; start and end equal would be "always quiet", which is refused
(a chat that wants no pushes pauses or removes the alert instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from digests.subscriptions.schedule import local_instant, parse_time_of_day

_SPAN_RE = re.compile(r"\s*([0-9]{1,2}:[0-9]{2})\s*[-–—]\s*([0-9]{1,2}:[0-9]{2})\s*")


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A local span of the day, from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Read ``HH:MM-HH:MM``.

        Raises:
            ValueError: not that shape, an impossible time, or an empty or full-day span.
        """
        found = _SPAN_RE.fullmatch(text)
        if found is None:
            raise ValueError(f"quiet hours look like 22:00-07:00, not {text[:40]!r}")
        start, end = parse_time_of_day(found[1]), parse_time_of_day(found[2])
        if start == end:
            raise ValueError("quiet hours must start and end at different times")
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def ends_after(self, now: datetime, zone: tzinfo) -> datetime | None:
        """When the quiet span containing ``now`` ends (UTC), or None outside quiet hours."""
        local = now.astimezone(zone)
        day = local.date()
        for offset in (-1, 0):  # a span that crosses midnight started yesterday
            begin_day = day + timedelta(days=offset)
            begin = local_instant(begin_day, self.start, zone)
            end_day = begin_day + timedelta(days=1) if self.end <= self.start else begin_day
            end = local_instant(end_day, self.end, zone)
            if begin <= now < end:
                return end
        return None


def parse_quiet(text: str | None) -> QuietHours | None:
    """The stored column's value as `QuietHours` (None when the alert has none)."""
    return QuietHours.parse(text) if text else None
