"""Parse the short durations users type: `24h`, `7d`, `2w`, `90m`, `100000d`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from digests.i18n import N_, InvalidValueError
from digests.quoting import quoted

_DURATION_RE = re.compile(r"^\s*([0-9]{1,7})\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
MAX_DURATION = timedelta(days=1_000_000)


def parse_duration(text: str) -> timedelta:
    """A positive duration such as `24h` or `7d`; raises ValueError with the accepted forms."""
    match = _DURATION_RE.match(text)
    if not match:
        raise InvalidValueError(N_("not a duration: {text} (use e.g. 90m, 24h, 7d, 2w)"),
                           text=quoted(text))
    amount, unit = int(match.group(1)), match.group(2).lower()
    if amount <= 0:
        raise InvalidValueError(N_("a duration must be positive"))
    return min(timedelta(**{_UNITS[unit]: amount}), MAX_DURATION)


def since(now: datetime, duration: timedelta) -> datetime:
    """`now - duration`, clamped to the earliest representable aware datetime."""
    try:
        return now - duration
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime (the default clock)."""
    return datetime.now(UTC)
