"""A source's health in words, for `/sources` and `newsdigest sources list`.

Pure and clock-injected, so the bot and the CLI say the same thing and tests need no
waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from digests.store.sources import Source


def ago(moment: datetime | None, now: datetime) -> str:
    """"just now", "5 min ago", "3 h ago", "2 d ago", "never"."""
    if moment is None:
        return "never"
    if (now - moment).total_seconds() < 60:
        return "just now"
    return f"{span(now - moment)} ago"


def span(delta: timedelta) -> str:
    """A short duration rounded to its largest unit: "now", "40 s", "12 min", "3 h", "2 d".

    Rounded, not truncated: a check due in 14 min 59.9 s reads "15 min".
    """
    seconds = delta.total_seconds()
    if seconds < 0.5:
        return "now"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{round(seconds / size)} {unit}"
    return f"{round(seconds)} s"


def status(source: Source) -> str:
    """One word: paused, failing or ok (or new when never polled)."""
    if source.paused:
        return "paused"
    if source.failures:
        return "failing"
    return "ok" if source.last_success else "new"


def next_check(source: Source, now: datetime) -> str:
    """When the source is polled next, in words."""
    if source.paused:
        return "paused"
    if source.next_check is None or source.next_check <= now:
        return "due now"
    return f"in {span(source.next_check - now)}"


def health_lines(source: Source, now: datetime) -> list[str]:
    """The source's health: last success, last error, entries seen, next check."""
    lines = [f"{status(source)} · last success {ago(source.last_success, now)} · "
             f"{source.entries_seen} entries · next check {next_check(source, now)}"]
    if source.last_error and source.failures:
        lines.append(f"last error {ago(source.last_error_at, now)} "
                     f"({source.failures} in a row): {source.last_error}")
    return lines
