"""Polling feeds from the local server: new entries only, health, backoff, pause once."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web

from digests.ingest import ingest_draft
from digests.models import ArticleDraft
from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore
from digests.store.sources import Source, SourceRepository
from digests.web.fetch import Fetcher
from digests.web.poller import Poller, backoff_delay, poll_interval
from tests.store.conftest import FixedClock
from tests.web import samples
from tests.web.conftest import LocalSite


@pytest.fixture
async def poller(local_settings: Settings, web_store: SqlStore, repo: SourceRepository,
                 clock: FixedClock) -> AsyncIterator[Poller]:
    async with Fetcher(local_settings, clock=clock) as fetcher:
        yield Poller(web_store, repo, fetcher, local_settings, clock=clock)


def source(repo: SourceRepository, url: str) -> Source:
    found = repo.find(url)
    assert found is not None
    return found


@pytest.mark.parametrize(("document", "content_type"), [
    (samples.rss(4), "application/rss+xml"), (samples.atom(4), "application/atom+xml"),
    (samples.json_feed(4), "application/feed+json"), (samples.rss1(4), "application/rdf+xml"),
])
async def test_first_poll_stores_every_entry(poller: Poller, repo: SourceRepository,
                                             site: LocalSite, web_store: SqlStore,
                                             document: str, content_type: str) -> None:
    url = site.serve("/feed", document, content_type)
    repo.add(url)
    report = await poller.poll_due()
    assert report.stored == 4
    assert report.failed == 0
    polled = source(repo, url)
    assert polled.entries_seen == 4
    assert polled.title
    assert polled.failures == 0
    assert polled.last_success is not None
    assert polled.next_check == poller.clock() + timedelta(minutes=15)
    assert web_store.count_articles() == 4


async def test_304_round_stores_nothing(poller: Poller, repo: SourceRepository,
                                        site: LocalSite, clock: FixedClock) -> None:
    async def feed(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-None-Match") == '"e1"':
            return web.Response(status=304)
        return web.Response(text=samples.rss(3), content_type="application/rss+xml",
                            headers={"ETag": '"e1"'})

    url = site.route("/feed", feed)
    repo.add(url)
    assert (await poller.poll_due()).stored == 3
    assert (await poller.poll_due()).outcomes == []  # not due yet
    clock.advance(minutes=16)
    report = await poller.poll_due()
    assert [o.status for o in report.outcomes] == ["not-modified"]
    assert site.hits("/feed")[-1].headers["If-None-Match"] == '"e1"'
    polled = source(repo, url)
    assert (polled.entries_seen, polled.etag, polled.last_success) == (3, '"e1"', clock.now)


async def test_redated_entries_are_not_duplicated(poller: Poller, repo: SourceRepository,
                                                  site: LocalSite, clock: FixedClock,
                                                  web_store: SqlStore) -> None:
    versions = [samples.rss(5), samples.rss(5, dates="Mon, 02 Mar 2026 1{h}:30:00 GMT")]

    async def feed(_request: web.Request) -> web.StreamResponse:
        return web.Response(text=versions[min(len(site.hits("/feed")) - 1, 1)],
                            content_type="application/rss+xml")

    url = site.route("/feed", feed)
    repo.add(url)
    assert (await poller.poll_due()).stored == 5
    clock.advance(minutes=16)
    second = await poller.poll_due()
    assert second.stored == 0
    assert second.outcomes[0].status == "updated"
    assert web_store.count_articles() == 5
    assert source(repo, url).entries_seen == 5


async def test_malformed_feed_is_kept_as_far_as_it_goes(poller: Poller, repo: SourceRepository,
                                                        site: LocalSite) -> None:
    broken = samples.rss(4).replace("</item>", "</itm>", 1) + "<<garbage"
    url = site.serve("/feed", broken, "application/rss+xml")
    repo.add(url)
    report = await poller.poll_due()
    [outcome] = report.outcomes
    assert outcome.status == "updated"
    assert outcome.error
    assert "malformed" in outcome.error
    assert report.stored >= 3
    assert source(repo, url).failures == 0


async def test_503_retry_after_is_honoured(poller: Poller, repo: SourceRepository,
                                           site: LocalSite, clock: FixedClock) -> None:
    url = site.serve("/feed", "busy", "text/plain", status=503,
                     headers={"Retry-After": "7200"})
    repo.add(url)
    report = await poller.poll_due()
    assert report.failed == 1
    failed = source(repo, url)
    assert failed.failures == 1
    assert failed.last_error
    assert "503" in failed.last_error
    assert failed.next_check == clock.now + timedelta(hours=2)


async def test_backoff_then_pause_reported_once(poller: Poller, repo: SourceRepository,
                                                site: LocalSite, clock: FixedClock) -> None:
    url = site.serve("/feed", "<html><body>moved</body></html>", "text/html")
    repo.add(url, added_by=42)
    delays = []
    events = []
    for _ in range(5):
        before = clock.now
        report = await poller.poll_due()
        events += report.paused
        polled = source(repo, url)
        if polled.next_check is not None and report.outcomes:
            delays.append(polled.next_check - before)
        clock.advance(days=2)
    assert delays[:2] == [timedelta(minutes=30), timedelta(minutes=60)]
    [event] = events
    assert (event.added_by, event.failures, event.url) == (42, 3, url)
    assert "not an RSS" in event.error or "feed" in event.error
    assert source(repo, url).paused
    assert len(site.hits("/feed")) == 3  # paused: never polled again
    assert repo.resume(url)
    assert not source(repo, url).paused


async def test_one_bad_source_never_stops_the_others(poller: Poller, repo: SourceRepository,
                                                     site: LocalSite) -> None:
    good = site.serve("/good", samples.rss(2), "application/rss+xml")
    repo.add(site.url("/missing"))
    repo.add(site.serve("/binary", b"\x00\x01", "image/gif"))
    repo.add(site.serve("/nul", b"\x00\x00\x00", "application/xml"))
    repo.add(good)
    report = await poller.poll_due()
    assert report.failed == 3
    assert report.stored == 2
    assert source(repo, good).entries_seen == 2


async def test_teasers_get_their_page_fetched_once(poller: Poller, repo: SourceRepository,
                                                   site: LocalSite, clock: FixedClock,
                                                   web_store: SqlStore) -> None:
    full = samples.article_text(99)
    page_url = site.serve("/article/1", samples.page("Comet seen", full))
    teaser_feed = samples.rss(0).replace(
        "</channel>", f"<item><title>Comet seen</title><link>{page_url}</link>"
                      '<guid isPermaLink="false">t1</guid>'
                      "<description>A comet… Read more</description></item>"
                      "</channel>")
    url = site.serve("/feed", teaser_feed, "application/rss+xml")
    repo.add(url)
    assert (await poller.poll_due()).stored == 1
    [article] = web_store.list_articles()
    assert full.split(".")[0] in article.text
    assert (article.title, article.external_id, article.origin) == ("Comet seen", "guid:t1",
                                                                    "feed")
    clock.advance(minutes=20)
    assert (await poller.poll_due()).stored == 0
    assert len(site.hits("/article/1")) == 1


def test_interval_respects_minimum(local_settings: Settings, repo: SourceRepository) -> None:
    src = repo.add("https://example.org/feed", interval_minutes=1)
    assert poll_interval(src, local_settings) == timedelta(minutes=5)
    src = dataclasses.replace(src, interval_minutes=None)
    assert poll_interval(src, local_settings) == timedelta(minutes=15)


def test_backoff_is_capped_and_yields_to_retry_after() -> None:
    interval = timedelta(minutes=15)
    assert backoff_delay(1, interval, None) == timedelta(minutes=30)
    assert backoff_delay(40, interval, None) == timedelta(hours=24)
    assert backoff_delay(1, interval, 3 * 3600) == timedelta(hours=3)
    assert backoff_delay(1, interval, 10**9) == timedelta(hours=24)


async def test_entries_differing_by_a_fragment_keep_their_own_rows(
        poller: Poller, repo: SourceRepository, site: LocalSite, clock: FixedClock,
        web_store: SqlStore) -> None:
    """Issue 13.15: no GUID, one page, one anchor per entry: one row each, never rewritten."""
    live = site.url("/live")
    items = "".join(
        f"<item><title>Update {n}</title><link>{live}#post-{n}</link>"
        f"<description>{samples.article_text(500 + n)}</description></item>" for n in range(3))
    url = site.serve("/feed", samples.rss(0).replace("</channel>", items + "</channel>"),
                     "application/rss+xml")
    repo.add(url)
    assert (await poller.poll_due()).stored == 3
    clock.advance(minutes=20)
    assert (await poller.poll_due()).stored == 0
    stored = {str(a.canonical_url): a for a in web_store.list_articles()}
    assert sorted(stored) == [f"{live}#post-{n}" for n in range(3)]
    for n in range(3):
        assert stored[f"{live}#post-{n}"].text.startswith(samples.article_text(500 + n)[:60])
    assert site.hits("/live") == []  # the shared page is never fetched for one update


async def test_a_navigation_anchor_still_meets_the_plain_url(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore,
        local_settings: Settings) -> None:
    """Issue 13.15: `story#top` in a feed is the story another source stored by its URL."""
    story = "https://example.org/news/story-1"
    ingest_draft(web_store, ArticleDraft(title="Story", text=samples.article_text(600),
                                         source="Elsewhere", url=story, canonical_url=story),
                 local_settings)
    item = (f"<item><title>Story</title><link>{story}#top</link>"
            f"<description>{samples.article_text(601)}</description></item>")
    url = site.serve("/feed", samples.rss(0).replace("</channel>", item + "</channel>"),
                     "application/rss+xml")
    repo.add(url)
    await poller.poll_due()
    [article] = web_store.list_articles()
    assert article.canonical_url == story
    assert article.text.startswith(samples.article_text(601)[:60])  # updated in place


def headline_feed(items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><link>https://x.example/</link>'
            f"<description>d</description>{items}</channel></rss>")


async def test_headline_only_entries_are_stored_as_headlines(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore) -> None:
    """Issue 13.16: a headline and a link, no body, the page unreachable: it was rejected
    as empty; now it is stored, marked, and summarised as its headline."""
    gone = site.url("/gone")  # 404
    items = "".join(f"<item><title>Harbour wall {n} repaired</title><link>{gone}/{n}</link>"
                    "</item>" for n in range(3))
    items += "<item><title>Bridge reopens</title><guid>no-link</guid></item>"
    url = site.serve("/feed", headline_feed(items), "application/rss+xml")
    repo.add(url)
    report = await poller.poll_due()
    assert (report.failed, report.stored) == (0, 4)
    articles = {a.title: a for a in web_store.list_articles(limit=10)}
    assert set(articles) == {"Harbour wall 0 repaired", "Harbour wall 1 repaired",
                             "Harbour wall 2 repaired", "Bridge reopens"}
    for title, article in articles.items():
        assert article.headline_only
        assert article.text == title
    service = NewsService(web_store, poller.settings, {})
    summary = service.summarize_article(articles["Bridge reopens"])
    assert (summary.sentences, summary.algorithm) == (("Bridge reopens",), "headline")


async def test_short_teasers_under_different_titles_are_different_articles(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore) -> None:
    """Issue 13.16: teasers with the same words and different ids were stored once."""
    gone = site.url("/gone")
    items = "".join(f"<item><title>Match report {n}</title><guid>m{n}</guid>"
                    f"<link>{gone}/{n}</link><description>Read the full story on our site."
                    "</description></item>" for n in range(3))
    url = site.serve("/feed", headline_feed(items), "application/rss+xml")
    repo.add(url)
    assert (await poller.poll_due()).stored == 3
    articles = web_store.list_articles(limit=10)
    assert sorted(a.title for a in articles) == [f"Match report {n}" for n in range(3)]
    assert not any(a.headline_only for a in articles)
    assert {a.text for a in articles} == {"Read the full story on our site."}


async def test_untitled_entries_are_titled_from_their_text(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore) -> None:
    """Issue 13.16: never the feed's name or the host ("127.0.0.1")."""
    items = (f"<item><guid>u1</guid><link>{site.url('/gone/1')}</link><description>"
             "Council approves the harbour budget. More to follow.</description></item>"
             f"<item><guid>u2</guid><description>{samples.article_text(7)}</description></item>")
    url = site.serve("/feed", headline_feed(items), "application/rss+xml")
    repo.add(url)
    assert (await poller.poll_due()).stored == 2
    titles = sorted(a.title for a in web_store.list_articles(limit=10))
    assert titles[0] == "Council approves the harbour budget."
    assert titles[1].startswith(samples.article_text(7).split()[0])
    assert not any("127.0.0.1" in t for t in titles)
