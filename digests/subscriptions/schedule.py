"""When a subscription fires: pure functions over a local time, weekdays and a zone.

Everything is computed from the subscription's own wall clock, so a 08:00 digest fires at
08:00 local time on both sides of a daylight-saving change. Two instants per year need a rule:

* **Nonexistent local times** (spring forward, e.g. 02:30 on the last Sunday of March in
  Europe/Berlin) move forward to the first valid instant after the gap, which is the end of the
  gap (03:00 local), so the digest still arrives that day, as early as possible.
* **Ambiguous local times** (fall back, e.g. 02:30 on the last Sunday of October happens twice)
  fire once, at the first occurrence (``fold=0``); the period key is the local date, so the
  second occurrence belongs to the same period and is never sent again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from digests.digits import parse_ascii_int
from digests.i18n import N_, InvalidValueError
from digests.quoting import quoted
from digests.subscriptions.weekdays import EVERY_DAY, runs_on

MAX_SEARCH_DAYS = 8  # any weekday mask with at least one bit set recurs within a week
PERIOD_KEY_CHARS = 40  # deliveries.period_key is a String(40)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A recurring local time: ``at`` on the weekdays in ``weekdays`` (Mon=bit 0) in ``zone``."""

    at: time
    zone: tzinfo
    weekdays: int = EVERY_DAY


def parse_time_of_day(text: str) -> time:
    """Parse ``HH:MM`` (or ``H:MM``, ``HH``) in 24-hour form.

    Raises:
        ValueError: anything else, or an hour or minute out of range.
    """
    hours, colon, minutes = text.strip().partition(":")
    hour = parse_ascii_int(hours, max_digits=2)
    minute = parse_ascii_int(minutes, max_digits=2) if colon else 0
    if (hour is None or minute is None or (colon and len(minutes) != 2)
            or hour > 23 or minute > 59):
        raise InvalidValueError(N_("not a time of day: {text} (use HH:MM from 00:00 to 23:59, "
                              "e.g. 08:00)"), text=quoted(text))
    return time(hour, minute)


def format_time_of_day(at: time) -> str:
    """The stored and displayed form, ``HH:MM``."""
    return f"{at.hour:02d}:{at.minute:02d}"


def local_instant(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC instant of ``at`` on ``day`` in ``zone``, with the DST rules of this module."""
    naive = datetime.combine(day, at)
    utc = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) == naive:
        return utc  # it exists; for an ambiguous time fold=0 is the first occurrence
    # In a gap, fold=0 reads the time with the offset from before the jump (a later instant)
    # and fold=1 with the offset after it (an earlier one); the jump lies between the two.
    return _transition(naive.replace(tzinfo=zone, fold=1).astimezone(UTC), utc, zone)


def _transition(before: datetime, after: datetime, zone: tzinfo) -> datetime:
    """The first instant in (before, after] that has ``after``'s UTC offset (to the second)."""
    target = after.astimezone(zone).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == target:
            after = middle
        else:
            before = middle
    return after.replace(microsecond=0)


def next_run_at(schedule: Schedule, after: datetime) -> datetime:
    """The first firing strictly after ``after`` (aware), as an aware UTC datetime.

    Raises:
        ValueError: the schedule has no weekday at all.
    """
    if not schedule.weekdays & EVERY_DAY:
        # A programmer's error (parse_weekdays never yields an empty set): text not mutated.
        raise ValueError("a schedule needs at least one weekday")  # pragma: no mutate
    day = after.astimezone(schedule.zone).date() - timedelta(days=1)
    for offset in range(MAX_SEARCH_DAYS + 1):
        current = day + timedelta(days=offset)
        if runs_on(schedule.weekdays, current.weekday()):
            instant = local_instant(current, schedule.at, schedule.zone)
            if instant > after:
                return instant
    raise AssertionError("unreachable: a weekday recurs within a week")  # pragma: no mutate


def latest_run_at(schedule: Schedule, at_or_before: datetime) -> datetime | None:
    """The last firing at or before ``at_or_before``, looking back one week at most."""
    day = at_or_before.astimezone(schedule.zone).date() + timedelta(days=1)
    for offset in range(MAX_SEARCH_DAYS + 1):
        current = day - timedelta(days=offset)
        if runs_on(schedule.weekdays, current.weekday()):
            instant = local_instant(current, schedule.at, schedule.zone)
            if instant <= at_or_before:
                return instant
    return None


def period_key(schedule: Schedule, run_at: datetime) -> str:
    """The ledger's period for a firing: its local date and zone, ``2026-03-29@Europe/Berlin``.

    A local date rather than the instant, so a repeated wall-clock hour, a time changed
    twice in one day, or two workers rounding differently can never make two periods. The
    zone is part of it because after a change of zone the next firing can fall on the same
    local date as the last one (Tokyo to Los Angeles) and must still go out. The key fits
    the ledger's 40 characters: a zone name too long for that is replaced by its digest.
    """
    day = run_at.astimezone(schedule.zone).date().isoformat()
    name = str(schedule.zone)
    if len(day) + 1 + len(name) > PERIOD_KEY_CHARS:
        name = "#" + hashlib.sha256(name.encode()).hexdigest()[:PERIOD_KEY_CHARS - len(day) - 2]
    return f"{day}@{name}"
