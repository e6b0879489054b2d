"""The alert tick: match what ingest handed over, open ledger rows, send, round up, edit.

Each tick of the fan-out leader (one sender per database, as for digests) runs in stages:

1. **Match.** Take the inbox (new public articles, in id order) and fold them into stories
   per alert query (`digests.alerts.matcher`).
2. **Open.** For each (alert subscription, story): a row that exists already means a later
   report of a story the chat heard of: its source is appended and the sent alert edited.
   Otherwise a new alert-worthy story opens its row (``story:<first id>``, inserted with
   ``ON CONFLICT DO NOTHING``: exactly one, across workers and restarts) as ``sending``
   and claimed by this worker; or ``held`` until its quiet hours end; or ``spilled`` when
   the day's cap is reached, due at the chat's next digest. Stories older than the alert
   subscription never alert. The inbox is cleared only after this stage, so a crash
   repeats the stage, and it is idempotent.
3. **Resume** rows left ``sending`` (this worker's after a restart, anyone's after the
   lease) or ``retry`` whose time came.
4. **Send** claimed alerts through `PartSender` (claim checked before the part, the part
   marked in flight, an ambiguous send never repeated blindly), storing the rendered alert
   first so a resumed one is the same message; then remember the message for edits.
5. **Round up** held stories whose quiet hours ended: one message per subscription, a
   ledger row of its own (``roundup:``). Spilled stories go into the chat's next digest in
   the alert's thread (`digests.alerts.addendum`); only a thread with no digest gets them
   as one round-up (``spill:``) at 08:00 local.
6. **Edit** alerts whose story gained sources: at most `Settings.alert_max_edits`, each
   taken by compare-and-set on the edit count; an edit never sends a new message.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from digests.alerts.matcher import AlertMatcher, StoryMatch
from digests.alerts.outcomes import AlertRenderer, CapturingSender, Editor, RoundupItem
from digests.alerts.quiet import parse_quiet
from digests.chatprefs import SummaryPrefs
from digests.language import choose_lead
from digests.models import Article
from digests.service import NewsService
from digests.store.alerts import AlertLedger, story_key
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.delivery import AlwaysLeader, Leader
from digests.subscriptions.lease import ClaimLostError, Lease, Sleep
from digests.subscriptions.models import Delivery, Status, Subscription
from digests.subscriptions.outcomes import (
    AmbiguousPolicy,
    Outcome,
    Rendered,
    Sender,
    SendResult,
)
from digests.subscriptions.schedule import Schedule, local_instant, next_run_at
from digests.subscriptions.sending import PartSender

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
INBOX_BATCH = 500
SPILL_TIME = time(8, 0)  # a chat with no digest gets its spilled stories at 08:00


@dataclass
class AlertReport:
    """What one tick did, by outcome."""

    counts: collections.Counter[str] = field(default_factory=collections.Counter)

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


def entry_id(entry: Mapping[str, object]) -> int:
    """The article id of one stored report."""
    value = entry["id"]
    return value if isinstance(value, int) else int(str(value))


class AlertService:
    """Push each new story matching an alert subscription once; fold later reports in."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 news: NewsService, sender: Sender, editor: Editor, render: AlertRenderer, *,
                 clock: Clock, worker: str, leader: Leader | None = None,
                 chat_prefs: Callable[[int], SummaryPrefs] | None = None,
                 sleep: Sleep = asyncio.sleep, concurrency: int = 64) -> None:
        settings = news.settings
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.news = news
        self.sender = sender
        self.editor = editor
        self.render = render
        self.clock = clock
        self.worker = worker
        self.leader: Leader = leader or AlwaysLeader()
        self.chat_prefs = chat_prefs or (lambda chat_id: SummaryPrefs())
        self.sleep = sleep
        self.concurrency = concurrency
        self.matcher = AlertMatcher(news, settings.alert_min_relevance)
        self.max_edits = settings.alert_max_edits
        self.lease = timedelta(seconds=settings.delivery_lease_seconds)
        self.heartbeat = min(settings.delivery_heartbeat_seconds,
                             self.lease.total_seconds() / 3)
        self.retry_delay = timedelta(seconds=settings.delivery_retry_seconds)
        self.ambiguous = AmbiguousPolicy(settings.delivery_ambiguous)
        self.default_zone = settings.default_timezone
        self._active: set[int] = set()
        self._tick = asyncio.Lock()

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
        resumed = await asyncio.to_thread(self.ledger.unfinished, self.worker, now,
                                          self.lease)
        claimed = {row.id for _, row in to_send}
        for row in resumed:
            if row.id in claimed or row.id in self._active:
                continue
            sub = await asyncio.to_thread(self.subscriptions.get, row.subscription_id)
            if sub is None:
                continue
            claim = await asyncio.to_thread(
                self.ledger.claim, sub.id, row.period_key, worker=self.worker, now=now,
                window=(row.window_start or now, row.window_end or now), lease=self.lease)
            if claim.mine:
                to_send.append((sub, claim.delivery))
                report.counts["resumed"] += 1
        gate = asyncio.Semaphore(self.concurrency)

        async def one(sub: Subscription, row: Delivery) -> None:
            async with gate:
                try:
                    outcome = await self._deliver(sub, row)
                except Exception:
                    log.exception("alert %s of subscription %s failed", row.id, sub.id)
                    outcome = "error"
                report.counts[outcome] += 1

        await asyncio.gather(*(one(s, r) for s, r in to_send))
        await self._round_up(now, report)
        for row_id in sorted(to_edit):
            report.counts[await self._edit(row_id)] += 1
        return report

    # Stages 1-2 -----------------------------------------------------------------------
    def _match_and_open(self, now: datetime, report: AlertReport
                        ) -> tuple[list[tuple[Subscription, Delivery]], set[int]]:
        ids = self.ledger.take_inbox(INBOX_BATCH)
        if not ids:
            return [], set()
        alerts = self.subscriptions.active_alerts()
        to_send: list[tuple[Subscription, Delivery]] = []
        to_edit: set[int] = set()
        for match in self.matcher.match(ids, alerts) if alerts else []:
            self._open(match, now, report, to_send, to_edit)
        self.ledger.clear_inbox(ids)
        report.counts["articles"] += len(ids)
        return to_send, to_edit

    def _open(self, match: StoryMatch, now: datetime, report: AlertReport,
              to_send: list[tuple[Subscription, Delivery]], to_edit: set[int]) -> None:
        """Stage 2 for one story: fold into the chat's alert of it, or open a new one.

        When a report bridges two stories that each alerted already, the fold holds both
        alert rows; the oldest (its first article's id lowest) carries the merged story from
        then on: the reports are added to it and its message is edited, within its budget
        and at most once per tick; the other alert stays as it was sent. A merge never
        sends a message and never edits both.
        """
        keys = [story_key(a.id) for a in match.articles]
        existing = self.ledger.rows_for([s.id for s in match.subscriptions], keys)
        entries = [{"id": a.id, "source": a.source} for a in match.articles]
        first_seen = min(a.ingested_at for a in match.articles)
        for sub in match.subscriptions:
            row = next((existing[(sub.id, k)] for k in keys if (sub.id, k) in existing), None)
            if row is not None:  # a later report of a story this chat heard of
                updated = self.ledger.add_sources(row.id, entries)
                if updated is not None and len(updated.sources) > updated.sources_shown:
                    to_edit.add(updated.id)
                    report.counts["folded"] += 1
                continue
            if not match.worthy or (sub.created_at is not None and first_seen < sub.created_at):
                continue
            status, retry_at = self._status_for(sub, now)
            claim = self.ledger.open(
                sub.id, story_key(match.root), status=status,
                worker=self.worker if status == Status.SENDING else None, now=now,
                sources=entries, since=min(a.published_at for a in match.articles),
                retry_at=retry_at)
            if not claim.mine:
                continue
            report.counts[f"opened-{status}"] += 1
            if status == Status.SENDING:
                to_send.append((sub, claim.delivery))

    def _status_for(self, sub: Subscription, now: datetime) -> tuple[Status, datetime | None]:
        """Send now, hold until the quiet hours end, or spill to the next digest."""
        zone = sub.zone(self.default_zone)
        if sub.max_per_day:
            midnight = local_instant(now.astimezone(zone).date(), time(0, 0), zone)
            if self.ledger.count_since(sub.id, midnight) >= sub.max_per_day:
                return Status.SPILLED, self._next_digest(sub, now)
        quiet = parse_quiet(sub.quiet_hours)
        end = quiet.ends_after(now, zone) if quiet else None
        if end is not None:
            return Status.HELD, end
        return Status.SENDING, None

    def _digests_in_thread(self, sub: Subscription) -> list[Subscription]:
        return [s for s in self.subscriptions.for_chat(sub.chat_id)
                if s.thread_id == sub.thread_id and not s.paused]

    def _has_digest(self, sub: Subscription) -> bool:
        """Whether a digest in the alert's thread will carry its spilled stories."""
        return bool(self._digests_in_thread(sub))

    def _next_digest(self, sub: Subscription, now: datetime) -> datetime:
        """The chat's next digest in the alert's thread; else 08:00 tomorrow-or-today."""
        digests = [s.next_run_at for s in self._digests_in_thread(sub) if s.next_run_at]
        if digests:
            return max(min(digests), now)
        return next_run_at(Schedule(SPILL_TIME, sub.zone(self.default_zone)), now)

    # Stages 4 -----------------------------------------------------------------------------
    async def _deliver(self, sub: Subscription, row: Delivery) -> str:
        """Send one claimed row: an alert, or a resumed round-up."""
        self._active.add(row.id)
        try:
            if row.period_key.startswith("story:"):
                return await self._send_alert(sub, row)
            return await self._send_roundup(sub, row, [])
        except ClaimLostError:
            log.warning("alert row %s was taken over by another worker; stopping", row.id)
            return "lost"
        finally:
            self._active.discard(row.id)

    def _story(self, row: Delivery) -> list[Article]:
        ids = [entry_id(e) for e in row.sources]
        found = {a.id: a for a in self.news.store.get_articles(ids)}
        return [found[i] for i in ids if i in found]

    def _compose(self, sub: Subscription, row: Delivery, lead_id: int | None = None
                 ) -> tuple[Rendered, int, int]:
        """The alert as rendered now: its parts, its lead's id and how many reports it shows."""
        articles = self._story(row)
        if not articles:
            raise LookupError(f"alert row {row.id}: the story's articles are gone")
        prefs = self.chat_prefs(sub.chat_id)
        lead = next((a for a in articles if a.id == lead_id), None) or choose_lead(
            articles, lambda a: -a.id, prefs.language)  # the first report in its language
        summary = self.news.summarize_article(lead, algorithm=prefs.algorithm,
                                              length=prefs.length)
        rendered = self.render.alert(sub, lead, summary, also_reported(articles, lead),
                                     row.id)
        return rendered, lead.id, len(articles)

    async def _send_alert(self, sub: Subscription, row: Delivery) -> str:
        lease = Lease(self.ledger, row.id, self.worker, clock=self.clock,
                      heartbeat=self.heartbeat, sleep=self.sleep)
        if row.rendered is not None:  # resuming: the alert as first rendered
            rendered = Rendered.from_json(row.rendered)
            shown = int(str(row.rendered.get("shown", len(row.sources))))
        else:
            rendered, lead_id, shown = await lease.during(
                asyncio.to_thread(self._compose, sub, row))
            stored = {**rendered.to_json(), "lead": lead_id, "shown": shown}
            if not await asyncio.to_thread(self.ledger.store_rendered, row.id, self.worker,
                                           stored, len(rendered.parts), self.clock()):
                raise ClaimLostError(row.id)
        capture = CapturingSender(self.sender)
        parts = PartSender(capture, self.ledger, self.subscriptions, lease,
                           ambiguous=self.ambiguous)
        result, chat_id = await parts.send(sub, row, rendered)
        if result.outcome != Outcome.SENT:
            return await self._failed(row, result, chat_id)
        if not await asyncio.to_thread(self.ledger.finish_alert, row.id, self.worker,
                                       self.clock(), chat_id=chat_id,
                                       message_id=capture.message_id, shown=shown):
            raise ClaimLostError(row.id)
        fresh = await asyncio.to_thread(self.ledger.get, row.id)
        if fresh is not None and len(fresh.sources) > fresh.sources_shown:
            await self._edit(row.id)  # reports that folded in while it was being sent
        return Outcome.SENT

    async def _failed(self, row: Delivery, result: SendResult, chat_id: int) -> str:
        """Apply a failed send's outcome, as digests do."""
        now = self.clock()
        if result.outcome in (Outcome.BLOCKED, Outcome.NOT_FOUND, Outcome.MIGRATED):
            reason = f"delivery: {result.detail or result.outcome}"
            await asyncio.to_thread(self.subscriptions.pause_chat, chat_id, reason)
            final, error = Status.UNDELIVERABLE, reason
        elif result.outcome == Outcome.FAILED:
            if not await asyncio.to_thread(self.ledger.release, row.id, self.worker, now,
                                           now + self.retry_delay, result.detail):
                raise ClaimLostError(row.id)
            return "retry"
        else:
            final, error = Status.FAILED, result.detail
        if not await asyncio.to_thread(self.ledger.finish, row.id, final, now, error,
                                       worker=self.worker):
            raise ClaimLostError(row.id)
        return result.outcome

    # Stage 5 -------------------------------------------------------------------------
    async def _round_up(self, now: datetime, report: AlertReport) -> None:
        for status in (Status.HELD, Status.SPILLED):
            waiting = await asyncio.to_thread(self.ledger.waiting, status, now)
            by_sub: dict[int, list[Delivery]] = {}
            for row in waiting:
                by_sub.setdefault(row.subscription_id, []).append(row)
            for sub_id, rows in by_sub.items():
                sub = await asyncio.to_thread(self.subscriptions.get, sub_id)
                if sub is None or sub.paused:
                    continue
                if status == Status.SPILLED and await asyncio.to_thread(self._has_digest, sub):
                    continue  # its thread's next digest carries them
                prefix = "roundup" if status == Status.HELD else "spill"
                claim = await asyncio.to_thread(
                    self.ledger.claim, sub.id, f"{prefix}:{rows[0].id}", worker=self.worker,
                    now=now, window=(rows[0].window_start or now, now), lease=self.lease)
                if claim.mine and claim.delivery.id not in self._active:
                    self._active.add(claim.delivery.id)
                    try:
                        report.counts[f"{prefix}-" + await self._send_roundup(
                            sub, claim.delivery, rows)] += 1
                    except ClaimLostError:
                        report.counts["lost"] += 1
                    finally:
                        self._active.discard(claim.delivery.id)

    async def _send_roundup(self, sub: Subscription, row: Delivery,
                            rows: Sequence[Delivery]) -> str:
        spilled = row.period_key.startswith("spill:")
        lease = Lease(self.ledger, row.id, self.worker, clock=self.clock,
                      heartbeat=self.heartbeat, sleep=self.sleep)
        if row.rendered is not None:
            rendered = Rendered.from_json(row.rendered)
            stored_rows = row.rendered.get("rows")
            listed = [int(str(i)) for i in stored_rows] if isinstance(stored_rows, list) else []
        else:
            if not rows:
                rows = await asyncio.to_thread(
                    self.ledger.of_subscription, sub.id,
                    Status.SPILLED if spilled else Status.HELD, self.clock())
            rendered = await asyncio.to_thread(self._compose_roundup, sub, rows, spilled)
            listed = [r.id for r in rows]
            stored: dict[str, Any] = {**rendered.to_json(), "rows": listed}
            if not await asyncio.to_thread(self.ledger.store_rendered, row.id, self.worker,
                                           stored, len(rendered.parts), self.clock()):
                raise ClaimLostError(row.id)
        before = Status.SPILLED if spilled else Status.HELD
        await asyncio.to_thread(self.ledger.mark, listed, before,
                                Status.DIGESTED if spilled else Status.ROUNDED)
        parts = PartSender(self.sender, self.ledger, self.subscriptions, lease,
                           ambiguous=self.ambiguous)
        result, chat_id = await parts.send(sub, row, rendered)
        if result.outcome != Outcome.SENT:
            return await self._failed(row, result, chat_id)
        if not await asyncio.to_thread(self.ledger.finish, row.id, Status.SENT, self.clock(),
                                       worker=self.worker):
            raise ClaimLostError(row.id)
        return Outcome.SENT

    def _compose_roundup(self, sub: Subscription, rows: Sequence[Delivery],
                         spilled: bool) -> Rendered:
        prefs = self.chat_prefs(sub.chat_id)
        items = []
        for row in rows:
            articles = self._story(row)
            if articles:
                lead = choose_lead(articles, lambda a: -a.id, prefs.language)
                items.append(RoundupItem(lead, tuple(also_reported(articles, lead))))
        return self.render.roundup(sub, items, spilled=spilled)

    # Stage 6 ---------------------------------------------------------------------------
    async def _edit(self, row_id: int) -> str:
        """Edit a sent alert to show the story's new sources, within the edit budget."""
        row = await asyncio.to_thread(self.ledger.get, row_id)
        if (row is None or row.status != Status.SENT or row.message_id is None
                or row.message_chat_id is None or row.rendered is None):
            return "edit-not-sent"
        if row.edits >= self.max_edits or len(row.sources) <= row.sources_shown:
            return "edit-silent"
        sub = await asyncio.to_thread(self.subscriptions.get, row.subscription_id)
        if sub is None:
            return "edit-gone"
        lead = row.rendered.get("lead")
        rendered, _, shown = await asyncio.to_thread(
            self._compose, sub, row, int(str(lead)) if lead is not None else None)
        if not await asyncio.to_thread(self.ledger.begin_edit, row, shown):
            return "edit-taken"
        outcome = await self.editor.edit_part(row.message_chat_id, row.message_id,
                                              rendered.parts[0], markup=rendered.markup)
        return "edited" if outcome == Outcome.SENT else f"edit-{outcome}"

    # For the bot -------------------------------------------------------------------------
    def mute(self, delivery_id: int, chat_id: int) -> bool:
        """No more edits for this alert, if it was sent to ``chat_id``."""
        row = self.ledger.get(delivery_id)
        if row is None or row.message_chat_id != chat_id:
            return False
        self.ledger.silence(row.id, max(self.max_edits, row.edits))
        return True


def also_reported(articles: Sequence[Article], lead: Article) -> list[str]:
    """The other sources of a story, each once, in the order they reported it."""
    seen = {lead.source}
    names = []
    for article in articles:
        if article.source not in seen:
            seen.add(article.source)
            names.append(article.source)
    return names
