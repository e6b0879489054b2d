"""Time zones from what people type: IANA names, city names, or fixed UTC offsets.

A zone is stored as text: the canonical IANA name (``Europe/Berlin``) or a fixed offset in
the form ``UTC+05:30``. IANA data comes from `zoneinfo` (with the `tzdata` package as a
fallback where the system has none), so DST rules follow the official database.
"""

from __future__ import annotations

import difflib
import functools
import re
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from digests.quoting import quoted

_OFFSET_RE = re.compile(r"(?:utc|gmt)?\s*([+-])([0-9]{1,2})(?::?([0-9]{2}))?", re.IGNORECASE)
MAX_SUGGESTIONS = 3


class UnknownTimeZone(ValueError):  # noqa: N818 - reads as the user's problem, like UnknownTopic
    """No zone matches; ``suggestions`` holds close names to offer instead."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(f"unknown time zone: {quoted(text)}")
        self.text = text
        self.suggestions = suggestions


@functools.cache
def _names() -> dict[str, str]:
    """Lower-cased full names and city parts (``berlin``, ``new york``) -> canonical name."""
    found: dict[str, str] = {}
    for name in sorted(available_timezones()):
        found.setdefault(name.lower(), name)
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith("Etc/"):
            city = name.rsplit("/", 1)[1].replace("_", " ").lower()
            found.setdefault(city, name)
    return found


def _fixed_offset(text: str) -> str | None:
    match = _OFFSET_RE.fullmatch(text.strip())
    if match is None:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes >= 60 or (hours == 14 and minutes):
        return None
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def parse_timezone(text: str) -> str:
    """The canonical stored form of a zone typed by a user.

    Raises:
        UnknownTimeZone: nothing matches; it carries up to three suggestions.
    """
    cleaned = " ".join(text.strip().split())
    if cleaned.lower() in ("utc", "gmt", "z"):
        return "UTC"
    offset = _fixed_offset(cleaned)
    if offset is not None:
        return offset
    key = cleaned.lower().replace("_", " ") if "/" not in cleaned else cleaned.lower()
    names = _names()
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, names.keys(), n=MAX_SUGGESTIONS, cutoff=0.6)
    raise UnknownTimeZone(text, list(dict.fromkeys(names[c] for c in close)))


def zone_of(name: str | None, default: str = "UTC") -> tzinfo:
    """The tzinfo for a stored zone name; an unknown or empty one falls back to ``default``."""
    text = name or default
    if text == "UTC":
        return UTC
    if text.startswith("UTC") and len(text) == 9:
        sign = 1 if text[3] == "+" else -1
        return timezone(sign * timedelta(hours=int(text[4:6]), minutes=int(text[7:9])), text)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC if text == default else zone_of(default)
