"""Hostile and real-world feeds never fail a poll or lose entries (issue 13).

Each hostile document is generated here; the real-world-shaped ones live in
`tests/web/corpus/` (see its README).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web

from digests.settings import Settings
from digests.store import SqlStore
from digests.store.sources import SourceRepository
from digests.web.fetch import Fetcher
from digests.web.poller import Poller
from tests.store.conftest import FixedClock
from tests.web import samples
from tests.web.conftest import LocalSite


@pytest.fixture
async def poller(local_settings: Settings, web_store: SqlStore, repo: SourceRepository,
                 clock: FixedClock) -> AsyncIterator[Poller]:
    async with Fetcher(local_settings, clock=clock) as fetcher:
        yield Poller(web_store, repo, fetcher, local_settings, clock=clock)


def json_feed(items: list[dict[str, object]]) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Hostile",
                       "items": items})


def item(number: int, **fields: object) -> dict[str, object]:
    return {"id": f"i{number}", "url": f"https://news.example.org/{number}",
            "title": f"Item {number}", "content_text": samples.article_text(number),
            **fields}


@pytest.mark.parametrize("field", ["title", "id", "url", "content_text"])
async def test_a_poisoned_json_feed_item_never_fails_the_poll(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore,
        field: str) -> None:
    # Item 2: one item with a lone surrogate or NUL failed every poll of its feed, so one
    # injected item paused the feed after FEED_MAX_FAILURES.
    bad = item(1)
    bad[field] = f"{bad[field]} \ud800 \u0000 \u202e"
    url = site.serve("/feed.json", json_feed([item(0), bad, item(2)]),
                     "application/feed+json")
    repo.add(url)
    report = await poller.poll_due()
    assert report.failed == 0, report.outcomes
    assert report.stored == 3
    titles = sorted(a.title for a in web_store.list_articles(limit=10))
    assert titles[0] == "Item 0"
    assert all("\ud800" not in t and "\u202e" not in t for t in titles)


async def test_a_deeply_nested_json_feed_is_a_clean_failure(
        poller: Poller, repo: SourceRepository, site: LocalSite,
        caplog: pytest.LogCaptureFixture) -> None:
    # Item 3: a JSON Feed nested 100,000 deep printed a traceback during `sources poll`.
    url = site.serve("/deep.json", '{"version": "https://jsonfeed.org/version/1", "items": '
                     + "[" * 100_000, "application/feed+json")
    repo.add(url)
    report = await poller.poll_due()
    [outcome] = report.outcomes
    assert outcome.error == "malformed JSON Feed: nested too deeply"
    assert "Traceback" not in caplog.text
    assert not any(r.exc_info for r in caplog.records)


async def test_a_deeply_nested_json_feed_item_costs_only_itself(
        poller: Poller, repo: SourceRepository, site: LocalSite) -> None:
    document = json_feed([item(0), item(2)]).replace(
        '"items": [', '"items": [{"id": "deep", "title": ' + "[" * 500 + "]" * 500 + "}, ")
    url = site.serve("/feed.json", document, "application/feed+json")
    repo.add(url)
    report = await poller.poll_due()
    assert (report.failed, report.stored) == (0, 2)


@pytest.mark.parametrize("encoding", ["utf-16le", "utf-32be"])
async def test_wide_feeds_without_bom_read_by_their_header_charset(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore,
        encoding: str) -> None:
    # Item 14: the charset was cut from Content-Type before feedparser saw it, so for
    # text/xml it assumed us-ascii (RFC 3023) and failed "not well-formed".
    document = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
                "<title>Foo</title><link>https://e.example.org/1</link>"
                "<description>Привет мир</description></item></channel></rss>")
    url = site.serve("/wide.xml", document.encode(encoding), f"text/xml; charset={encoding}")
    repo.add(url)
    report = await poller.poll_due()
    assert (report.failed, report.stored) == (0, 1), report.outcomes
    [article] = web_store.list_articles(limit=2)
    assert article.text == "Привет мир"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
async def test_wide_feeds_with_a_bom_and_line_breaks_served_as_bare_text_xml(
        poller: Poller, repo: SourceRepository, site: LocalSite, web_store: SqlStore,
        encoding: str) -> None:
    # Item 14 on a fresh clone: a UTF-16/32 feed with a BOM and ordinary line breaks,
    # served as `text/xml` with no charset, failed "<unknown>:2:1: not well-formed"
    # (feedparser reads bare text/xml as US-ASCII; the corpus files have no line break).
    document = ('<?xml version="1.0" encoding="utf-16"?>\n<rss version="2.0">\n<channel>'
                "<title>T</title>\n<item><title>Foo</title>\n"
                "<link>https://e.example.org/1</link>\n<description>Привет мир</description>"
                "\n</item>\n</channel>\n</rss>\n")
    body = document.encode(encoding)
    if not encoding[-1].isdigit():  # the -be codecs write no mark
        body = ("\ufeff" + document).encode(encoding)
    url = site.serve("/wide.xml", body, "text/xml")
    repo.add(url)
    report = await poller.poll_due()
    assert (report.failed, report.stored) == (0, 1), report.outcomes
    [article] = web_store.list_articles(limit=2)
    assert article.text == "Привет мир"


def dated_items(numbers: range) -> list[dict[str, object]]:
    """Items one minute apart, the highest number newest, listed oldest first."""
    return [{**item(n), "date_published": f"2026-03-01T{n // 60:02d}:{n % 60:02d}:00Z"}
            for n in numbers]


async def test_a_huge_json_feed_is_read_a_slice_per_poll(
        local_settings: Settings, repo: SourceRepository, site: LocalSite,
        web_store: SqlStore, clock: FixedClock) -> None:
    """Issue 13.18: 100,000 items were all stored in one poll (103 s, 280 MB)."""
    items = [{"id": f"h{n}", "title": f"Headline {n}", "content_text": f"Item {n} " * 3}
             for n in range(20_000)]
    url = site.serve("/huge.json", json_feed(items), "application/feed+json")
    repo.add(url)
    settings = local_settings.model_copy(update={"fetch_max_bytes": 5_000_000})
    assert settings.feed_max_entries_per_poll == 200  # the default
    async with Fetcher(settings, clock=clock) as fetcher:
        report = await Poller(web_store, repo, fetcher, settings, clock=clock).poll_due()
    [outcome] = report.outcomes
    assert (outcome.entries, outcome.stored, outcome.deferred) == (20_000, 200, 19_800)
    assert web_store.count_articles() == 200


async def test_the_rest_comes_on_later_polls_newest_first(
        local_settings: Settings, web_store: SqlStore, repo: SourceRepository,
        site: LocalSite, clock: FixedClock) -> None:
    """Issue 13.18: the newest unstored entries first; an unchanged feed is re-read in full
    (no 304) until every entry is in, and new entries overtake the backlog."""
    document = {"body": json_feed(dated_items(range(50)))}

    async def feed(request: web.Request) -> web.StreamResponse:
        etag = f'"{hash(document["body"])}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304)
        return web.Response(text=document["body"], content_type="application/feed+json",
                            headers={"ETag": etag})

    url = site.route("/feed.json", feed)
    repo.add(url)
    settings = local_settings.model_copy(update={"feed_max_entries_per_poll": 20})

    def titles() -> set[str]:
        return {a.title for a in web_store.list_articles(limit=100)}

    async with Fetcher(settings, clock=clock) as fetcher:
        poller = Poller(web_store, repo, fetcher, settings, clock=clock)
        [first] = (await poller.poll_due()).outcomes
        assert (first.stored, first.deferred) == (20, 30)
        assert titles() == {f"Item {n}" for n in range(30, 50)}
        polled = repo.find(url)
        assert polled is not None
        assert polled.next_check == clock.now + timedelta(minutes=5)  # a backlog drains sooner
        document["body"] = json_feed(dated_items(range(55)))  # five newer items arrive
        clock.advance(minutes=5)
        [second] = (await poller.poll_due()).outcomes
        assert (second.stored, second.deferred) == (20, 15)
        assert {f"Item {n}" for n in range(50, 55)} <= titles()
        clock.advance(minutes=5)  # the feed is unchanged now: still read in full, no 304
        [third] = (await poller.poll_due()).outcomes
        assert (third.status, third.stored, third.deferred) == ("updated", 15, 0)
        assert titles() == {f"Item {n}" for n in range(55)}
        assert site.hits("/feed.json")[2].headers.get("If-None-Match") is None
        clock.advance(minutes=15)
        [settled] = (await poller.poll_due()).outcomes
        assert settled.status == "not-modified"  # nothing left over: validators kept again
