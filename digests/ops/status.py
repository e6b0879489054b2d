"""What an operator asks first: is it ingesting, are the feeds healthy, is it delivering?

One function, `read_status`, answers from the database alone, so `newsdigest status`
(on any host that reaches the database) and the bot's `/status` (for its admins) say the
same thing, and a second worker or a stopped bot can still be inspected. Every query is
an aggregate or a short `LIMIT`, in portable SQL (SQLite and PostgreSQL alike), so the
report stays cheap on a large database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from digests.models.subscriptions import Kind, Status
from digests.store.base import Store
from digests.store.schema import articles, deliveries, sources, subscriptions
from digests.store.sql import SqlStore

WINDOW = timedelta(hours=24)
LAST_ERRORS = 5
ERROR_CHARS = 300  # a driver's or Telegram's error can be long; the log has all of it
SOURCE_HEALTH = ("ok", "failing", "paused", "new")
FAILED_DELIVERY = (Status.FAILED, Status.UNDELIVERABLE, Status.RETRY)


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    """Stored articles: all, those ingested in the window, and per detected language."""

    total: int
    recent: int
    by_language: dict[str, int]


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A feed (or channel) source whose last poll failed: what it said and when."""

    url: str
    kind: str
    health: str
    failures: int
    error: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class DeliveryProblem:
    """A delivery that failed, gave up, or waits for a retry, with its last error."""

    delivery: int
    subscription: int
    kind: str
    chat: int
    topic: str
    period: str
    status: str
    attempts: int
    error: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SubscriptionCounts:
    """Digest subscriptions and alerts, active and paused."""

    digests_active: int
    digests_paused: int
    alerts_active: int
    alerts_paused: int


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The whole answer, as of `now`; counts "in the window" cover `window_hours`."""

    now: datetime
    window_hours: int
    articles: ArticleCounts
    sources: dict[str, int]  # health (ok, failing, paused, new) -> sources
    subscriptions: SubscriptionCounts
    deliveries: dict[str, int]  # digest deliveries created in the window, by status
    alerts: dict[str, int]  # alert deliveries (one per story) in the window, by status
    source_errors: tuple[SourceProblem, ...]
    delivery_errors: tuple[DeliveryProblem, ...]


def read_status(store: Store, *, now: datetime | None = None,
                limit: int = LAST_ERRORS) -> StatusReport:
    """The status report from `store`'s database, as of `now` (default: the store's clock).

    Raises:
        TypeError: the store is not the SQL store (the report reads its tables).
    """
    if not isinstance(store, SqlStore):
        raise TypeError("the status report needs the SQL store")
    now = now or store.clock()
    since = now - WINDOW
    with store.engine.connect() as conn:
        digests, alerts = _deliveries(conn, since)
        return StatusReport(
            now=now, window_hours=int(WINDOW.total_seconds() // 3600),
            articles=_articles(conn, since), sources=_sources(conn),
            subscriptions=_subscriptions(conn), deliveries=digests, alerts=alerts,
            source_errors=_source_errors(conn, limit),
            delivery_errors=_delivery_errors(conn, limit),
        )


def _articles(conn: Connection, since: datetime) -> ArticleCounts:
    recent = func.sum(case((articles.c.ingested_at >= since, 1), else_=0))
    total, in_window = conn.execute(select(func.count(), recent)).one()
    language = func.coalesce(articles.c.language, "")
    rows = conn.execute(select(language, func.count()).group_by(language)
                        .order_by(func.count().desc(), language)).all()
    return ArticleCounts(int(total), int(in_window or 0),
                         {str(lang) or "unknown": int(count) for lang, count in rows})


def _health() -> ColumnElement[str]:
    return case((sources.c.paused.is_(True), "paused"), (sources.c.failures > 0, "failing"),
                (sources.c.last_success.is_(None), "new"), else_="ok")


def _sources(conn: Connection) -> dict[str, int]:
    health = _health()
    rows = conn.execute(select(health, func.count()).group_by(health)).all()
    found = {str(name): int(count) for name, count in rows}
    return {name: found.get(name, 0) for name in SOURCE_HEALTH}


def _source_errors(conn: Connection, limit: int) -> tuple[SourceProblem, ...]:
    health = _health()
    rows = conn.execute(
        select(sources.c.url, sources.c.kind, health.label("health"),
               sources.c.failures, sources.c.last_error, sources.c.last_error_at)
        .where(sources.c.last_error.is_not(None),
               or_(sources.c.failures > 0, sources.c.paused.is_(True)))
        .order_by(sources.c.last_error_at.desc(), sources.c.id.desc()).limit(limit)).all()
    return tuple(SourceProblem(r.url, r.kind, str(r.health), int(r.failures),
                               _short(r.last_error), r.last_error_at) for r in rows)


def _subscriptions(conn: Connection) -> SubscriptionCounts:
    rows = conn.execute(select(subscriptions.c.kind, subscriptions.c.paused, func.count())
                        .group_by(subscriptions.c.kind, subscriptions.c.paused)).all()
    found = {(str(kind), bool(paused)): int(count) for kind, paused, count in rows}
    return SubscriptionCounts(found.get((Kind.DIGEST, False), 0), found.get((Kind.DIGEST, True), 0),
                              found.get((Kind.ALERT, False), 0), found.get((Kind.ALERT, True), 0))


def _deliveries(conn: Connection, since: datetime) -> tuple[dict[str, int], dict[str, int]]:
    rows = conn.execute(
        select(subscriptions.c.kind, deliveries.c.status, func.count())
        .select_from(deliveries.join(subscriptions))
        .where(deliveries.c.created_at >= since)
        .group_by(subscriptions.c.kind, deliveries.c.status)
        .order_by(subscriptions.c.kind, func.count().desc(), deliveries.c.status)).all()
    digests: dict[str, int] = {}
    alerts: dict[str, int] = {}
    for kind, status, count in rows:
        (alerts if kind == Kind.ALERT else digests)[str(status)] = int(count)
    return digests, alerts


def _delivery_errors(conn: Connection, limit: int) -> tuple[DeliveryProblem, ...]:
    at = func.coalesce(deliveries.c.claimed_at, deliveries.c.created_at)
    rows = conn.execute(
        select(deliveries.c.id, deliveries.c.subscription_id, subscriptions.c.kind,
               subscriptions.c.chat_id, subscriptions.c.topic, subscriptions.c.query,
               deliveries.c.period_key, deliveries.c.status, deliveries.c.attempts,
               deliveries.c.last_error, deliveries.c.claimed_at, deliveries.c.created_at)
        .select_from(deliveries.join(subscriptions))
        .where(or_(deliveries.c.status.in_([Status.FAILED, Status.UNDELIVERABLE]),
                   and_(deliveries.c.status == Status.RETRY,
                        deliveries.c.last_error.is_not(None))))
        .order_by(at.desc(), deliveries.c.id.desc()).limit(limit)).all()
    return tuple(DeliveryProblem(
        r.id, r.subscription_id, str(r.kind), int(r.chat_id), r.topic or r.query,
        r.period_key, str(r.status), int(r.attempts), _short(r.last_error or ""),
        r.claimed_at or r.created_at) for r in rows)


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= ERROR_CHARS else one_line[:ERROR_CHARS - 1] + "…"
