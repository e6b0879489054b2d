"""The band index's keys: by publication fortnight first, looked up a week either side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from digests.store.bands import PERIOD_DAYS, lookup_keys, period_of, stored_keys


def test_periods_are_fourteen_utc_days_from_1970_rounded_down() -> None:
    assert PERIOD_DAYS == 14
    assert period_of(datetime(1970, 1, 1, tzinfo=UTC)) == 0
    assert period_of(datetime(1970, 1, 14, 23, 59, tzinfo=UTC)) == 0
    assert period_of(datetime(1970, 1, 15, tzinfo=UTC)) == 1
    assert period_of(datetime(1969, 12, 31, 23, 59, tzinfo=UTC)) == -1
    # The UTC day counts: 01:00 in Moscow on the 15th is still the 14th in UTC.
    moscow = timezone(timedelta(hours=3))
    assert period_of(datetime(1970, 1, 15, 1, 0, tzinfo=moscow)) == 0


def test_an_article_stores_each_band_once_under_its_period() -> None:
    at = datetime(2026, 12, 7, 12, tzinfo=UTC)
    period = period_of(at)
    assert stored_keys(["b2:ff", "b1:aa", "b2:ff"], at) == [f"p{period}:b1:aa",
                                                            f"p{period}:b2:ff"]
    assert stored_keys([], at) == []


def test_a_lookup_reaches_a_week_either_side_from_any_day_of_a_period() -> None:
    start = datetime(2026, 11, 19, 12, tzinfo=UTC)  # the first day of a period
    assert period_of(start - timedelta(days=1)) == period_of(start) - 1
    for day in range(PERIOD_DAYS):
        at = start + timedelta(days=day)
        keys = set(lookup_keys(["b1:aa"], at))
        assert len(keys) == 2  # two regions, not three
        for days in range(-7, 8):  # an original a week before or after: always found
            assert set(stored_keys(["b1:aa"], at + timedelta(days=days))) <= keys, (day, days)
        for days in (-21, 21):  # three weeks: never
            assert not set(stored_keys(["b1:aa"], at + timedelta(days=days))) & keys
    assert len(lookup_keys(["b1:aa", "b2:bb", "b1:aa"], start)) == 4
