"""Parse ``/alert <topic | query> [quiet HH:MM-HH:MM] [max N/day]``.

The query comes first and may be several words; ``quiet`` and ``max`` are recognised only
with a value of their shape after them, so a search for "max verstappen" stays a query.
Errors carry a `code` so the bot can say them in the chat's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digests.alerts.quiet import QuietHours
from digests.i18n import Explained

MAX_PER_DAY_LIMIT = 100
_MAX_RE = re.compile(r"([0-9]{1,4})(?:/(?:day|d|день|сутки))?", re.IGNORECASE)
_QUIET_RE = re.compile(r"[0-9]{1,2}:[0-9]{2}[-–—][0-9]{1,2}:[0-9]{2}")


class AlertArgsError(ValueError):
    """Unusable ``/alert`` arguments; ``code`` names which rule was broken.

    ``cause`` is the parser's own explanation when it has one (an impossible time of day
    in quiet hours), for the bot to say in the chat's language above the rule.
    """

    def __init__(self, code: str, message: str, cause: Explained | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.cause = cause


@dataclass(frozen=True, slots=True)
class AlertRequest:
    """What ``/alert`` asked for, validated."""

    query: str
    quiet: QuietHours | None = None
    max_per_day: int | None = None


def _quiet_value(word: str) -> bool:
    """Whether the word after ``quiet`` is meant as quiet hours and must parse as them.

    A span, or anything starting with a digit ("25:00", "22-07", "10pm"): no search word
    looks like that after "quiet", so a mistyped span is refused, never searched for.
    """
    return bool(_QUIET_RE.fullmatch(word)) or word[:1].isdigit()


def parse_alert(words: Sequence[str]) -> AlertRequest:
    """Split ``/alert`` arguments into the query, quiet hours and the daily cap.

    Raises:
        AlertArgsError: no query (``empty``), malformed quiet hours (``quiet``), a cap that
            is not a whole number from 1 to `MAX_PER_DAY_LIMIT` (``max``).
    """
    query: list[str] = []
    quiet: QuietHours | None = None
    cap: int | None = None
    items = list(words)
    i = 0
    while i < len(items):
        word, following = items[i].lower(), items[i + 1] if i + 1 < len(items) else None
        if word == "quiet" and following is not None and _quiet_value(following):
            try:
                quiet = QuietHours.parse(following)
            except ValueError as error:
                cause = error if isinstance(error, Explained) else None
                raise AlertArgsError("quiet", str(error), cause) from None
            i += 2
        elif word == "max" and following is not None and _MAX_RE.fullmatch(following):
            cap = int(_MAX_RE.fullmatch(following)[1])  # type: ignore[index]
            if not 1 <= cap <= MAX_PER_DAY_LIMIT:
                raise AlertArgsError("max", f"max N/day takes 1 to {MAX_PER_DAY_LIMIT}")
            i += 2
        elif word in ("quiet", "max") and following is None and query:
            raise AlertArgsError(word, f"{word} needs a value")
        else:
            query.append(items[i])
            i += 1
    if not query:
        raise AlertArgsError("empty", "name a topic or a query to be alerted about")
    return AlertRequest(" ".join(query), quiet, cap)
