"""A source's health in words, for `/sources` and `newsdigest sources list`.

Pure and clock-injected, so the bot and the CLI say the same thing and tests need no
waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from digests import reasons
from digests.i18n import ENGLISH, Translator
from digests.store.sources import Source


def ago(moment: datetime | None, now: datetime, *, t: Translator = ENGLISH) -> str:
    """"just now", "5 min ago", "3 h ago", "2 d ago", "never"."""
    if moment is None:
        return t.gettext("never")
    if (now - moment).total_seconds() < 60:
        return t.gettext("just now")
    return t.gettext("{span} ago", span=span(now - moment, t=t))


def span(delta: timedelta, *, t: Translator = ENGLISH) -> str:
    """A short duration rounded to its largest unit: "now", "40 s", "12 min", "3 h", "2 d".

    Rounded, not truncated: a check due in 14 min 59.9 s reads "15 min". The units are
    abbreviations, so one form serves every number in both languages.
    """
    seconds = delta.total_seconds()
    if seconds < 0.5:
        return t.gettext("now")
    for unit, size in ((t.gettext("d"), 86400), (t.gettext("h"), 3600),
                       (t.gettext("min"), 60)):
        if seconds >= size:
            return f"{round(seconds / size)} {unit}"
    seconds_unit = t.gettext("s")
    return f"{round(seconds)} {seconds_unit}"


def status(source: Source, *, t: Translator = ENGLISH) -> str:
    """One word: paused, failing or ok (or new when never polled)."""
    if source.paused:
        return t.gettext("paused")
    if source.failures:
        return t.gettext("failing")
    return t.gettext("ok") if source.last_success else t.pgettext("one source", "new")


def next_check(source: Source, now: datetime, *, t: Translator = ENGLISH) -> str:
    """When the source is polled next, in words."""
    if source.paused:
        return t.gettext("paused")
    if source.next_check is None or source.next_check <= now:
        return t.gettext("due now")
    return t.gettext("in {span}", span=span(source.next_check - now, t=t))


def health_lines(source: Source, now: datetime, *, t: Translator = ENGLISH) -> list[str]:
    """The source's health: last success, last error, entries seen, next check."""
    lines = [t.ngettext("{status} · last success {ago} · {count} entries · next check {next}",
                        "{status} · last success {ago} · {count} entries · next check {next}",
                        source.entries_seen, status=status(source, t=t),
                        ago=ago(source.last_success, now, t=t),
                        next=next_check(source, now, t=t))]
    if source.last_error and source.failures:
        lines.append(t.ngettext("last error {ago} ({count} in a row): {error}",
                                "last error {ago} ({count} in a row): {error}",
                                source.failures, ago=ago(source.last_error_at, now, t=t),
                                error=reasons.translate(source.last_error, t)))
    return lines
