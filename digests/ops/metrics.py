"""The metrics seam: what the core reports, with no opinion on where it goes.

The core (ingest, polling, digests, the store) calls these methods on whatever `Metrics`
it was given; the default does nothing, so tests, the CLI's one-shot commands and the
evaluation scripts pay nothing and need no registry. `digests.ops.prometheus` implements
it for `newsdigest run` and `poll --forever`; the bot's Telegram-side events (updates,
messages, 429s, deliveries, alerts) are methods here too, so there is one object to pass.

Label values are kept to small fixed sets (outcomes, reason kinds, method names): a label
per chat or per URL would grow a time series per user.
"""

from __future__ import annotations

from digests.models import AddOutcome, AddResult

REJECTION_KINDS = ("too large", "empty", "unreadable", "undecodable", "binary", "unparseable",
                   "unsupported file type", "not a JSON object", "no text field",
                   "could not be prepared", "could not be saved")
"""The leading words of the ingest pipeline's rejection reasons; anything else is "other"."""


def rejection_kind(reason: str | None) -> str:
    """A bounded label for a rejection reason: "too large: 5 MB (limit 1 MB)" -> "too large"."""
    text = (reason or "").strip()
    for kind in REJECTION_KINDS:
        if text.startswith(kind):
            return kind
    return "other"


class Metrics:
    """Events worth counting; every method is a no-op here (the null implementation).

    Subclasses override what they record. Methods take plain values so callers never
    import a metrics library.
    """

    # Core ---------------------------------------------------------------------------
    def article_ingested(self, result: AddResult) -> None:
        """One ingested item's outcome (added, duplicate, ..., rejected with its reason)."""

    def feed_polled(self, outcome: str, seconds: float) -> None:
        """One source polled: "updated", "not-modified" or "failed", and how long it took."""

    def digest_composed(self, seconds: float) -> None:
        """One digest built (topic query, ranking, stories, summaries)."""

    def db_query(self, operation: str, seconds: float) -> None:
        """One SQL statement: its verb (select, insert, ...) and its duration."""

    def job_scheduled(self, job: str, interval: float, first: float) -> None:
        """A repeating job was scheduled: every `interval` s, the first run after `first` s."""

    def scheduler_tick(self, job: str) -> None:
        """A repeating job ran (readiness checks that the scheduler is alive)."""

    # Telegram side (called by bot/) -----------------------------------------------------
    def update_handled(self, command: str, outcome: str, seconds: float) -> None:
        """One update handled: the command (or kind), "ok" or "error", and the reply time."""

    def telegram_request(self, method: str, outcome: str, retry_after: float | None) -> None:
        """One Bot API request: the method, "ok" / "failed" / "rate-limited", the wait asked."""

    def deliveries(self, status: str, count: int) -> None:
        """Scheduled deliveries that ended with `status` in one tick."""

    # Alerts (the `alerts` work adds its calls here) ----------------------------------------
    def alert_sent(self) -> None:
        """An alert message was sent."""

    def alert_edited(self) -> None:
        """An alert message was edited in place."""


NULL_METRICS = Metrics()
"""The shared do-nothing instance (it holds no state)."""

STORED_OUTCOMES = frozenset({AddOutcome.ADDED, AddOutcome.NEAR_DUPLICATE, AddOutcome.UPDATED})
