"""Feed sources as both interfaces manage them: add, remove, list, poll, OPML, health.

Every rule about feed sources lives here, so `/source add` and `newsdigest sources add`
cannot drift apart: one spelling per feed (`canonical_feed_url`, as OPML import stores
it), removal by any spelling (and by one stored before URLs were canonical), an OPML
import that adds only the feeds not yet present, a poll round with a fresh fetcher, and
the health of a source in words. The bot and the CLI parse their input and render what
comes back; neither touches the store, the poller or the OPML reader.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from digests.i18n import ENGLISH, Translator
from digests.settings import Settings
from digests.store.sources import Source, SourceExistsError, SourceRepository
from digests.web.health import health_lines
from digests.web.opml import OpmlFeed, OpmlImport, export_opml, parse_opml
from digests.web.poller import PollOutcome, PollReport, SourcePaused, poll_round
from digests.web.urls import canonical_feed_url, is_http_url

if TYPE_CHECKING:
    from digests.store.base import Store

OPML_MAX_BYTES = 10_000_000  # a list of feeds; 10 MB is ~100,000 outlines

__all__ = [
    "OPML_MAX_BYTES",
    "NotAFeedUrl",
    "OpmlImport",
    "OpmlImported",
    "OpmlTooLarge",
    "PollOutcome",
    "PollReport",
    "Source",
    "SourceExistsError",
    "SourcePaused",
    "SourceService",
    "is_http_url",
    "load_opml",
]


class NotAFeedUrl(ValueError):  # noqa: N818 - reads best at raise sites
    """The text given as a feed is not an http(s) URL."""


class OpmlTooLarge(ValueError):  # noqa: N818 - reads best at raise sites
    """The OPML file is larger than any list of feeds (`OPML_MAX_BYTES`)."""


@dataclass(frozen=True, slots=True)
class OpmlImported:
    """What an OPML import did: the file's distinct feeds, how many were new, what was left.

    `skipped` is the OPML reader's description of the outlines it could not use, e.g.
    "2 outlines skipped (1 without a feed URL, 1 not an http(s) feed)".
    """

    feeds: int
    added: int
    duplicates: int
    skipped: str

    @property
    def present(self) -> int:
        """Feeds of the file that were sources already."""
        return self.feeds - self.added


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SourceService:
    """The feed sources of one store, and the poller that reads them."""

    def __init__(self, store: Store, settings: Settings, *,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock

    def close(self) -> None:
        """Close the database at the end of a CLI command."""
        self.store.close()

    @property
    def _repo(self) -> SourceRepository:
        return SourceRepository.for_store(self.store)

    # Reading ------------------------------------------------------------------------
    def list_sources(self) -> list[Source]:
        """Every feed source, oldest first."""
        return self._repo.list_sources()

    def health(self, source: Source, now: datetime, *, t: Translator = ENGLISH) -> list[str]:
        """The source's health in words: status, last success and error, next check."""
        return health_lines(source, now, t=t)

    # Changing -----------------------------------------------------------------------
    def add(self, url: str, *, title: str | None = None, interval_minutes: float | None = None,
            added_by: int | None = None) -> Source:
        """Register a feed under its canonical spelling, due at once.

        Raises:
            NotAFeedUrl: `url` is not an http(s) URL.
            SourceExistsError: the feed is a source already.
        """
        if not is_http_url(url):
            raise NotAFeedUrl(f"not an http(s) URL: {url}")
        return self._repo.add(canonical_feed_url(url), title=title, added_by=added_by,
                              interval_minutes=interval_minutes)

    async def add_and_check(self, url: str, *, added_by: int) -> PollOutcome | None:
        """Register (or resume) a feed and poll it once, so its adder sees at once if it works.

        Returns:
            The first poll's outcome, or None when the URL is a source of another kind.

        Raises:
            NotAFeedUrl: `url` is not an http(s) URL.
        """
        if not is_http_url(url):
            raise NotAFeedUrl(f"not an http(s) URL: {url}")
        url = canonical_feed_url(url)
        repo = self._repo
        try:
            await asyncio.to_thread(repo.add, url, added_by=added_by)
        except SourceExistsError:
            if not await asyncio.to_thread(repo.resume, url):
                return None
        [outcome] = (await self.poll_now([url])).outcomes
        return outcome

    def remove(self, url: str) -> bool:
        """Forget a feed by any spelling (and one stored before URLs were canonical)."""
        repo = self._repo
        return repo.remove(canonical_feed_url(url)) or repo.remove(url)

    # Polling ------------------------------------------------------------------------
    async def poll_due(self) -> PollReport:
        """One round over the sources that are due (paused ones never are)."""
        return await poll_round(self.store, self.settings, clock=self.clock)

    async def poll_now(self, urls: Sequence[str] = ()) -> PollReport:
        """Poll now, due or not: the sources with these URLs, or every source."""
        return await poll_round(self.store, self.settings, clock=self.clock, urls=list(urls))

    # OPML ---------------------------------------------------------------------------
    def import_opml(self, document: OpmlImport) -> OpmlImported:
        """Add every feed of a read OPML file (`load_opml`) that is not a source yet."""
        repo = self._repo
        added = 0
        for feed in document.feeds:
            if repo.find(feed.url) is None:
                repo.add(feed.url, title=feed.title)
                added += 1
        return OpmlImported(len(document.feeds), added, document.duplicates,
                            document.describe_skipped())

    def export_opml(self) -> tuple[str, int]:
        """Every source as an OPML 2.0 document, and how many feeds it lists."""
        feeds = [OpmlFeed(s.url, s.title) for s in self._repo.list_sources()]
        return export_opml(feeds, now=self.clock()), len(feeds)


def load_opml(path: str | Path) -> OpmlImport:
    """The distinct feeds of an OPML file, read before any source is touched.

    Only a regular file is read (`open_regular`: a FIFO or device would hang or never
    end), at most `OPML_MAX_BYTES`; the parser honours the file's declared encoding.

    Raises:
        OpmlTooLarge: the file is over `OPML_MAX_BYTES`.
        OpmlError: it is not OPML (`digests.web.opml`); OSError: it cannot be read.
    """
    from digests.ingest.read import open_regular

    with open_regular(Path(path)) as stream:
        data = stream.read(OPML_MAX_BYTES + 1)
    if len(data) > OPML_MAX_BYTES:
        raise OpmlTooLarge(f"{path}: too large for an OPML file "
                           f"(more than {OPML_MAX_BYTES:,} bytes)")
    return parse_opml(data)
