"""What a chat's digest carries from its alerts: stories over the cap, stories that grew.

An alert's daily cap does not drop stories: those over it (``spilled`` rows) go into the
chat's next digest in the alert's thread, as a section of that digest rather than a message
of their own. A story already alerted that later grew to `DEVELOPING_SOURCES` sources or more
is re-surfaced once in the next digest, marked with its count; it never alerts again.

Which digest takes an alert's stories: a digest of the same chat and thread on the alert's
own topic; when the thread has none, any digest of that thread (the first to run). A thread
with no digest at all gets the spilled stories as one round-up at 08:00 local (the alert
tick's stage 5; see `digests.alerts.service`) and no re-surfacing: a chat that asked for no
digest gets no digest.

Exactly once: the digest stores the ids it listed with its rendered parts, and `settle` marks
them (``spilled`` → ``digested``; ``resurfaced`` in the alert's stored rendering) after that
store and again when a resumed digest is sent, so a crash neither loses nor repeats them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from digests.alerts.outcomes import RoundupItem
from digests.alerts.stories import also_reported, first_in_language, story_articles
from digests.chatprefs import SummaryPrefs
from digests.models import Article
from digests.models.subscriptions import Delivery, Kind, Status, Subscription
from digests.service import NewsService
from digests.store.alerts import AlertLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.outcomes import Rendered

DEVELOPING_SOURCES = 5  # distinct sources that make a sent alert's story "developing"
DEVELOPING_WINDOW = timedelta(days=3)  # alerts older than this are not re-surfaced


@dataclass(frozen=True, slots=True)
class DevelopingItem:
    """A sent alert's story that grew: its lead and how many sources report it now."""

    lead: Article
    sources: int


@dataclass(frozen=True, slots=True)
class Addendum:
    """The alert section of one digest, and the ledger rows it settles."""

    subscription: Subscription  # the digest's
    over_cap: tuple[tuple[str, RoundupItem], ...]  # (alert label, story)
    developing: tuple[tuple[str, DevelopingItem], ...]
    spilled_rows: tuple[int, ...]
    developing_rows: tuple[int, ...]
    render: Callable[[Addendum, Rendered], Rendered]

    def attach(self, rendered: Rendered) -> Rendered:
        """The digest's messages with the alert section in them (the bot's renderer)."""
        return self.render(self, rendered)

    def record(self) -> dict[str, Any]:
        """The rows `AlertAddenda.settle` marks."""
        return {"spilled": list(self.spilled_rows), "developing": list(self.developing_rows)}


def distinct_sources(entries: Sequence[Mapping[str, object]]) -> int:
    """How many different sources a story's reports come from."""
    return len({str(e.get("source", "")).casefold() for e in entries})


AttachAddendum = Callable[[Addendum, Rendered], Rendered]


class AlertAddenda:
    """The `digests.subscriptions.outcomes.Additions` of alerts (module docstring)."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 news: NewsService, render: AttachAddendum, *,
                 chat_prefs: Callable[[int], SummaryPrefs] | None = None) -> None:
        self.subscriptions = subscriptions
        self.ledger = ledger
        self.news = news
        self.render = render
        self.chat_prefs = chat_prefs or (lambda chat_id: SummaryPrefs())

    def alerts_for(self, digest: Subscription) -> list[Subscription]:
        """The chat's alerts whose stories this digest takes (module docstring)."""
        if digest.kind != Kind.DIGEST:
            return []
        alerts = [a for a in self.subscriptions.for_chat(digest.chat_id, Kind.ALERT)
                  if a.thread_id == digest.thread_id]
        if not alerts:  # most chats: one query per digest, nothing more
            return []
        thread = [s for s in self.subscriptions.for_chat(digest.chat_id)
                  if s.thread_id == digest.thread_id and not s.paused]
        labels = {s.label.casefold() for s in thread}
        return [a for a in alerts if a.label.casefold() == digest.label.casefold()
                or a.label.casefold() not in labels]

    def collect(self, subscription: Subscription, now: datetime) -> Addendum | None:
        """The stories over the cap and the developing ones this digest carries now."""
        alerts = {a.id: a for a in self.alerts_for(subscription)}
        if not alerts:
            return None
        language = self.chat_prefs(subscription.chat_id).language
        over: list[tuple[str, RoundupItem]] = []
        spilled: list[int] = []
        for row in self.ledger.spilled_of(list(alerts), now):
            articles = story_articles(self.news, row)
            if articles:
                lead = first_in_language(articles, language)
                over.append((alerts[row.subscription_id].label,
                             RoundupItem(lead, tuple(also_reported(articles, lead)))))
            spilled.append(row.id)
        developing: list[tuple[str, DevelopingItem]] = []
        grown: list[int] = []
        for row in self.ledger.sent_since(list(alerts), now - DEVELOPING_WINDOW):
            if not self.grew(row):
                continue
            articles = story_articles(self.news, row)
            if articles:
                lead = first_in_language(articles, language)
                developing.append((alerts[row.subscription_id].label,
                                   DevelopingItem(lead, distinct_sources(row.sources))))
                grown.append(row.id)
        if not spilled and not grown:
            return None
        return Addendum(subscription, tuple(over), tuple(developing), tuple(spilled),
                        tuple(grown), self.render)

    @staticmethod
    def grew(row: Delivery) -> bool:
        """Whether a sent alert's story reached the developing bar after it was sent.

        Only once: a story already re-surfaced is not again, nor one muted with Mute this
        story; and only growth after the alert counts (a story that had five sources when
        alerted said so in its alert).
        """
        rendered = row.rendered or {}
        if "resurfaced" in rendered or rendered.get("muted"):
            return False  # once; and a story its reader muted stays quiet
        shown = int(str(rendered.get("shown", len(row.sources))))
        now_sources = distinct_sources(row.sources)
        return (now_sources >= DEVELOPING_SOURCES
                and now_sources > distinct_sources(row.sources[:shown]))

    def settle(self, record: Mapping[str, Any]) -> None:
        """Mark what a stored digest listed: spilled rows digested, grown ones re-surfaced."""
        spilled = [int(i) for i in record.get("spilled", [])]
        self.ledger.mark(spilled, Status.SPILLED, Status.DIGESTED)
        self.ledger.resurface([int(i) for i in record.get("developing", [])], None)
