"""Error reports to the bot's admins: one message per kind of error per interval, with a count.

Reporting every exception at once flooded admins: twenty bad links from one user sent twenty
identical tracebacks. Here an error is only recorded; a job (every `FLUSH_SECONDS`) sends each
kind that is due as one message: how many times it happened ("×20"), the first occurrence's last
frames and what the update was. A kind reported once waits `interval` seconds before the next
report of it, so a bug hit in a loop costs the admins one message per interval.

A kind is the exception's type and the line that raised it: two different bugs that both raise
`KeyError` are two kinds, the same bug hit from twenty updates is one.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

LAST_FRAMES = 6  # of the first occurrence's traceback; the rest is in the log
TRACE_CHARS = 3000  # visible characters; with the header and the update it stays under 4096
WHERE_CHARS = 400
FLUSH_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class ErrorReport:
    """What admins are told about one kind of error: the first occurrence and a count."""

    title: str
    trace: str
    where: str
    count: int


def error_kind(error: BaseException) -> str:
    """The exception's type and the place that raised it, e.g. `ValueError@bot/x.py:12`."""
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return kind if tb is None else f"{kind}@{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"


def last_frames(error: BaseException) -> str:
    """The error's traceback cut to its last `LAST_FRAMES` frames (per chained exception).

    A `RecursionError` traceback is thousands of identical frames (135 KB); the innermost
    ones say where it went wrong.
    """
    text = "".join(traceback.format_exception(error, limit=-LAST_FRAMES))
    return text if len(text) <= TRACE_CHARS else "…" + text[-(TRACE_CHARS - 1):]


class ErrorReports:
    """Pending reports by kind, released at most once per `interval` seconds per kind."""

    def __init__(self, interval: float, *, clock: Callable[[], float] = time.monotonic,
                 max_kinds: int = 100) -> None:
        self.interval = interval
        self.clock = clock
        self.max_kinds = max_kinds
        self._pending: dict[str, ErrorReport] = {}
        self._last_sent: dict[str, float] = {}

    def add(self, error: BaseException, where: str, redact: Callable[[str], str]) -> None:
        """Record one occurrence; the first of a kind keeps its (redacted) trace and update."""
        kind = error_kind(error)
        pending = self._pending.get(kind)
        if pending is not None:
            self._pending[kind] = ErrorReport(pending.title, pending.trace, pending.where,
                                              pending.count + 1)
            return
        if len(self._pending) >= self.max_kinds:
            return  # a storm of distinct errors: the log has them all
        self._pending[kind] = ErrorReport(type(error).__name__, redact(last_frames(error)),
                                          redact(where)[:WHERE_CHARS], 1)

    def due(self) -> list[ErrorReport]:
        """Take the reports whose kind was not reported within the last `interval` seconds."""
        now = self.clock()
        ready = [kind for kind in self._pending
                 if now - self._last_sent.get(kind, now - self.interval) >= self.interval]
        for kind in ready:
            self._last_sent[kind] = now
        self._last_sent = {k: t for k, t in self._last_sent.items() if now - t < self.interval}
        return [self._pending.pop(kind) for kind in ready]
