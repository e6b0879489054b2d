"""Links to articles: fetched from the local server, extracted, stored once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.models import AddOutcome
from digests.settings import Settings
from digests.store import SqlStore
from digests.web.fetch import Fetcher, FetchError
from digests.web.links import ingest_link, ingest_links
from digests.web.pages import fetch_page
from tests.web import samples
from tests.web.conftest import LocalSite

TEXT = samples.article_text(7)


async def test_page_is_extracted_with_metadata(local_settings: Settings,
                                               site: LocalSite) -> None:
    url = site.serve("/story", samples.page("Bridge reopens", TEXT))
    async with Fetcher(local_settings) as fetcher:
        draft = await fetch_page(fetcher, url + "?utm_medium=social#top")
    assert draft.title == "Bridge reopens"
    assert draft.author == "Pat Reporter"
    assert draft.language == "en"
    assert draft.published_at == datetime(2026, 2, 27, tzinfo=UTC)
    assert draft.canonical_url == url
    assert "Home | World" not in draft.text
    assert TEXT.split(".")[0] in draft.text
    assert draft.origin == "link"


async def test_canonical_link_differing_from_url_is_honoured(
        local_settings: Settings, site: LocalSite, web_store: SqlStore) -> None:
    origin = site.serve("/", "<p>home</p>").rstrip("/")
    canonical = f"{origin}/2026/03/bridge-reopens"  # never served: recognised, not fetched
    mobile = site.serve("/m/bridge", samples.page("Bridge reopens", TEXT,
                                                  canonical=canonical + "?utm_source=x"))
    amp = site.serve("/amp/bridge", samples.page("Bridge reopens", TEXT, canonical=canonical))
    async with Fetcher(local_settings) as fetcher:
        first = await ingest_link(web_store, local_settings, mobile, fetcher=fetcher)
        second = await ingest_link(web_store, local_settings, amp, fetcher=fetcher)
        third = await ingest_link(web_store, local_settings, canonical + "#x", fetcher=fetcher)
    assert first.outcome is AddOutcome.ADDED
    assert first.article_id is not None
    stored = web_store.get_article(first.article_id)
    assert stored is not None
    assert stored.canonical_url == canonical
    assert second.outcome is AddOutcome.DUPLICATE
    assert second.article_id == first.article_id
    # The canonical URL itself is recognised without any fetch.
    assert third.outcome is AddOutcome.DUPLICATE
    assert third.article_id == first.article_id
    assert len(site.seen) == 2


async def test_a_canonical_link_to_another_site_is_ignored(
        local_settings: Settings, site: LocalSite, web_store: SqlStore) -> None:
    """Regression: any page could claim another outlet's URL and overwrite its article."""
    claimed = "https://www.reuters.com/world/real-story"
    evil = site.serve("/evil", samples.page("Governor resigns", TEXT, canonical=claimed))
    async with Fetcher(local_settings) as fetcher:
        result = await ingest_link(web_store, local_settings, evil, fetcher=fetcher)
    assert result.article_id is not None
    stored = web_store.get_article(result.article_id)
    assert stored is not None
    assert stored.canonical_url != claimed
    assert web_store.find_by_url(claimed) is None


@pytest.mark.parametrize(("path", "body", "content_type", "reason"), [
    ("/feed.xml", samples.rss(1), "application/rss+xml", "not an HTML page"),
    ("/img", b"\x89PNG\x00\x00", "image/png", "not an HTML, XML or text page"),
    ("/empty", "<html><head><title>t</title></head><body><script>x()</script></body></html>",
     "text/html", "no article text"),
])
async def test_refusals_have_reasons(local_settings: Settings, site: LocalSite,
                                     web_store: SqlStore, path: str, body: str | bytes,
                                     content_type: str, reason: str) -> None:
    url = site.serve(path, body, content_type)
    [result] = await ingest_links(web_store, local_settings, [url])
    assert result.article_id is None
    assert result.reason is not None
    assert reason in result.reason


async def test_too_large_page(local_settings: Settings, site: LocalSite,
                              web_store: SqlStore) -> None:
    url = site.serve("/huge", "<p>" + "word " * 100_000 + "</p>")
    [result] = await ingest_links(web_store, local_settings, [url])
    assert result.reason is not None
    assert result.reason.startswith("too large")


async def test_private_link_refused_without_allowance(site: LocalSite,
                                                      web_store: SqlStore) -> None:
    strict = Settings(_env_file=None)  # type: ignore[call-arg]
    url = site.serve("/story", samples.page("Secret", TEXT))
    result, ftp = await ingest_links(web_store, strict, [url, "ftp://example.com/x"])
    assert result.reason is not None
    assert "not a public address" in result.reason
    assert ftp.reason is not None
    assert "http" in ftp.reason
    assert site.seen == []


async def test_fetch_page_raises_fetch_error(local_settings: Settings, site: LocalSite) -> None:
    async with Fetcher(local_settings) as fetcher:
        with pytest.raises(FetchError):
            await fetch_page(fetcher, site.url("/nope"))
