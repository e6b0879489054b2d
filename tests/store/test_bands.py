"""The band index's keys: by publication week first, looked up a week either side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from digests.store.bands import PERIOD_DAYS, lookup_keys, period_of, stored_keys


def test_periods_are_seven_utc_days_from_1970_rounded_down() -> None:
    assert period_of(datetime(1970, 1, 1, tzinfo=UTC)) == 0
    assert period_of(datetime(1970, 1, 7, 23, 59, tzinfo=UTC)) == 0
    assert period_of(datetime(1970, 1, 8, tzinfo=UTC)) == 1
    assert period_of(datetime(1969, 12, 31, 23, 59, tzinfo=UTC)) == -1
    # The UTC day counts: 01:00 in Moscow on the 8th is still the 7th in UTC.
    moscow = timezone(timedelta(hours=3))
    assert period_of(datetime(1970, 1, 8, 1, 0, tzinfo=moscow)) == 0


def test_an_article_stores_each_band_once_under_its_week() -> None:
    at = datetime(2026, 12, 7, 12, tzinfo=UTC)
    week = period_of(at)
    assert stored_keys(["b2:ff", "b1:aa", "b2:ff"], at) == [f"w{week}:b1:aa", f"w{week}:b2:ff"]
    assert stored_keys([], at) == []


def test_a_lookup_reaches_the_week_either_side_and_no_further() -> None:
    at = datetime(2026, 12, 7, 12, tzinfo=UTC)
    keys = set(lookup_keys(["b1:aa"], at))
    for days in range(-PERIOD_DAYS, PERIOD_DAYS + 1):  # a week before or after: always
        assert set(stored_keys(["b1:aa"], at + timedelta(days=days))) <= keys
    for days in (-3 * PERIOD_DAYS, 3 * PERIOD_DAYS):  # three weeks: never
        assert not set(stored_keys(["b1:aa"], at + timedelta(days=days))) & keys
    assert len(lookup_keys(["b1:aa", "b2:bb", "b1:aa"], at)) == 6
