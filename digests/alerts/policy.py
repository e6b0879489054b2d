"""When a new story's alert goes out: now, after the quiet hours, or over the cap.

The daily cap counts the alerts opened since the chat's local midnight; a story over it is
``spilled`` to the next digest in the alert's thread (`digests.alerts.addendum`), or to a
round-up at 08:00 local when the thread has no digest. Otherwise a story inside the quiet
hours is ``held`` until they end. Quiet hours themselves are parsed in `digests.alerts.quiet`.
"""

from __future__ import annotations

from datetime import datetime, time

from digests.alerts.quiet import parse_quiet
from digests.models.subscriptions import Status, Subscription
from digests.store.alerts import AlertLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.schedule import Schedule, local_instant, next_run_at

SPILL_TIME = time(8, 0)  # a thread with no digest gets its spilled stories at 08:00


class AlertPolicy:
    """Quiet hours and the daily cap of alert subscriptions."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 default_zone: str) -> None:
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.default_zone = default_zone

    def status_for(self, sub: Subscription, now: datetime) -> tuple[Status, datetime | None]:
        """Send now, hold until the quiet hours end, or spill to the next digest."""
        zone = sub.zone(self.default_zone)
        if sub.max_per_day:
            midnight = local_instant(now.astimezone(zone).date(), time(0, 0), zone)
            if self.ledger.count_since(sub.id, midnight) >= sub.max_per_day:
                return Status.SPILLED, self.next_digest(sub, now)
        quiet = parse_quiet(sub.quiet_hours)
        end = quiet.ends_after(now, zone) if quiet else None
        if end is not None:
            return Status.HELD, end
        return Status.SENDING, None

    def digests_in_thread(self, sub: Subscription) -> list[Subscription]:
        """The chat's active digests in the alert's thread."""
        return [s for s in self.subscriptions.for_chat(sub.chat_id)
                if s.thread_id == sub.thread_id and not s.paused]

    def has_digest(self, sub: Subscription) -> bool:
        """Whether a digest in the alert's thread will carry its spilled stories."""
        return bool(self.digests_in_thread(sub))

    def next_digest(self, sub: Subscription, now: datetime) -> datetime:
        """The chat's next digest in the alert's thread; else 08:00 tomorrow-or-today."""
        digests = [s.next_run_at for s in self.digests_in_thread(sub) if s.next_run_at]
        if digests:
            return max(min(digests), now)
        return next_run_at(Schedule(SPILL_TIME, sub.zone(self.default_zone)), now)
