"""Polling sources: fetch due feeds, store only new entries, keep each source's health.

`Poller.poll_source` reads top to bottom as the stages of one poll (miniflux-style):
fetch (conditional) -> parse -> pick entries -> fetch pages for teasers -> ingest ->
record. Any failure, expected or not, becomes a recorded failure of that one source with
an exponential backoff; after `feed_max_failures` in a row the source is paused and a
`SourcePaused` event is returned once (paused sources are never due, so it cannot recur)
for the caller to tell the admin who added it. Nothing here raises out of `poll_due`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

from digests import reasons
from digests.ingest import ingest_draft
from digests.ingest.sanitize import clean_line
from digests.models import AddOutcome, ArticleDraft
from digests.ops.logformat import event_fields, safe_url
from digests.settings import Settings
from digests.store.base import Store
from digests.store.sources import Source, SourceRepository
from digests.web.feeds import FeedEntry, ParsedFeed, entry_draft, parse_feed, thin_draft
from digests.web.fetch import ACCEPT_FEED, Fetcher, FetchError, FetchResult
from digests.web.pages import fetch_page

log = logging.getLogger(__name__)
T = TypeVar("T")
POLLER_THREADS = 2  # SQLite has one writer; more threads would only queue on its lock
MAX_BACKOFF = timedelta(hours=24)
MAX_PAGES_PER_POLL = 20
STORED = frozenset({AddOutcome.ADDED, AddOutcome.NEAR_DUPLICATE})


@dataclass(frozen=True, slots=True)
class SourcePaused:
    """A source was just paused after too many failures; tell `added_by` once."""

    source_id: int
    url: str
    title: str | None
    added_by: int | None
    failures: int
    error: str


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of one source did."""

    url: str
    status: str  # "updated", "not-modified" or "failed"
    entries: int = 0
    stored: int = 0
    error: str | None = None
    deferred: int = 0  # new entries left for later polls (FEED_MAX_ENTRIES_PER_POLL, pages)


@dataclass(slots=True)
class PollReport:
    """Every source polled in one round, and the sources paused by it."""

    outcomes: list[PollOutcome] = field(default_factory=list)
    paused: list[SourcePaused] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """New articles stored in this round."""
        return sum(outcome.stored for outcome in self.outcomes)

    @property
    def failed(self) -> int:
        """Sources whose poll failed in this round."""
        return sum(1 for outcome in self.outcomes if outcome.status == "failed")


# Schedule: pure -----------------------------------------------------------------
def poll_interval(source: Source, settings: Settings) -> timedelta:
    """The source's interval (default from settings), never below the configured minimum."""
    minutes = source.interval_minutes or settings.feed_interval_minutes
    return timedelta(minutes=max(minutes, settings.feed_min_interval_minutes))


def backoff_delay(failures: int, interval: timedelta, retry_after: float | None) -> timedelta:
    """Interval doubled per consecutive failure, capped at a day; Retry-After wins if longer."""
    factor: int = 1 << min(failures, 16)
    delay = min(interval * factor, MAX_BACKOFF)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=min(retry_after, MAX_BACKOFF.total_seconds())))
    return delay


def newest_first(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """Dated entries newest first, then undated ones in document order.

    Feeds list newest first by convention, so document order is the best guess for
    entries without a date; a dated entry always has a better claim to "newest".
    """
    dated = sorted((e for e in entries if e.published is not None),
                   key=lambda e: e.published or datetime.min, reverse=True)
    return dated + [e for e in entries if e.published is None]


def pick_entries(entries: Sequence[FeedEntry], known: set[str],
                 limit: int) -> tuple[list[FeedEntry], int]:
    """At most `limit` entries for this poll, and how many new ones are left for later.

    New entries come first, newest first, so a feed's latest news is never held back
    behind its archive; what is left over waits for the next poll, where it is again
    among the newest entries not yet stored. An entry is therefore delayed only while
    `limit` newer unstored entries exist: a backlog drains by `limit` minus the feed's
    new entries per poll, and a feed adding fewer than `limit` entries per poll never
    starves any. Spare room re-reads stored entries (newest first) to catch edits, which
    is every entry of an ordinary feed, as before there was a limit.
    """
    ordered = newest_first(entries)
    unstored = [e for e in ordered if e.external_id not in known]
    fresh = unstored[:limit]
    room = limit - len(fresh)
    stored = [e for e in ordered if e.external_id in known and not e.teaser][:room]
    return fresh + stored, len(unstored) - len(fresh)


def source_name(source: Source, feed: ParsedFeed) -> str:
    """The name articles are filed under: stable once the source has a title."""
    return source.title or feed.title or urlsplit(source.url).hostname or source.url


# Polling --------------------------------------------------------------------------
class Poller:
    """Polls due sources concurrently (per-host politeness lives in the fetcher)."""

    def __init__(self, store: Store, sources: SourceRepository, fetcher: Fetcher,
                 settings: Settings, *, clock: Callable[[], datetime],
                 concurrency: int = 8, executor: Executor | None = None) -> None:
        self.store = store
        self._executor = executor
        self.sources = sources
        self.fetcher = fetcher
        self.settings = settings
        self.clock = clock
        self._slots = asyncio.Semaphore(concurrency)

    async def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run blocking store work on the poller's own threads.

        Inside the bot, `asyncio.to_thread`'s shared pool also serves every chat's
        summaries; several feeds waiting there for the SQLite write lock would stall them.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(func, *args,
                                                                            **kwargs))

    async def poll_due(self, *, limit: int = 500) -> PollReport:
        """Poll every source due now; one bad source never stops the others."""
        due = await self.call(self.sources.due, self.clock(), limit=limit)
        return await self.poll_sources(due)

    async def poll_sources(self, chosen: list[Source]) -> PollReport:
        """Poll the given sources now, due or not (`newsdigest sources poll`)."""
        report = PollReport()
        results = await asyncio.gather(*(self._guarded(source) for source in chosen))
        for outcome, paused in results:
            report.outcomes.append(outcome)
            if paused is not None:
                report.paused.append(paused)
        return report

    async def _guarded(self, source: Source) -> tuple[PollOutcome, SourcePaused | None]:
        async with self._slots:
            started = time.monotonic()
            result = await self._poll_or_fail(source)
            seconds = time.monotonic() - started
            self.store.metrics.feed_polled(result[0].status, seconds)
            outcome = result[0]
            log.info("feed %s %s", outcome.status, safe_url(source.url), extra=event_fields(
                source=source.id, url=safe_url(source.url), outcome=outcome.status,
                entries=outcome.entries, new_entries=outcome.stored,
                duration=round(seconds, 3), error=outcome.error))
            return result

    async def _poll_or_fail(self, source: Source) -> tuple[PollOutcome, SourcePaused | None]:
        try:
            return await self.poll_source(source), None
        except FetchError as error:
            return await self._fail(source, error.reason, error.retry_after)
        except Exception as error:  # a bug or hostile input: record it, keep polling
            log.exception("polling %s failed", source.url)
            return await self._fail(source, reasons.INTERNAL.format(error=error.__class__.__name__),
                                    None)

    async def poll_source(self, source: Source) -> PollOutcome:
        """One poll, stage by stage; raises FetchError for the caller to record."""
        # 1. Fetch, conditionally: a 304 is a success with nothing to do.
        result = await self.fetcher.fetch(source.url, etag=source.etag,
                                          last_modified=source.last_modified,
                                          accept=ACCEPT_FEED)
        if result.not_modified:
            await self._succeed(source, result, stored=0, title=None)
            return PollOutcome(source.url, "not-modified")
        # 2. Parse as far as it goes.
        feed = await self.call(parse_feed, result.body,  # CPU-bound: never on the loop
                               content_type=result.content_type_header or result.content_type,
                               url=result.url)
        if not feed.is_feed:
            raise FetchError("not-a-feed", feed.problem or reasons.NOT_A_FEED)
        if feed.problem:
            log.info("%s: %s (kept %d entries)", source.url, feed.problem, len(feed.entries))
        # 3. Drafts: at most FEED_MAX_ENTRIES_PER_POLL, newest unstored first; known
        #    teasers are skipped, new teasers get their page fetched.
        name = source_name(source, feed)
        drafts, deferred = await self._drafts(feed, name, source.url)
        # 4. Ingest: the core decides what is new, duplicate or updated.
        outcomes = await self.call(self._ingest, drafts)
        stored = sum(1 for outcome in outcomes if outcome in STORED)
        # 5. Record health and schedule the next check. With entries left over, the
        #    validators are cleared: an unchanged feed would otherwise answer 304 and
        #    the rest would never come.
        await self._succeed(source, result, stored=stored, title=feed.title,
                            revalidate=deferred == 0)
        return PollOutcome(source.url, "updated", len(feed.entries), stored, feed.problem,
                           deferred)

    async def _drafts(self, feed: ParsedFeed, name: str,
                      feed_url: str) -> tuple[list[ArticleDraft], int]:
        """The drafts for this poll and how many new entries wait for a later one."""
        known = await self.call(self._known, name, feed.entries)
        chosen, deferred = pick_entries(feed.entries, known,
                                        self.settings.feed_max_entries_per_poll)
        new_teasers = [e for e in chosen if e.teaser and e.external_id not in known]
        teasers = new_teasers[:MAX_PAGES_PER_POLL]
        deferred += len(new_teasers) - len(teasers)
        pages = dict(zip([e.external_id for e in teasers],
                         await asyncio.gather(*(self._page(e) for e in teasers)), strict=True))
        drafts = []
        for entry in chosen:
            draft = entry_draft(entry, source=name, feed_url=feed_url)
            if entry.teaser:
                if entry.external_id not in pages:
                    continue  # stored already, or over this poll's page budget: next poll
                draft = merge_page(draft, pages[entry.external_id])
            drafts.append(draft)
        return drafts, deferred

    def _known(self, name: str, entries: Sequence[FeedEntry]) -> set[str]:
        """The entries' identities already stored, looked up as `prepare` will store them."""
        stored = self.store.known_external_ids(
            clean_line(name), [clean_line(entry.external_id) for entry in entries])
        return {e.external_id for e in entries if clean_line(e.external_id) in stored}

    async def _page(self, entry: FeedEntry) -> ArticleDraft | None:
        assert entry.link is not None
        try:
            return await fetch_page(self.fetcher, entry.link)
        except FetchError as error:
            log.info("page %s: %s (keeping the teaser)", entry.link, error.reason)
            return None

    def _ingest(self, drafts: list[ArticleDraft]) -> list[AddOutcome]:
        return [ingest_draft(self.store, draft, self.settings).outcome for draft in drafts]

    async def _succeed(self, source: Source, result: FetchResult, *, stored: int,
                       title: str | None, revalidate: bool = True) -> None:
        """Record a good poll; without `revalidate` the stored validators are cleared.

        A poll that left entries over (no `revalidate`) comes back after the minimum
        interval rather than the feed's own, so a backlog drains sooner.
        """
        interval = poll_interval(source, self.settings)
        if not revalidate:
            interval = timedelta(minutes=self.settings.feed_min_interval_minutes)
        next_check = self.clock() + interval
        etag, last_modified = (result.etag, result.last_modified) if revalidate else ("", "")
        await self.call(self.sources.record_success, source.id, next_check=next_check,
                        etag=etag, last_modified=last_modified, new_entries=stored,
                        title=title)

    async def _fail(self, source: Source, reason: str,
                    retry_after: float | None) -> tuple[PollOutcome, SourcePaused | None]:
        failures = source.failures + 1
        pause = failures >= self.settings.feed_max_failures
        delay = backoff_delay(failures, poll_interval(source, self.settings), retry_after)
        await self.call(self.sources.record_failure, source.id, error=reason,
                                next_check=self.clock() + delay, pause=pause)
        event = (SourcePaused(source.id, source.url, source.title, source.added_by, failures,
                              reason) if pause else None)
        return PollOutcome(source.url, "failed", error=reason), event


async def poll_round(store: Store, settings: Settings, *, clock: Callable[[], datetime],
                     urls: list[str] | None = None) -> PollReport:
    """One round with a fresh fetcher: the due sources, or exactly the listed URLs now."""
    repo = SourceRepository.for_store(store)
    with ThreadPoolExecutor(max_workers=POLLER_THREADS, thread_name_prefix="poller") as pool:
        async with Fetcher(settings, clock=clock) as fetcher:
            poller = Poller(store, repo, fetcher, settings, clock=clock, executor=pool)
            if urls is None:
                return await poller.poll_due()
            chosen = await poller.call(repo.list_sources)
            return await poller.poll_sources([s for s in chosen if not urls or s.url in urls])


def merge_page(entry: ArticleDraft, page: ArticleDraft | None) -> ArticleDraft:
    """The entry with the page's full text; the feed keeps identity, source and title.

    Without the page (it could not be fetched or held no article), the entry is kept as
    a headline-only or teaser article (`thin_draft`), never rejected as empty.
    """
    if page is None:
        return thin_draft(entry)
    return ArticleDraft(
        title=entry.title or page.title, text=page.text, source=entry.source,
        url=entry.url, canonical_url=page.canonical_url or entry.canonical_url,
        language=entry.language or page.language,
        published_at=entry.published_at or page.published_at,
        author=entry.author or page.author, external_id=entry.external_id, origin="feed",
        extra={**page.extra, **entry.extra},
    )
