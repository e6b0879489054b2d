from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from digests.store.sources import Source
from digests.web.health import ago, health_lines, span

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SOURCE = Source(id=1, url="https://x/feed", kind="feed", title="X", etag=None,
                last_modified=None, last_success=None, last_error=None, last_error_at=None,
                failures=0, entries_seen=0, interval_minutes=None, next_check=None,
                paused=False, added_by=None, created_at=NOW)


def test_span_rounds_instead_of_truncating() -> None:
    """Regression: a check due in 14:59.9 read "in 14 min" right after a poll."""
    assert span(timedelta(minutes=14, seconds=59.9)) == "15 min"
    assert span(timedelta(seconds=40)) == "40 s"
    assert span(timedelta(hours=2, minutes=10)) == "2 h"
    assert span(timedelta(0)) == "now"


def test_ago_just_now() -> None:
    """Regression: a success a moment ago read "now ago"."""
    assert ago(NOW - timedelta(seconds=0.2), NOW) == "just now"
    assert ago(NOW - timedelta(days=3), NOW) == "3 d ago"
    assert ago(None, NOW) == "never"


def test_health_lines() -> None:
    assert health_lines(SOURCE, NOW) == [
        "new · last success never · 0 entries · next check due now"]
    failing = dataclasses.replace(SOURCE, failures=2, last_error="HTTP 503",
                                  last_error_at=NOW - timedelta(minutes=5),
                                  next_check=NOW + timedelta(hours=1), entries_seen=7)
    assert health_lines(failing, NOW) == [
        "failing · last success never · 7 entries · next check in 1 h",
        "last error 5 min ago (2 in a row): HTTP 503"]
    paused = dataclasses.replace(failing, paused=True)
    assert health_lines(paused, NOW)[0].startswith("paused")
    assert "next check paused" in health_lines(paused, NOW)[0]
