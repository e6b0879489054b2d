"""Parse ``/subscribe <topic or query> [HH:MM] [weekdays] [time zone] [notify|skip]``.

The query comes first and may be several words, so the rest is recognised by shape: the
first ``HH:MM`` word ends the query; after it come weekdays, the empty-period policy and a
time zone (possibly two words, e.g. ``New York``). Without a time, a trailing weekday set
such as ``mon-fri`` is still recognised; a zone is only read after a time or weekdays, since
``berlin`` alone is more likely a search word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from digests.i18n import N_, InvalidValueError
from digests.models.subscriptions import EmptyPolicy
from digests.subscriptions.schedule import parse_time_of_day
from digests.subscriptions.weekdays import (
    EVERY_DAY,
    looks_like_weekdays,
    parse_weekdays,
    weekday_typo,
)
from digests.subscriptions.zones import UnknownTimeZone, parse_timezone

DEFAULT_TIME = time(8, 0)
# Anything shaped like a clock time ends the query and must then parse as one: "25:00" or
# "99999999999:00" is a mistyped time, refused with the accepted form, never a search word.
# So are 12-hour forms ("8pm", "8:00 p.m." typed as one word) and other digits ("２０:００"):
# read as words they would subscribe to "topic 8pm" at the default 08:00.
_TIME_RE = re.compile(r"\d+(?::\d*)+(?:[ap]\.?m\.?|h)?|\d{1,2}[ap]\.?m\.?", re.IGNORECASE)
_POLICIES = {"notify": EmptyPolicy.NOTIFY, "skip": EmptyPolicy.SKIP, "quiet": EmptyPolicy.SKIP}


@dataclass(frozen=True, slots=True)
class SubscribeRequest:
    """What ``/subscribe`` asked for, validated; ``zone`` None means the chat's zone."""

    query: str
    at: time = DEFAULT_TIME
    weekdays: int = EVERY_DAY
    zone: str | None = None
    policy: EmptyPolicy | None = None


def parse_subscribe(words: Sequence[str]) -> SubscribeRequest:
    """Split ``/subscribe`` arguments into query, time, weekdays, zone and policy.

    Raises:
        ValueError: no query, a malformed time or weekday set (also after a time, where a
            mistyped one, "mon-fry", would otherwise be read as a time zone).
        UnknownTimeZone: the zone is unknown (with suggestions).
    """
    words = list(words)
    split = next((i for i, w in enumerate(words) if _TIME_RE.fullmatch(w)), None)
    at, weekdays, zone, policy = DEFAULT_TIME, EVERY_DAY, None, None
    rest: list[str] = []
    if split is not None:
        at = parse_time_of_day(words[split])
        words, rest = words[:split], words[split + 1:]
    elif len(words) > 1 and looks_like_weekdays(words[-1]):
        weekdays = parse_weekdays(words.pop())
    zone_words: list[str] = []
    for word in rest:
        if word.lower() in _POLICIES:
            policy = _POLICIES[word.lower()]
        elif not zone_words and looks_like_weekdays(word):
            weekdays = parse_weekdays(word)
        else:
            zone_words.append(word)
    if zone_words:
        try:
            zone = parse_timezone(" ".join(zone_words))
        except UnknownTimeZone:
            # "08:00 mon-fry" is days mistyped, not a time zone: say which word is wrong.
            typo = next(filter(None, map(weekday_typo, zone_words)), None)
            if typo is not None:
                raise typo from None
            raise
    query = " ".join(words).strip()
    if not query:
        raise InvalidValueError(N_("say which topic or query, e.g. /subscribe russia-china 08:00"))
    return SubscribeRequest(query, at, weekdays, zone, policy)
