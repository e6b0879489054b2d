"""Schedule computation across DST changes, weekday filters and fixed offsets."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
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
