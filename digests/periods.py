"""Periods people type after a topic: `today`, `yesterday`, `week`, `7d`, `3 days`, `since Monday`.

`/digest covid-19 yesterday` must not search for the word "yesterday". The words at the end
of a command are read here: a period is taken off and turned into a window in the chat's
time zone (days start at local midnight), and an ending that looks like a period but is not
one ("since Mondy", "3 fortnights") is refused with the accepted forms instead of being
searched for. Pure: the caller passes the clock's `now` and the chat's zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from digests.i18n import N_, InvalidValueError
from digests.timeparse import parse_duration

ACCEPTED = "today, yesterday, week, month, 24h, 7d, 2w, 3 days, since Monday, since 2026-03-01"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ALIASES = {"сегодня": "today", "вчера": "yesterday", "неделя": "week", "неделю": "week",
            "месяц": "month", "понедельника": "monday", "вторника": "tuesday",
            "среды": "wednesday", "четверга": "thursday", "пятницы": "friday",
            "субботы": "saturday", "воскресенья": "sunday", "с": "since"}
_UNITS = {"minute": "m", "minutes": "m", "min": "m", "mins": "m", "hour": "h", "hours": "h",
          "hr": "h", "hrs": "h", "day": "d", "days": "d", "week": "w", "weeks": "w"}
_NUMBER_UNIT_RE = re.compile(r"^([0-9]{1,7})([a-zа-я]+)$")
_REFUSED_UNITS = frozenset({"s", "sec", "secs", "second", "seconds", "mo", "month", "months",
                            "y", "yr", "yrs", "year", "years", "fortnight", "fortnights"})
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


PERIOD_HINT = N_("I can't read “{period}” as a period. Use one of: {accepted}.")


class PeriodError(InvalidValueError):
    """The end of the command looks like a period but is none of the accepted forms.

    Explained, so `/digest` and `newsdigest digest --period` both say it in the reader's
    language with the forms they may type.
    """

    def __init__(self, text: str) -> None:
        super().__init__(PERIOD_HINT, period=text, accepted=ACCEPTED)
        self.text = text


@dataclass(frozen=True, slots=True)
class Period:
    """A window: from `start` until `until` (None: until now), both aware UTC."""

    start: datetime
    until: datetime | None = None


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _word(text: str) -> str:
    folded = text.casefold()
    return _ALIASES.get(folded, folded)


def _single(word: str, now: datetime, zone: tzinfo) -> Period | None:
    today = now.astimezone(zone).date()
    if word == "today":
        return Period(_midnight(today, zone))
    if word == "yesterday":
        return Period(_midnight(today - timedelta(days=1), zone), _midnight(today, zone))
    if word == "week":
        return Period(now - timedelta(days=7))
    if word == "month":
        return Period(now - timedelta(days=30))
    try:
        return Period(now - parse_duration(word))
    except (ValueError, OverflowError):
        return None


def _since(word: str, now: datetime, zone: tzinfo) -> Period | None:
    today = now.astimezone(zone).date()
    if word in ("today", "yesterday"):
        return _single(word, now, zone) if word == "today" else Period(
            _midnight(today - timedelta(days=1), zone))
    names = [name for name in WEEKDAYS if len(word) >= 3 and name.startswith(word)]
    if len(names) == 1:
        back = (today.weekday() - WEEKDAYS.index(names[0])) % 7
        return Period(_midnight(today - timedelta(days=back), zone))
    if _DATE_RE.match(word):
        try:
            day = date.fromisoformat(word)
        except ValueError:
            return None
        return Period(_midnight(day, zone)) if day <= today else None
    return None


def _number_unit(number: str, unit: str, now: datetime, zone: tzinfo,
                 typed: str) -> Period | None:
    """`3 days`, `7d`, `48hours`; PeriodError for time units we do not take (months).

    `typed` is the period as the user wrote it ("0d", "3 months"), quoted back when refused.
    """
    if unit in _UNITS or unit in ("m", "h", "d", "w"):
        found = _single(number + _UNITS.get(unit, unit), now, zone)
        if found is None:
            raise PeriodError(typed)
        return found
    if unit in _REFUSED_UNITS:
        raise PeriodError(typed)
    return None  # "2020 results", "5g": words of the topic


def split_period(words: list[str], now: datetime,
                 zone: tzinfo) -> tuple[list[str], Period | None]:
    """The topic words and the period at their end (None when there is none).

    Only words after at least one topic word are read as a period, so `/digest week`
    still searches for "week".

    Raises:
        PeriodError: the ending is shaped like a period ("since Mondy", "3 months",
            "7sec") but is not an accepted one.
    """
    if len(words) >= 3 and _word(words[-2]) == "since":
        period = _since(_word(words[-1]), now, zone)
        if period is None:
            raise PeriodError(" ".join(words[-2:]))
        return words[:-2], period
    if len(words) >= 3 and words[-2].isdigit() and len(words[-2]) <= 7:
        period = _number_unit(words[-2], _word(words[-1]), now, zone, " ".join(words[-2:]))
        if period is not None:
            return words[:-2], period
    if len(words) >= 2:
        last = _word(words[-1])
        period = _single(last, now, zone)
        if period is not None:
            return words[:-1], period
        if match := _NUMBER_UNIT_RE.match(last):
            period = _number_unit(match.group(1), match.group(2), now, zone, words[-1])
            if period is not None:
                return words[:-1], period
    return words, None


def parse_period(text: str, now: datetime, zone: tzinfo) -> Period:
    """One period typed alone (the CLI's ``--period``): the forms of `split_period`.

    Raises:
        PeriodError: ``text`` is not one of the accepted forms.
    """
    words = text.split()
    _, period = split_period(["topic", *words], now, zone) if words else ([], None)
    if period is None:
        raise PeriodError(text)
    return period
