"""``/alert`` arguments and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from digests.alerts.args import AlertArgsError, parse_alert
from digests.alerts.quiet import QuietHours


def test_query_quiet_hours_and_cap() -> None:
    request = parse_alert(["russia", "china", "quiet", "22:00-07:30", "max", "5/day"])
    assert request.query == "russia china"
    assert request.quiet == QuietHours(time(22, 0), time(7, 30))
    assert request.max_per_day == 5


def test_words_shaped_like_options_stay_in_the_query() -> None:
    assert parse_alert(["max", "verstappen"]).query == "max verstappen"
    assert parse_alert(["quiet", "diplomacy"]).query == "quiet diplomacy"


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty"), ("quiet 22:00-07:00", "empty"), ("space quiet 25:00-07:00", "quiet"),
    ("space quiet 07:00-07:00", "quiet"), ("space max 0", "max"), ("space max 101/day", "max"),
    ("space max", "max"), ("space quiet 25:00", "quiet"), ("space quiet 22-07", "quiet"),
    ("space quiet 10pm-6am", "quiet"), ("quiet 25:00", "quiet"),
])
def test_bad_arguments_say_which_rule(text: str, code: str) -> None:
    with pytest.raises(AlertArgsError) as caught:
        parse_alert(text.split())
    assert caught.value.code == code


def test_an_impossible_time_in_quiet_hours_is_explained() -> None:
    with pytest.raises(AlertArgsError) as caught:
        parse_alert(["space", "quiet", "25:00-07:00"])
    assert caught.value.cause is not None
    assert "not a time of day: '25:00'" in str(caught.value.cause)
    with pytest.raises(AlertArgsError) as caught:
        parse_alert(["space", "quiet", "25:00"])  # once part of the query "space quiet 25:00"
    assert caught.value.code == "quiet"


def test_quiet_hours_across_midnight_end_the_next_morning() -> None:
    quiet = QuietHours.parse("22:00-07:00")
    berlin = ZoneInfo("Europe/Berlin")
    late = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert quiet.ends_after(late, berlin) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    early = datetime(2026, 3, 3, 5, 0, tzinfo=UTC)  # 06:00 in Berlin
    assert quiet.ends_after(early, berlin) == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    assert quiet.ends_after(datetime(2026, 3, 3, 12, 0, tzinfo=UTC), berlin) is None
    assert str(quiet) == "22:00-07:00"


def test_quiet_hours_within_a_day() -> None:
    quiet = QuietHours.parse("11:00-13:00")
    assert quiet.ends_after(datetime(2026, 3, 2, 12, 0, tzinfo=UTC), UTC) == datetime(
        2026, 3, 2, 13, 0, tzinfo=UTC)
    assert quiet.ends_after(datetime(2026, 3, 2, 13, 0, tzinfo=UTC), UTC) is None
