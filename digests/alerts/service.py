"""The alert tick: match what ingest handed over, open ledger rows, send, round up, edit.

Each tick of the fan-out leader (one sender per database, as for digests) runs in stages,
each in a module of its own:

1. **Match** the inbox (new public articles, in id order) into stories per alert query
   (`digests.alerts.matcher`).
2. **Open** one ledger row per (alert subscription, new story), or fold a later report into
   the row that exists; the quiet hours and the cap decide whether it is sent now, held or
   spilled (`digests.alerts.opening`, `digests.alerts.policy`).
3. **Resume** rows left ``sending`` (this worker's after a restart, anyone's after the
   lease) or ``retry`` whose time came (here).
4. **Send** claimed alerts, the rendered message stored first
   (`digests.alerts.sending`; what it shows: `digests.alerts.stories`).
5. **Round up** held stories whose quiet hours ended (and spilled ones of a thread with no
   digest; otherwise the digest carries them: `digests.alerts.addendum`).
6. **Edit** alerts whose story gained sources, within the budget (`digests.alerts.edits`).
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from digests.alerts.edits import AlertEdits
from digests.alerts.matcher import AlertMatcher
from digests.alerts.opening import Claimed, StoryOpener
from digests.alerts.outcomes import AlertRenderer, Editor
from digests.alerts.policy import AlertPolicy
from digests.alerts.sending import AlertSending
from digests.alerts.stories import StoryComposer
from digests.chatprefs import SummaryPrefs
from digests.models.subscriptions import Delivery, Subscription
from digests.ops.logformat import event_fields
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.service import NewsService
from digests.store.alerts import AlertLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.delivery import AlwaysLeader, Leader
from digests.subscriptions.lease import Sleep
from digests.subscriptions.outcomes import AmbiguousPolicy, Sender

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass
class AlertReport:
    """What one tick did, by outcome."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


class AlertService:
    """Push each new story matching an alert subscription once; fold later reports in."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 news: NewsService, sender: Sender, editor: Editor, render: AlertRenderer, *,
                 clock: Clock, worker: str, leader: Leader | None = None,
                 chat_prefs: Callable[[int], SummaryPrefs] | None = None,
                 sleep: Sleep = asyncio.sleep, concurrency: int = 64,
                 metrics: Metrics = NULL_METRICS) -> None:
        settings = news.settings
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.news = news
        self.clock = clock  # tests move it; the stages read it through `now`
        self.worker = worker
        self.leader: Leader = leader or AlwaysLeader()
        self.concurrency = concurrency
        self.lease = timedelta(seconds=settings.delivery_lease_seconds)
        composer = StoryComposer(news, render, chat_prefs or (lambda chat_id: SummaryPrefs()))
        policy = AlertPolicy(subscriptions, ledger, settings.default_timezone)
        self.opener = StoryOpener(subscriptions, ledger,
                                  AlertMatcher(news, settings.alert_min_relevance), policy,
                                  worker)
        self.edits = AlertEdits(subscriptions, ledger, editor, composer,
                                settings.alert_max_edits, metrics=metrics)
        self.sending = AlertSending(
            subscriptions, ledger, sender, composer, policy, self.edits.edit,
            clock=self.now, worker=worker, lease=self.lease,
            heartbeat=min(settings.delivery_heartbeat_seconds,
                          self.lease.total_seconds() / 3),
            retry_delay=timedelta(seconds=settings.delivery_retry_seconds),
            ambiguous=AmbiguousPolicy(settings.delivery_ambiguous), sleep=sleep,
            metrics=metrics)
        self._tick = asyncio.Lock()

    def now(self) -> datetime:
        """The service's clock, read at each use (so a test may replace ``clock``)."""
        return self.clock()

    async def run_once(self) -> AlertReport:
        """One tick: stages 1-6 of the module docstring (one at a time per process)."""
        async with self._tick:
            return await self._run_once()

    async def _run_once(self) -> AlertReport:
        report = AlertReport()
        if not await asyncio.to_thread(self.leader.acquire):
            report.counts["follower"] += 1
            return report
        now = self.clock()
        to_send, to_edit = await asyncio.to_thread(self._match_and_open, now, report)
        to_send.extend(await self._resume(now, {row.id for _, row in to_send}, report))
        gate = asyncio.Semaphore(self.concurrency)

        async def one(sub: Subscription, row: Delivery) -> None:
            async with gate:
                try:
                    outcome = await self.sending.deliver(sub, row)
                except Exception:
                    log.exception("alert %s of subscription %s failed", row.id, sub.id)
                    outcome = "error"
                report.counts[outcome] += 1
                log.info("alert %s", outcome, extra=event_fields(
                    chat=sub.chat_id, subscription=sub.id, story=row.period_key,
                    outcome=str(outcome)))

        await asyncio.gather(*(one(s, r) for s, r in to_send))
        await self.sending.round_up(now, report.counts)
        for row_id in sorted(to_edit):
            report.counts[await self.edits.edit(row_id)] += 1
        return report

    def _match_and_open(self, now: datetime, report: AlertReport) -> tuple[Claimed, set[int]]:
        """Stages 1-2 (`digests.alerts.opening`)."""
        return self.opener.match_and_open(now, report.counts)

    async def _resume(self, now: datetime, claimed: set[int], report: AlertReport) -> Claimed:
        """Stage 3: claim rows a restart or a lapsed lease left unfinished."""
        resumed = await asyncio.to_thread(self.ledger.unfinished, self.worker, now,
                                          self.lease)
        found: Claimed = []
        for row in resumed:
            if row.id in claimed or row.id in self.sending.active:
                continue
            sub = await asyncio.to_thread(self.subscriptions.get, row.subscription_id)
            if sub is None:
                continue
            claim = await asyncio.to_thread(
                self.ledger.claim, sub.id, row.period_key, worker=self.worker, now=now,
                window=(row.window_start or now, row.window_end or now), lease=self.lease)
            if claim.mine:
                found.append((sub, claim.delivery))
                report.counts["resumed"] += 1
        return found

    def mute(self, delivery_id: int, chat_id: int) -> bool:
        """No more edits for this alert, if it was sent to ``chat_id``."""
        return self.edits.mute(delivery_id, chat_id)
