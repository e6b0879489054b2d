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
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

from digests.ingest import ingest_draft
from digests.models import AddOutcome, ArticleDraft
from digests.settings import Settings
from digests.store.base import Store
from digests.store.sources import Source, SourceRepository
from digests.web.feeds import FeedEntry, ParsedFeed, entry_draft, parse_feed
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
            try:
                return await self.poll_source(source), None
            except FetchError as error:
                return await self._fail(source, error.reason, error.retry_after)
            except Exception as error:  # a bug or hostile input: record it, keep polling
                log.exception("polling %s failed", source.url)
                return await self._fail(source, f"internal error: {error.__class__.__name__}",
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
            raise FetchError("not-a-feed", feed.problem or "not an RSS, Atom or JSON feed")
        if feed.problem:
            log.info("%s: %s (kept %d entries)", source.url, feed.problem, len(feed.entries))
        # 3. Drafts: known teasers are skipped, new teasers get their page fetched.
        name = source_name(source, feed)
        drafts = await self._drafts(feed, name, source.url)
        # 4. Ingest: the core decides what is new, duplicate or updated.
        outcomes = await self.call(self._ingest, drafts)
        stored = sum(1 for outcome in outcomes if outcome in STORED)
        # 5. Record health and schedule the next check.
        await self._succeed(source, result, stored=stored, title=feed.title)
        return PollOutcome(source.url, "updated", len(feed.entries), stored, feed.problem)

    async def _drafts(self, feed: ParsedFeed, name: str, feed_url: str) -> list[ArticleDraft]:
        known = await self.call(self._known, name, feed.entries)
        fresh = [entry for entry in feed.entries if entry.external_id not in known
                 or not entry.teaser]
        teasers = [entry for entry in fresh if entry.teaser][:MAX_PAGES_PER_POLL]
        pages = dict(zip([e.external_id for e in teasers],
                         await asyncio.gather(*(self._page(e) for e in teasers)), strict=True))
        drafts = []
        for entry in fresh:
            draft = entry_draft(entry, source=name, feed_url=feed_url)
            if entry.teaser:
                if entry.external_id not in pages:
                    continue  # over this poll's page budget: the next poll gets it
                draft = merge_page(draft, pages[entry.external_id])
            drafts.append(draft)
        return drafts

    def _known(self, name: str, entries: tuple[FeedEntry, ...]) -> set[str]:
        return {e.external_id for e in entries
                if e.teaser and self.store.find_by_external_id(name, e.external_id)}

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
                       title: str | None) -> None:
        next_check = self.clock() + poll_interval(source, self.settings)
        await self.call(self.sources.record_success, source.id, next_check=next_check,
                                etag=result.etag, last_modified=result.last_modified,
                                new_entries=stored, title=title)

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
    """The entry with the page's full text; the feed keeps identity, source and title."""
    if page is None:
        return entry
    return ArticleDraft(
        title=entry.title or page.title, text=page.text, source=entry.source,
        url=entry.url, canonical_url=page.canonical_url or entry.canonical_url,
        language=entry.language or page.language,
        published_at=entry.published_at or page.published_at,
        author=entry.author or page.author, external_id=entry.external_id, origin="feed",
        extra={**page.extra, **entry.extra},
    )
