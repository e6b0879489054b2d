"""Malformed links are refused with a reason, never an internal error (issue 13.7)."""

from __future__ import annotations

import pytest

from digests.settings import Settings
from digests.store import SqlStore
from digests.web.fetch import Fetcher, FetchError
from digests.web.links import ingest_links
from tests.web.conftest import LocalSite

MALFORMED = ["http://127.000.000.001/news", "http://\uff11\uff12\uff17.0.0.1/news",
             "https://[::1/feed", "http://127.0.0.1:99999999/x"]


async def test_malformed_links_are_refused(web_store: SqlStore,
                                           local_settings: Settings) -> None:
    # httpx.InvalidURL escaped as an internal error; 20 pasted links sent 20 tracebacks.
    results = await ingest_links(web_store, local_settings, MALFORMED)
    for result in results:
        assert result.article_id is None
        assert result.reason is not None
        assert "refused" in result.reason or "only http" in result.reason, result


async def test_a_redirect_to_a_malformed_link_is_refused(site: LocalSite,
                                                         local_settings: Settings) -> None:
    url = site.redirect("/go", "http://127.000.000.001/x")
    async with Fetcher(local_settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url)
    assert "Invalid IPv4 address: '127.000.000.001'" in caught.value.reason
