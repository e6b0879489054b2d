"""`Metrics` over prometheus-client, on one registry made at start-up.

The registry is created by the entry point (`newsdigest run`, `poll --forever`) and passed
down; nothing here touches prometheus-client's import-time default registry, so two
processes in one test, or two bots in one process, never share or collide on series.
Process metrics (resident memory, CPU, open files) come from the library's own
`ProcessCollector`, registered on the same registry.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from prometheus_client.exposition import generate_latest

from digests.models import AddOutcome, AddResult
from digests.ops.health import Heartbeats
from digests.ops.metrics import Metrics, rejection_kind

PREFIX = "newsdigest"
LATENCY_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
DB_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0)


class PrometheusMetrics(Metrics):
    """Every newsdigest series, registered on `registry`; job runs also beat `heartbeats`."""

    def __init__(self, registry: CollectorRegistry, heartbeats: Heartbeats | None = None) -> None:
        self.registry = registry
        self.heartbeats = heartbeats or Heartbeats()
        r = registry
        self.updates = Counter(f"{PREFIX}_updates", "Updates handled, by command and outcome",
                               ["command", "outcome"], registry=r)
        self.reply_seconds = Histogram(f"{PREFIX}_reply_seconds",
                                       "Time to handle an update (reply latency)", ["command"],
                                       buckets=LATENCY_BUCKETS, registry=r)
        self.messages_sent = Counter(f"{PREFIX}_messages_sent",
                                     "Bot API send/edit requests that succeeded", ["method"],
                                     registry=r)
        self.messages_failed = Counter(f"{PREFIX}_messages_failed",
                                       "Bot API send/edit requests that failed", ["method"],
                                       registry=r)
        self.rate_limited = Counter(f"{PREFIX}_telegram_429",
                                    "Bot API answers 429 Too Many Requests", ["method"],
                                    registry=r)
        self.retry_after = Counter(f"{PREFIX}_telegram_retry_after_seconds",
                                   "Seconds Telegram asked us to wait (retry_after), summed",
                                   registry=r)
        self.delivery_count = Counter(f"{PREFIX}_deliveries",
                                      "Scheduled deliveries, by outcome", ["status"], registry=r)
        self.digests = Counter(f"{PREFIX}_digests_composed", "Digests composed", registry=r)
        self.compose_seconds = Histogram(f"{PREFIX}_digest_compose_seconds",
                                         "Time to compose one digest",
                                         buckets=LATENCY_BUCKETS, registry=r)
        self.polls = Counter(f"{PREFIX}_feed_polls", "Feed polls, by outcome", ["outcome"],
                             registry=r)
        self.poll_seconds = Histogram(f"{PREFIX}_feed_fetch_seconds",
                                      "Time to poll one feed (fetch, parse, store)",
                                      buckets=LATENCY_BUCKETS, registry=r)
        self.ingested = Counter(f"{PREFIX}_articles_ingested",
                                "Ingested items, by outcome (added, duplicate, ...)",
                                ["outcome"], registry=r)
        self.rejected = Counter(f"{PREFIX}_articles_rejected", "Rejected items, by reason",
                                ["reason"], registry=r)
        self.db_seconds = Histogram(f"{PREFIX}_db_query_seconds", "SQL statement latency",
                                    ["operation"], buckets=DB_BUCKETS, registry=r)
        self.ticks = Counter(f"{PREFIX}_scheduler_ticks", "Repeating job runs", ["job"],
                             registry=r)
        self.alerts_sent = Counter(f"{PREFIX}_alerts_sent", "Alert messages sent", registry=r)
        self.alerts_edited = Counter(f"{PREFIX}_alerts_edited", "Alert messages edited",
                                     registry=r)
        ProcessCollector(registry=r)  # process_resident_memory_bytes and friends

    def exposition(self) -> bytes:
        """The text format of every series (what GET /metrics answers)."""
        return generate_latest(self.registry)

    def article_ingested(self, result: AddResult) -> None:
        """Count the outcome; rejections by reason kind too."""
        self.ingested.labels(str(result.outcome)).inc()
        if result.outcome is AddOutcome.REJECTED:
            self.rejected.labels(rejection_kind(result.reason)).inc()

    def feed_polled(self, outcome: str, seconds: float) -> None:
        """Count the poll and time it."""
        self.polls.labels(outcome).inc()
        self.poll_seconds.observe(seconds)

    def digest_composed(self, seconds: float) -> None:
        """Count the digest and time it."""
        self.digests.inc()
        self.compose_seconds.observe(seconds)

    def db_query(self, operation: str, seconds: float) -> None:
        """Time the statement."""
        self.db_seconds.labels(operation).observe(seconds)

    def job_scheduled(self, job: str, interval: float, first: float) -> None:
        """Expect the job's runs (readiness)."""
        self.heartbeats.expect(job, interval, first)

    def scheduler_tick(self, job: str) -> None:
        """Count the run and note when it happened (readiness)."""
        self.ticks.labels(job).inc()
        self.heartbeats.beat(job)

    def update_handled(self, command: str, outcome: str, seconds: float) -> None:
        """Count the update and time the reply."""
        self.updates.labels(command, outcome).inc()
        self.reply_seconds.labels(command).observe(seconds)

    def telegram_request(self, method: str, outcome: str, retry_after: float | None) -> None:
        """Count sends and edits by outcome; every 429 with its retry_after."""
        if outcome == "rate-limited":
            self.rate_limited.labels(method).inc()
            self.retry_after.inc(retry_after or 0.0)
        if not is_message_method(method):
            return
        (self.messages_sent if outcome == "ok" else self.messages_failed).labels(method).inc()

    def deliveries(self, status: str, count: int) -> None:
        """Add one tick's deliveries with this status."""
        self.delivery_count.labels(status).inc(count)

    def alert_sent(self) -> None:
        """Count it."""
        self.alerts_sent.inc()

    def alert_edited(self) -> None:
        """Count it."""
        self.alerts_edited.inc()


def is_message_method(method: str) -> bool:
    """Bot API methods that put or change a message in a chat (send*, edit*, copy*, forward*)."""
    return method.startswith(("send", "edit", "copy", "forward")) and method != "sendChatAction"
