"""Stages 1-2 of the alert tick: match the inbox, then open (or fold into) ledger rows.

For each (alert subscription, story) the matcher found: a row that exists already means a
later report of a story the chat heard of: its sources grow and the sent alert is to be
edited. Otherwise a new alert-worthy story opens its row (``story:<first id>``, inserted
with ``ON CONFLICT DO NOTHING``: exactly one, across workers and restarts) as ``sending``
and claimed by this worker; or ``held`` until its quiet hours end; or ``spilled`` over the
day's cap (`digests.alerts.policy`). Stories older than the alert subscription never alert.
The inbox is cleared only after this stage, so a crash repeats the stage, and it is
idempotent.
"""

from __future__ import annotations

import collections
from datetime import datetime

from digests.alerts.matcher import AlertMatcher, StoryMatch
from digests.alerts.policy import AlertPolicy
from digests.models.subscriptions import Delivery, Status, Subscription
from digests.store.alerts import AlertLedger, story_key
from digests.store.subscriptions import SubscriptionRepository

INBOX_BATCH = 500
Claimed = list[tuple[Subscription, Delivery]]


class StoryOpener:
    """Opens one ledger row per new story and alert subscription; folds later reports in."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 matcher: AlertMatcher, policy: AlertPolicy, worker: str) -> None:
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.matcher = matcher
        self.policy = policy
        self.worker = worker

    def match_and_open(self, now: datetime, counts: collections.Counter[str]
                       ) -> tuple[Claimed, set[int]]:
        """The rows this worker claimed to send now, and the sent alerts to edit."""
        ids = self.ledger.take_inbox(INBOX_BATCH)
        if not ids:
            return [], set()
        alerts = self.subscriptions.active_alerts()
        to_send: Claimed = []
        to_edit: set[int] = set()
        for match in self.matcher.match(ids, alerts) if alerts else []:
            self.open(match, now, counts, to_send, to_edit)
        self.ledger.clear_inbox(ids)
        counts["articles"] += len(ids)
        return to_send, to_edit

    def open(self, match: StoryMatch, now: datetime, counts: collections.Counter[str],
             to_send: Claimed, to_edit: set[int]) -> None:
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
                    counts["folded"] += 1
                continue
            if not match.worthy or (sub.created_at is not None and first_seen < sub.created_at):
                continue
            status, retry_at = self.policy.status_for(sub, now)
            claim = self.ledger.open(
                sub.id, story_key(match.root), status=status,
                worker=self.worker if status == Status.SENDING else None, now=now,
                sources=entries, since=min(a.published_at for a in match.articles),
                retry_at=retry_at)
            if not claim.mine:
                continue
            counts[f"opened-{status}"] += 1
            if status == Status.SENDING:
                to_send.append((sub, claim.delivery))
