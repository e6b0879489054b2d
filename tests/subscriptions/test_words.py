"""What people type after /subscribe and /digest, and when the digest then arrives.

Each test names what a user would notice if the rule broke (a Friday without its digest, a
``2w`` window of two days, New York's digest at Karachi's hour), with fixed expected values.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from digests.models.subscriptions import EmptyPolicy
from digests.subscriptions.args import parse_subscribe
from digests.subscriptions.schedule import Schedule, next_run_at
from digests.subscriptions.weekdays import format_weekdays, parse_weekdays
from digests.subscriptions.zones import UnknownTimeZone, parse_timezone, zone_of
from digests.timeparse import parse_duration, since, utcnow

THURSDAY_NOON = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def firings(words: list[str], after: datetime, count: int) -> list[datetime]:
    """The next `count` deliveries of ``/subscribe <words>`` after `after`, in UTC."""
    request = parse_subscribe(words)
    schedule = Schedule(request.at, zone_of(request.zone), request.weekdays)
    runs = [next_run_at(schedule, after)]
    while len(runs) < count:
        runs.append(next_run_at(schedule, runs[-1]))
    return runs


def test_mon_fri_delivers_on_friday_and_not_on_the_weekend() -> None:
    runs = firings(["russia-china", "08:00", "mon-fri"], THURSDAY_NOON, 3)
    assert [f"{run:%a %d %H:%M}" for run in runs] == ["Fri 06 08:00", "Mon 09 08:00",
                                                      "Tue 10 08:00"]


def test_a_weekday_range_includes_both_ends() -> None:
    assert format_weekdays(parse_weekdays("mon-fri")) == "mon-fri"
    assert format_weekdays(parse_weekdays("tue-thu")) == "tue,wed,thu"
    assert format_weekdays(parse_weekdays("fri-mon")) == "mon,fri,sat,sun"  # wraps the week
    assert format_weekdays(parse_weekdays("wed")) == "wed"
    assert format_weekdays(parse_weekdays("sat,sun")) == "sat,sun"


def test_days_can_be_written_out_or_cut_short() -> None:
    assert format_weekdays(parse_weekdays("Monday-Friday")) == "mon-fri"
    assert format_weekdays(parse_weekdays("tues,thurs")) == "tue,thu"
    assert format_weekdays(parse_weekdays("daily")) == "daily"
    assert format_weekdays(parse_weekdays("weekends")) == "sat,sun"


@pytest.mark.parametrize(("typed", "reason"), [
    ("monk", "not a weekday: 'monk'"), ("sunny", "not a weekday: 'sunny'"),
    ("fridays", "not a weekday: 'fridays'"), ("mon-funday", "not a weekday: 'funday'"),
    (",", "no weekday in ','"),
])
def test_words_that_only_start_like_a_day_are_refused_with_the_reason(typed: str,
                                                                      reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_weekdays(typed)
    assert str(refused.value) == reason


def test_trailing_mon_fri_without_a_time_still_skips_the_weekend() -> None:
    request = parse_subscribe(["putin", "xi", "mon-fri"])
    assert request.query == "putin xi"
    assert format_weekdays(request.weekdays) == "mon-fri"


@pytest.mark.parametrize(("typed", "window"), [
    ("2w", timedelta(days=14)), ("1w", timedelta(days=7)), ("7d", timedelta(days=7)),
    ("24h", timedelta(hours=24)), ("90m", timedelta(minutes=90)), ("3D", timedelta(days=3)),
])
def test_digest_window_units(typed: str, window: timedelta) -> None:
    assert parse_duration(typed) == window  # "/digest russia-china 2w" reaches back 14 days


@pytest.mark.parametrize("typed", ["2", "w", "0d", "-1d", "2y", "1.5d", "²d", "٣d", "１d"])
def test_digest_window_refuses_what_is_not_a_duration(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(typed)


def test_utc_minus_five_fires_five_hours_after_utc() -> None:
    runs = firings(["russia-china", "08:00", "UTC-05:00"], THURSDAY_NOON, 1)
    assert runs == [datetime(2026, 3, 5, 13, 0, tzinfo=UTC)]
    assert parse_timezone("UTC-05:00") == "UTC-05:00"
    assert parse_timezone("gmt-5") == "UTC-05:00"


def test_utc_plus_five_thirty_fires_before_utc() -> None:
    runs = firings(["russia-china", "08:00", "UTC+05:30"], THURSDAY_NOON, 1)
    assert runs == [datetime(2026, 3, 6, 2, 30, tzinfo=UTC)]
    assert parse_timezone("+0530") == "UTC+05:30"


@pytest.mark.parametrize("typed", ["UTC+15:00", "UTC+14:30", "UTC+05:60", "UTC+٥"])
def test_offsets_beyond_the_earths_zones_are_refused(typed: str) -> None:
    with pytest.raises(UnknownTimeZone):
        parse_timezone(typed)


@pytest.mark.parametrize(("word", "policy"), [
    ("notify", EmptyPolicy.NOTIFY), ("quiet", EmptyPolicy.SKIP), ("skip", EmptyPolicy.SKIP),
    ("NOTIFY", EmptyPolicy.NOTIFY),
])
def test_empty_period_words(word: str, policy: EmptyPolicy) -> None:
    request = parse_subscribe(["russia-china", "08:00", word])
    assert request.policy is policy
    assert request.query == "russia-china"


def test_without_a_word_the_empty_policy_is_left_as_it_was() -> None:
    assert parse_subscribe(["russia-china", "08:00"]).policy is None


def test_every_part_of_a_full_subscribe_line() -> None:
    request = parse_subscribe(["putin", "xi", "7:30", "sat,sun", "New", "York", "notify"])
    assert (request.query, request.at, format_weekdays(request.weekdays), request.zone,
            request.policy) == ("putin xi", time(7, 30), "sat,sun", "America/New_York",
                                EmptyPolicy.NOTIFY)


def test_a_subscribe_line_without_a_query_is_refused() -> None:
    with pytest.raises(ValueError) as refused:
        parse_subscribe(["08:00", "mon-fri"])
    assert str(refused.value) == "say which topic or query, e.g. /subscribe russia-china 08:00"


@pytest.mark.parametrize(("words", "query", "days"), [
    (["putin", "xi"], "putin xi", "daily"),  # a plain query is never read as days
    (["sunday"], "sunday", "daily"),  # a lone word is the query, even if it names a day
    (["ukraine", "weekends"], "ukraine", "sat,sun"),
    (["brexit", "mon"], "brexit", "mon"),
])
def test_days_after_a_query_without_a_time(words: list[str], query: str, days: str) -> None:
    request = parse_subscribe(words)
    assert (request.query, format_weekdays(request.weekdays)) == (query, days)


@pytest.mark.parametrize(("typed", "reason"), [
    ("0d", "a duration must be positive"),
    ("2y", "not a duration: '2y' (use e.g. 90m, 24h, 7d, 2w)"),
])
def test_a_bad_window_says_what_to_type(typed: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_duration(typed)
    assert str(refused.value) == reason


@pytest.mark.parametrize(("typed", "stored"), [
    ("utc", "UTC"), ("GMT", "UTC"), ("z", "UTC"), ("Z", "UTC"), ("UTC+14:00", "UTC+14:00"),
    ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
    ("new_york", "America/New_York"), ("New  York", "America/New_York"),
    ("america/new_york", "America/New_York"), ("Tokyo", "Asia/Tokyo"),
])
def test_zones_as_people_type_them(typed: str, stored: str) -> None:
    assert parse_timezone(typed) == stored


@pytest.mark.parametrize("words", [
    "russia-china 08:00 Berlni", "russia-china 08:00 Monrovai", "space 08:00 Port-au-Prnce",
])
def test_a_mistyped_zone_is_still_an_unknown_zone_not_a_weekday(words: str) -> None:
    with pytest.raises(UnknownTimeZone):
        parse_subscribe(words.split())


def test_an_unknown_zone_offers_up_to_three_close_names() -> None:
    with pytest.raises(UnknownTimeZone) as unknown:
        parse_timezone("Tokio")
    assert str(unknown.value) == "unknown time zone: 'Tokio'"
    assert unknown.value.text == "Tokio"
    assert unknown.value.suggestions == ["Asia/Tokyo", "Asia/Tomsk", "Europe/Kirov"]


@pytest.mark.parametrize(("stored", "offset_hours"), [
    ("UTC", 0), (None, 0), ("UTC+10:00", 10), ("UTC-09:30", -9.5), ("Asia/Baku", 4),
    ("Asia/Tokyo", 9), ("Mars/Olympus", 0),
])
def test_stored_zones_give_the_local_offset(stored: str | None, offset_hours: float) -> None:
    offset = zone_of(stored).utcoffset(THURSDAY_NOON)
    assert offset == timedelta(hours=offset_hours)


def test_an_unknown_stored_zone_falls_back_to_the_default() -> None:
    assert zone_of("Mars/Olympus", "Asia/Tokyo").utcoffset(THURSDAY_NOON) == timedelta(hours=9)
    assert zone_of("Mars/Olympus", "Mars/Olympus").utcoffset(THURSDAY_NOON) == timedelta(0)


def test_a_fixed_offset_is_named_in_local_times() -> None:
    local = THURSDAY_NOON.astimezone(zone_of("UTC-05:00"))
    assert f"{local:%H:%M %Z}" == "07:00 UTC-05:00"


def test_a_window_wider_than_the_calendar_starts_at_its_beginning() -> None:
    assert since(THURSDAY_NOON, parse_duration("2w")) == datetime(2026, 2, 19, 12, tzinfo=UTC)
    assert since(THURSDAY_NOON, parse_duration("9999999d")) == datetime.min.replace(tzinfo=UTC)
    assert utcnow().utcoffset() == timedelta(0)  # aware, in UTC
