"""One link to one stored article: `newsdigest ingest URL`, `/summary <url>`, pasted links.

A link whose canonical form is already stored is answered from the store without a
fetch; otherwise the page is fetched (through every defence in `fetch`), extracted and
ingested. Refusals come back as a reason string, never as an exception, because the
caller always shows them to a person.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from digests import reasons
from digests.ingest import ingest_draft
from digests.models import AddOutcome
from digests.settings import Settings
from digests.store.base import Store
from digests.web.fetch import Fetcher, FetchError
from digests.web.pages import fetch_page
from digests.web.urls import canonicalize_url, is_http_url


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The stored article for a link, or why there is none."""

    url: str
    article_id: int | None = None
    outcome: AddOutcome = AddOutcome.REJECTED
    reason: str | None = None


async def ingest_link(store: Store, settings: Settings, url: str, *,
                      fetcher: Fetcher) -> LinkResult:
    """Fetch, extract and store the article at `url` (or find it already stored)."""
    if not is_http_url(url):
        return LinkResult(url, reason=reasons.ONLY_HTTP)
    known = await asyncio.to_thread(store.find_by_url, canonicalize_url(url))
    if known is not None:
        return LinkResult(url, known.id, AddOutcome.DUPLICATE)
    try:
        draft = await fetch_page(fetcher, url)
    except FetchError as error:
        return LinkResult(url, reason=error.reason)
    result = await asyncio.to_thread(ingest_draft, store, draft, settings, label=url)
    article_id = result.article_id or result.original_id
    return LinkResult(url, article_id, result.outcome, result.reason)


async def ingest_links(store: Store, settings: Settings, urls: Sequence[str], *,
                       fetcher: Fetcher | None = None) -> list[LinkResult]:
    """Ingest several links concurrently (the fetcher keeps per-host politeness).

    A fetcher passed in stays open (the caller owns it); otherwise one is made and closed.
    """
    client = fetcher or Fetcher(settings)
    try:
        return list(await asyncio.gather(
            *(ingest_link(store, settings, url, fetcher=client) for url in urls)))
    finally:
        if fetcher is None:
            await client.aclose()
