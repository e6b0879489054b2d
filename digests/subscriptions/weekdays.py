"""Weekday sets as a 7-bit mask (Monday = bit 0), parsed from what people type.

Accepted: ``daily``, ``weekdays``, ``weekends``, names or three-letter abbreviations, comma
lists (``sat,sun``) and ranges (``mon-fri``, wrapping ``fri-mon``). A mask is what the
``subscriptions.weekdays`` column stores, so a filter is one bit test.
"""

from __future__ import annotations

import difflib
import re

from digests.i18n import N_, InvalidValueError
from digests.quoting import quoted

EVERY_DAY = 0b1111111
WORKDAYS = 0b0011111
WEEKEND = 0b1100000
NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PARTS = re.compile(r"[-,–]")
#: How alike a word and a weekday's name must be to read as that day mistyped: "fridy" and
#: "tuseday" are 0.9 and 0.86; "monrovia" (a time zone's city) is 0.43.
TYPO_CUTOFF = 0.75
_ALIASES = {"daily": EVERY_DAY, "everyday": EVERY_DAY, "weekdays": WORKDAYS,
            "workdays": WORKDAYS, "weekends": WEEKEND, "weekend": WEEKEND}


def runs_on(mask: int, weekday: int) -> bool:
    """Whether the mask includes ``weekday`` (0 = Monday, as `date.weekday`)."""
    return bool(mask >> weekday & 1)


def _day(word: str) -> int:
    prefix = word[:3]
    if prefix not in NAMES or not _full_name(prefix).startswith(word):
        raise InvalidValueError(N_("not a weekday: {text}"), text=quoted(word))
    return NAMES.index(prefix)


def _full_name(prefix: str) -> str:
    return _FULL[NAMES.index(prefix)]


def parse_weekdays(text: str) -> int:
    """Parse a weekday set such as ``mon-fri`` or ``sat,sun`` into a mask.

    Raises:
        ValueError: a word that is no weekday, or an empty set.
    """
    word = text.strip().lower()
    if word in _ALIASES:
        return _ALIASES[word]
    mask = 0
    for part in filter(None, (p.strip() for p in word.split(","))):
        first, dash, last = part.partition("-")
        start = _day(first)
        end = _day(last) if dash else start
        for offset in range((end - start) % 7 + 1):
            mask |= 1 << ((start + offset) % 7)
    if not mask:
        raise InvalidValueError(N_("no weekday in {text}"), text=quoted(text))
    return mask


def looks_like_weekdays(text: str) -> bool:
    """Whether ``text`` parses as a weekday set (for telling arguments apart)."""
    try:
        parse_weekdays(text)
    except ValueError:
        return False
    return True


def format_weekdays(mask: int) -> str:
    """The short form people read: ``daily``, ``mon-fri``, ``sat,sun`` or a list."""
    for name, value in (("daily", EVERY_DAY), ("mon-fri", WORKDAYS), ("sat,sun", WEEKEND)):
        if mask == value:
            return name
    return ",".join(name for bit, name in enumerate(NAMES) if runs_on(mask, bit))


def _is_day(word: str) -> bool:
    try:
        _day(word)
    except ValueError:
        return False
    return True


def weekday_typo(text: str) -> InvalidValueError | None:
    """The error to show when `text` is a weekday set mistyped ("mon-fry"), else None.

    A word is taken for a weekday set when it joins a real day with another part
    ("mon-fry", "sat,snu") or when a part is close to a day's name ("fridy"). Callers ask
    only once the word failed as what else it could be (a time zone), so the error names
    the part that is no weekday instead of "unknown time zone".
    """
    word = text.strip().lower()
    if not word or word in _ALIASES or looks_like_weekdays(word):
        return None
    parts = [part for part in _PARTS.split(word) if part]
    bad = [part for part in parts if not _is_day(part)]
    known = len(bad) < len(parts)
    close = any(
        difflib.get_close_matches(part, (*_FULL, *_ALIASES), n=1, cutoff=TYPO_CUTOFF)
        for part in bad)
    if not bad or not ((known and len(parts) > 1) or close):
        return None
    return InvalidValueError(N_("not a weekday: {text} (use e.g. mon-fri, sat,sun, weekends "
                                "or daily)"), text=quoted(bad[0]))
