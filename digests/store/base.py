"""The storage contract every backend (SQLite, PostgreSQL) fulfils.

The contract test suite in `tests/store/` runs against each backend, so the rest of
the project codes against this protocol only.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from digests.models import Article, ArticleDraft, Fingerprint, SearchHit, Summary
from digests.ops.metrics import Metrics
from digests.query import Node


class Store(Protocol):
    """Articles, their near-duplicate index, full-text search and the summary cache."""

    metrics: Metrics
    """Where ingest, polling and digests over this store report (a no-op by default)."""

    def close(self) -> None:
        """Release connections."""

    def batch(self, *, optimistic: bool = False) -> AbstractContextManager[Store]:
        """A view whose calls share one transaction; each write fails alone (ingest runs).

        `optimistic`: writes may be sent together, and one failure rolls back the whole
        batch with `BatchAbortedError` (then run it again without).
        """

    # Articles ---------------------------------------------------------------
    def add_article(
        self,
        draft: ArticleDraft,
        *,
        content_hash: str,
        signature: Sequence[int] | None = None,
        bands: Sequence[str] = (),
        duplicate_of: int | None = None,
    ) -> Article:
        """Store a new article; `published_at` defaults to the ingest time."""

    def update_article(self, article_id: int, draft: ArticleDraft, *, content_hash: str,
                       signature: Sequence[int] | None = None,
                       bands: Sequence[str] = ()) -> Article:
        """Replace an article's content (edited channel posts, re-fetched pages)."""

    def get_article(self, article_id: int) -> Article | None:
        """One article by id, or None; private ones too (the service checks the viewer)."""

    def get_articles(self, article_ids: Sequence[int]) -> list[Article]:
        """Several articles by id, in the order asked, skipping unknown ids."""

    def find_by_hash(self, content_hash: str) -> Article | None:
        """The article with this normalized-text hash, if any."""

    def find_by_url(self, canonical_url: str) -> Article | None:
        """The article stored under this canonical URL, if any."""

    def find_by_external_id(self, source: str, external_id: str) -> Article | None:
        """The article with this identity (feed GUID, corpus id, channel post) in a source."""

    def known_external_ids(self, source: str, external_ids: Sequence[str]) -> set[str]:
        """Which of these identities a source already has stored (one query per chunk)."""

    def known_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Which of these normalized-text hashes are stored (a batch asks once, not per item)."""

    def known_urls(self, canonical_urls: Sequence[str]) -> set[str]:
        """Which of these canonical URLs some stored article has (a batch asks once)."""

    def near_duplicate_candidates(self, bands: Sequence[str],
                                  published_at: datetime | None = None,
                                  limit: int = 50) -> list[Fingerprint]:
        """Public originals published near `published_at` (default now) sharing a band."""

    def prefetch_near_duplicates(
        self, lookups: Sequence[tuple[Sequence[str], datetime | None]],
    ) -> None:
        """In a batch: ask once for what these near-duplicate lookups will need."""

    def duplicates_of(self, article_ids: Sequence[int]) -> dict[int, list[Article]]:
        """For each original id, its public near-duplicates."""

    def list_articles(self, *, limit: int = 20, offset: int = 0,
                      since: datetime | None = None) -> list[Article]:
        """Public articles, newest first (by published_at, then id)."""

    def count_articles(self) -> int:
        """How many articles are stored, private ones included."""

    def publish_article(self, article_id: int) -> None:
        """Make a private article public (its text arrived again as public news)."""

    # Search -----------------------------------------------------------------
    def search(self, query: Node, *, since: datetime | None = None,
               until: datetime | None = None, limit: int = 20,
               offset: int = 0, ids: Sequence[int] | None = None) -> list[SearchHit]:
        """Ranked public full-text matches (stemmed, best first) in [since, until).

        With ``ids``, only among those articles. Without `since` or `ids`, only the
        newest matches (a few hundred, the most recently stored) are ranked.
        """

    # Summary cache ------------------------------------------------------------
    def get_cached_summary(self, article_id: int, algorithm: str, length: str) -> Summary | None:
        """A summary stored earlier for exactly this article, algorithm and length."""

    def put_cached_summary(self, summary: Summary, length: str) -> None:
        """Remember a summary; the key is (article_id, algorithm, length)."""
