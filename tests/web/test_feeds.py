"""Parsing feeds of every supported format, including broken ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.web.feeds import entry_identity, is_teaser, parse_feed
from tests.web import samples


@pytest.mark.parametrize(("document", "content_type", "title"), [
    (samples.rss(3), "application/rss+xml", "Example News"),
    (samples.atom(3), "application/atom+xml", "Atom Times"),
    (samples.rss1(3), "application/rdf+xml", "RDF Daily"),
    (samples.rss091(3), "text/xml", "Old School"),
    (samples.json_feed(3), "application/feed+json", "JSON Post"),
])
def test_every_format(document: str, content_type: str, title: str) -> None:
    feed = parse_feed(document.encode(), content_type=content_type)
    assert feed.is_feed
    assert feed.title == title
    assert len(feed.entries) == 3
    assert all(len(e.text.split()) > 100 and not e.teaser for e in feed.entries)
    assert len({e.external_id for e in feed.entries}) == 3


def test_rss_details() -> None:
    entry = parse_feed(samples.rss(1).encode()).entries[0]
    assert entry.external_id == "guid:0-0"
    assert entry.link == "https://news.example.org/story/0-0"  # utm_source stripped
    assert entry.published == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    assert entry.language == "en"
    assert "<p>" not in entry.text
    assert "\n\n" in entry.text


def test_atom_and_json_details() -> None:
    atom = parse_feed(samples.atom(1).encode()).entries[0]
    assert (atom.external_id, atom.author) == ("guid:urn:uuid:0-0", "Ada Writer")
    json_entry = parse_feed(samples.json_feed(1).encode()).entries[0]
    assert json_entry.link == "https://json.example.org/0"
    assert json_entry.author == "Jay Son"
    assert json_entry.published == datetime(2026, 3, 1, tzinfo=UTC)


def test_json_feed_with_bad_items_keeps_the_good_ones() -> None:
    feed = parse_feed(samples.json_feed(2).encode(), content_type="application/json")
    assert len(feed.entries) == 2
    assert feed.problem is not None


PAGE = samples.page("Harbour news", samples.article_text(3))


def _with_head(extra: str) -> bytes:
    return PAGE.replace("</head>", extra + "</head>").encode()


@pytest.mark.parametrize(("body", "content_type"), [
    (PAGE.encode(), "text/html; charset=utf-8"),
    (PAGE.encode(), ""),  # no type: known by its doctype
    (b"\xef\xbb\xbf<!-- built 2026 -->\n<HTML><body><p>Hello</p></body></HTML>", "text/plain"),
])
def test_a_web_page_is_called_a_web_page_not_a_malformed_feed(body: bytes,
                                                                content_type: str) -> None:
    feed = parse_feed(body, content_type=content_type, url="https://example.org/news")
    assert not feed.is_feed
    assert feed.problem == "this is a web page, not an RSS or Atom feed"


@pytest.mark.parametrize(("link", "found"), [
    ('<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">',
     "https://example.org/feed.xml"),
    ("<link rel='Alternate' type='application/atom+xml; charset=utf-8' href='atom/'>",
     "https://example.org/atom/"),
    ('<link type="application/feed+json" rel="alternate" href="https://cdn.example.net/f.json">',
     "https://cdn.example.net/f.json"),
])
def test_a_web_page_that_links_its_feed_says_where(link: str, found: str) -> None:
    other = '<link rel="alternate" type="text/html" hreflang="ru" href="/ru/">'
    feed = parse_feed(_with_head(other + link), content_type="text/html",
                      url="https://example.org/news")
    assert feed.problem == ("this is a web page, not an RSS or Atom feed; the page links its "
                            f"feed at {found}")


@pytest.mark.parametrize("link", [
    '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
    '<link rel="stylesheet" type="application/rss+xml" href="/feed.xml">',
    '<link rel="alternate" type="application/rss+xml">',
])
def test_links_that_are_no_feed_are_not_offered(link: str) -> None:
    feed = parse_feed(_with_head(link), content_type="text/html", url="https://example.org/")
    assert feed.problem == "this is a web page, not an RSS or Atom feed"


def test_a_feed_served_as_html_is_still_a_feed() -> None:
    feed = parse_feed(samples.rss(2).encode(), content_type="text/html")
    assert feed.is_feed
    assert len(feed.entries) == 2


def test_malformed_feed_is_parsed_as_far_as_it_goes() -> None:
    broken = samples.rss(3).replace("</item>", "</itm>", 1).replace("&lt;p&gt;", "&bogus;", 1)
    feed = parse_feed(broken.encode(), content_type="application/rss+xml")
    assert feed.is_feed
    assert feed.problem
    assert "malformed" in feed.problem
    assert len(feed.entries) >= 2


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01\x02", b"<html><body>hi</body></html>",
                                     b"{not json", b'{"version": "1"}', b"[1, 2]"])
def test_garbage_is_not_a_feed_and_never_raises(garbage: bytes) -> None:
    feed = parse_feed(garbage)
    assert not feed.is_feed
    assert not feed.entries


def test_identity_prefers_guid_then_link_then_hash() -> None:
    assert entry_identity("g1", "https://x/1", "text") == "guid:g1"
    assert entry_identity(None, "https://x/1", "text") == "url:https://x/1"
    hashed = entry_identity("  ", None, "Some  text")
    assert hashed.startswith("sha256:")
    assert hashed == entry_identity(None, None, "Some text")


def test_no_guid_uses_canonical_link() -> None:
    feed = parse_feed(samples.rss(2, guid=False).encode())
    assert [e.external_id for e in feed.entries] == [
        "url:https://news.example.org/story/0-0", "url:https://news.example.org/story/0-1"]


@pytest.mark.parametrize(("text", "link", "teaser"), [
    ("Short blurb about the council.", "https://x/1", True),
    (samples.article_text(1), "https://x/1", False),
    (samples.article_text(1) + " Continue reading", "https://x/1", True),
    ("Short but nowhere to go.", None, False),
])
def test_teaser_detection(text: str, link: str | None, teaser: bool) -> None:
    assert is_teaser(text, link) is teaser


def test_links_differing_by_a_fragment_are_different_entries() -> None:
    """Issue 13.15: a live blog's updates share a page and differ by their anchor."""
    items = "".join(
        f"<item><title>Update {n}</title><link>https://live.example.org/blog#post-{n}</link>"
        f"<description>{samples.article_text(n)}</description></item>" for n in range(3))
    items += ("<item><title>Page</title><link>https://example.org/story#top</link>"
              "<description>Short.</description></item>")
    document = samples.rss(0).replace("</channel>", items + "</channel>")
    entries = parse_feed(document.encode()).entries
    assert [e.external_id for e in entries] == [
        "url:https://live.example.org/blog#post-0", "url:https://live.example.org/blog#post-1",
        "url:https://live.example.org/blog#post-2", "url:https://example.org/story"]
    assert [e.link for e in entries][:2] == ["https://live.example.org/blog#post-0",
                                             "https://live.example.org/blog#post-1"]
    # The shared page is not any one update's text: a short update is never a page fetch.
    assert not is_teaser("Short update.", "https://live.example.org/blog#post-9")
