"""Schedule computation across DST changes, weekday filters and fixed offsets."""

from __future__ import annotations

import time as clock
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.subscriptions.schedule import (
    PERIOD_KEY_CHARS,
    Schedule,
    latest_run_at,
    local_instant,
    next_run_at,
    parse_time_of_day,
    period_key,
)
from digests.subscriptions.weekdays import WEEKEND, WORKDAYS
from digests.subscriptions.zones import zone_of

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "day_before", "day_after"), [
    (BERLIN, utc(2026, 3, 28, 7), utc(2026, 3, 29, 6)),  # spring forward: +01 -> +02
    (BERLIN, utc(2026, 10, 24, 6), utc(2026, 10, 25, 7)),  # fall back: +02 -> +01
    (NEW_YORK, utc(2026, 3, 7, 13), utc(2026, 3, 8, 12)),
    (NEW_YORK, utc(2026, 10, 31, 12), utc(2026, 11, 1, 13)),
])
def test_eight_oclock_stays_eight_oclock_across_dst(zone: ZoneInfo, day_before: datetime,
                                                    day_after: datetime) -> None:
    schedule = Schedule(time(8, 0), zone)
    assert next_run_at(schedule, day_before - timedelta(hours=1)) == day_before
    assert next_run_at(schedule, day_before) == day_after
    assert next_run_at(schedule, day_after).astimezone(zone).hour == 8


def test_nonexistent_time_moves_to_the_end_of_the_gap() -> None:
    # 02:30 does not exist in Berlin on 2026-03-29; the gap ends at 03:00 CEST = 01:00 UTC
    assert local_instant(datetime(2026, 3, 29).date(), time(2, 30), BERLIN) == utc(2026, 3, 29, 1)
    # New York 2026-03-08 02:15 does not exist; 03:00 EDT = 07:00 UTC
    assert local_instant(datetime(2026, 3, 8).date(), time(2, 15), NEW_YORK) == utc(2026, 3, 8, 7)


def test_ambiguous_time_fires_once_at_its_first_occurrence() -> None:
    schedule = Schedule(time(2, 30), BERLIN)
    first = next_run_at(schedule, utc(2026, 10, 24, 12))
    assert first == utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    second = next_run_at(schedule, first)
    assert second == utc(2026, 10, 26, 1, 30)  # the 02:30 CET repeat is skipped
    assert period_key(schedule, first) == "2026-10-25@Europe/Berlin"


def test_weekday_filters() -> None:
    workdays = Schedule(time(9, 0), UTC, WORKDAYS)
    friday = utc(2026, 3, 6, 10)
    assert next_run_at(workdays, friday) == utc(2026, 3, 9, 9)  # Monday
    weekend = Schedule(time(9, 0), UTC, WEEKEND)
    assert next_run_at(weekend, friday) == utc(2026, 3, 7, 9)
    assert latest_run_at(weekend, friday) == utc(2026, 3, 1, 9)
    with pytest.raises(ValueError, match="weekday"):
        next_run_at(Schedule(time(9, 0), UTC, 0), friday)


def test_fixed_offsets_and_period_key_is_local_date() -> None:
    schedule = Schedule(time(0, 30), zone_of("UTC+05:30"))
    run = next_run_at(schedule, utc(2026, 1, 1, 12))
    assert run == utc(2026, 1, 1, 19)
    assert period_key(schedule, run) == "2026-01-02@UTC+05:30"


def test_period_key_names_the_zone_within_the_columns_40_characters() -> None:
    run = utc(2026, 3, 2, 23)
    keys = {zone: period_key(Schedule(time(8, 0), zone_of(zone)), run)
            for zone in ("Asia/Tokyo", "America/Los_Angeles", "America/Argentina/ComodRivadavia",
                         "America/Argentina/Rio_Gallegos")}
    assert keys["America/Los_Angeles"] == "2026-03-02@America/Los_Angeles"
    assert keys["Asia/Tokyo"] == "2026-03-03@Asia/Tokyo"
    assert len(set(keys.values())) == 4
    assert all(len(key) <= PERIOD_KEY_CHARS for key in keys.values())


@pytest.mark.parametrize("text", ["8", "8:5", "24:00", "ab:cd", "8:00:00", "", "²:00", "٠٨:٠٠",
                                  "08:０0", "8:", "+8:00", "008:00"])
def test_bad_times_are_refused(text: str) -> None:
    if text == "8":
        assert parse_time_of_day(text) == time(8, 0)
        return
    with pytest.raises(ValueError):
        parse_time_of_day(text)


ZONES = st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                         "Asia/Kolkata", "UTC"])


@given(zone=ZONES, hour=st.integers(0, 23), minute=st.integers(0, 59),
       mask=st.integers(1, 127), start=st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1),
                                                    timezones=st.just(UTC)))
def test_next_run_is_after_and_once_per_local_day(zone: str, hour: int, minute: int,
                                                  mask: int, start: datetime) -> None:
    schedule = Schedule(time(hour, minute), zone_of(zone), mask)
    first = next_run_at(schedule, start)
    second = next_run_at(schedule, first)
    assert start < first < second <= first + timedelta(days=8)
    assert period_key(schedule, first) != period_key(schedule, second)
    assert latest_run_at(schedule, first) == first


def test_a_gap_time_lands_on_the_end_of_the_gap_to_the_second() -> None:
    # 02:10 and 02:59 are not the middle of Berlin's gap (01:00-02:00 UTC read both ways):
    # the search must still end exactly on 03:00 CEST, not a second after it.
    for at in (time(2, 10), time(2, 59), time(2, 0), time(2, 1)):
        assert local_instant(date(2026, 3, 29), at, BERLIN) == utc(2026, 3, 29, 1), at
    # Lord Howe jumps by half an hour: 02:00 +10:30 becomes 02:30 +11, 15:30 UTC.
    assert local_instant(date(2026, 10, 4), time(2, 5), LORD_HOWE) == utc(2026, 10, 3, 15, 30)


@pytest.fixture
def server_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's own zone is New York, as on a server set up there."""
    monkeypatch.setenv("TZ", "America/New_York")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


@pytest.mark.usefixtures("server_in_new_york")
def test_firings_are_utc_whatever_zone_the_server_runs_in() -> None:
    ordinary = next_run_at(Schedule(time(8, 0), BERLIN), utc(2026, 1, 5, 12))
    in_the_gap = next_run_at(Schedule(time(2, 30), BERLIN), utc(2026, 3, 28, 12))
    assert (ordinary, in_the_gap) == (utc(2026, 1, 6, 7), utc(2026, 3, 29, 1))
    assert ordinary.utcoffset() == in_the_gap.utcoffset() == timedelta(0)


def test_the_latest_weekly_firing_can_be_a_full_week_back() -> None:
    # Mondays at 23:00 in New York, asked on Monday at 22:00 local (already Tuesday in UTC):
    # today's has not fired yet, so the latest is last Monday's.
    mondays = Schedule(time(23, 0), NEW_YORK, 0b0000001)  # Monday only
    monday_evening = utc(2026, 3, 3, 3)  # Mon 2 March 22:00 EST
    assert latest_run_at(mondays, monday_evening) == utc(2026, 2, 24, 4)  # Mon 23 Feb 23:00 EST
    assert latest_run_at(mondays, utc(2026, 3, 3, 4)) == utc(2026, 3, 3, 4)  # at it: this one
    assert next_run_at(mondays, monday_evening) == utc(2026, 3, 3, 4)


@pytest.mark.parametrize(("text", "expected"), [
    ("23:59", time(23, 59)), ("00:00", time(0, 0)), ("7:05", time(7, 5)), ("23", time(23, 0)),
    ("08:59", time(8, 59)),
])
def test_the_whole_day_from_00_00_to_23_59_is_accepted(text: str, expected: time) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["24:00", "23:60", "24", "08:99", "99:00"])
def test_an_out_of_range_time_is_refused_with_the_form_to_use(text: str) -> None:
    # The bot replies with this message under /subscribe's usage line.
    with pytest.raises(ValueError) as refused:
        parse_time_of_day(text)
    assert str(refused.value) == (f"not a time of day: '{text}' (use HH:MM from 00:00 to 23:59, "
                                  "e.g. 08:00)")


def test_a_zone_name_that_fits_the_40_characters_is_kept_whole() -> None:
    run = utc(2026, 3, 2, 12)
    fits = timezone(timedelta(0), "Z" * 29)  # "2026-03-02@" + 29 = 40 characters
    assert period_key(Schedule(time(8, 0), fits), run) == "2026-03-02@" + "Z" * 29
    too_long = Schedule(time(8, 0), zone_of("America/Argentina/Rio_Gallegos"))  # 41
    assert period_key(too_long, run) == "2026-03-02@#49e12d393177459b5c1abdd5ea00"
    assert len(period_key(too_long, run)) == PERIOD_KEY_CHARS
