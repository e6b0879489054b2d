"""Periods typed after a topic, read in the chat's zone (issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from digests.periods import Period, PeriodError, split_period

NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # a Saturday
BERLIN = ZoneInfo("Europe/Berlin")


def split(text: str) -> tuple[list[str], Period | None]:
    return split_period(text.split(), NOW, BERLIN)


def test_days_start_at_local_midnight() -> None:
    midnight = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)  # 00:00 in Berlin
    assert split("covid-19 today") == (["covid-19"], Period(midnight))
    assert split("covid-19 yesterday") == (
        ["covid-19"], Period(midnight - timedelta(days=1), midnight))
    assert split("x since Monday") == (["x"], Period(datetime(2026, 11, 29, 23, 0, tzinfo=UTC)))
    assert split("x since sat")[1] == Period(midnight)
    assert split("x since 2026-12-01")[1] == Period(datetime(2026, 11, 30, 23, 0, tzinfo=UTC))


@pytest.mark.parametrize(("text", "days"), [
    ("putin week", 7), ("putin 7d", 7), ("putin 3 days", 3), ("putin 48hours", 2),
    ("putin 2w", 14), ("putin month", 30), ("covid вчера", None)])
def test_lengths(text: str, days: int | None) -> None:
    words, period = split(text)
    assert len(words) == 1
    assert period is not None
    if days is not None:
        assert period == Period(NOW - timedelta(days=days))


@pytest.mark.parametrize("text", ["election 2020 results", "x 5g", "week", "7d",
                                  "putin xi", "us-election-2020"])
def test_topic_words_stay_words(text: str) -> None:
    assert split(text) == (text.split(), None)


@pytest.mark.parametrize("text", ["x since Mondy", "x 3 months", "x 7sec", "x since 2027-01-01",
                                  "x since 2026-13-01"])
def test_period_shaped_endings_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError, match="Use one of: today, yesterday, week"):
        split(text)


@pytest.mark.parametrize(("text", "typed"), [
    ("x 0d", "0d"), ("x 3 months", "3 months"), ("x 7sec", "7sec"), ("x 0 days", "0 days"),
])
def test_a_refused_period_is_quoted_as_typed(text: str, typed: str) -> None:
    # "/digest space 0d" answered "I can't read “0 d”", a spelling nobody typed.
    with pytest.raises(PeriodError) as refused:
        split(text)
    assert refused.value.text == typed
