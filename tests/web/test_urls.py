from __future__ import annotations

import pytest

from digests.web.urls import (
    canonical_feed_url,
    canonical_link,
    canonicalize_url,
    identity_fragment,
    identity_url,
    is_http_url,
    same_site,
)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://Example.COM:443/a/b?utm_source=x&id=3&fbclid=Z#frag", "https://example.com/a/b?id=3"),
    ("http://example.com:80", "http://example.com/"),
    ("https://example.com/news/amp/story-1", "https://example.com/news/story-1"),
    ("https://example.com/news/story-1/amp", "https://example.com/news/story-1"),
    ("https://example.com/story.amp.html", "https://example.com/story.html"),
    ("https://amp.example.com/story?amp=1&gclid=1", "https://example.com/story"),
    ("https://user:pw@example.com:8080/x?b=2&a=1", "https://example.com:8080/x?b=2&a=1"),
    ("https://example.com/Path/Case", "https://example.com/Path/Case"),
    ("https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"),
])
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_canonicalize_is_idempotent() -> None:
    once = canonicalize_url("https://amp.example.com/a/amp/?utm_medium=m&q=1#top")
    assert canonicalize_url(once) == once


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "javascript:x",
                                 "example.com", "http://", "http://[::1"])
def test_not_http(url: str) -> None:
    assert not is_http_url(url)
    assert canonicalize_url(url) == url.strip()
    assert canonical_feed_url(f"  {url} ") == url.strip()


def test_canonical_link_is_honoured_relative_and_cleaned() -> None:
    page = ('<html><head><link rel="stylesheet" href="/s.css">'
            "<link href='/story/42?utm_campaign=z' rel='canonical'></head></html>")
    assert canonical_link(page, "https://m.example.com/x") == "https://m.example.com/story/42"


def test_canonical_link_must_stay_on_the_same_site() -> None:
    page = '<link rel="canonical" href="https://www.reuters.com/world/story">'
    assert canonical_link(page, "https://evil.example/fake") is None
    assert canonical_link(page, "https://reuters.com.evil.example/x") is None
    assert canonical_link(page, "https://amp.reuters.com/x") == "https://www.reuters.com/world/story"
    assert canonical_link(page, "https://uk.reuters.com/x") == "https://www.reuters.com/world/story"


def test_a_page_on_a_shared_host_cannot_claim_the_hosts_own_site() -> None:
    for claimed, page_url in [("https://github.io/news", "https://someone.github.io/post"),
                              ("https://other.github.io/story", "https://someone.github.io/p"),
                              ("https://www.blogspot.com/x", "https://someone.blogspot.com/y"),
                              ("https://example.co.uk/x", "https://other.co.uk/y"),
                              ("https://co.uk/x", "https://example.co.uk/y")]:
        page = f'<link rel="canonical" href="{claimed}">'
        assert canonical_link(page, page_url) is None, (claimed, page_url)


def test_sibling_hosts_of_one_outlet_are_one_site() -> None:
    page = '<link rel="canonical" href="https://news.example.co.uk/world/1">'
    assert canonical_link(page, "https://sport.example.co.uk/x") == (
        "https://news.example.co.uk/world/1")
    assert same_site("https://someone.github.io/a", "https://someone.github.io/b")
    assert same_site("https://news.bbc.co.uk/", "https://www.bbc.co.uk/")
    assert same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b")
    assert not same_site("http://127.0.0.1/a", "http://127.0.0.2/a")
    assert not same_site("http://localhost/a", "http://other.localhost/a")
    assert not same_site("not a url", "not a url")


def test_canonical_link_ignores_non_http() -> None:
    page = '<link rel="canonical" href="javascript:alert(1)">'
    assert canonical_link(page, "https://example.com/") is None
    assert canonical_link("<p>no head</p>", "https://example.com/") is None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/news/AMP/story-1", "https://example.com/news/story-1"),
    ("https://example.com/story.AMP.HTML", "https://example.com/story.HTML"),
    ("https://example.com/story.Amp", "https://example.com/story"),
    ("https://example.com/news/amp.html", "https://example.com/news/"),
    ("https://example.com/news/AMP.htm", "https://example.com/news/"),
    ("https://example.com/amp", "https://example.com/"),
    ("https://Example.COM./a", "https://example.com/a"),
    ("https://example.com:99999/a", "https://example.com/a"),  # a port that cannot be
    ("https://example.com/a?flag=&id=3", "https://example.com/a?flag=&id=3"),
])
def test_one_key_for_every_spelling_of_an_article(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize(("head", "expected"), [
    ("<link rel=canonical href=/story/7>", "https://example.com/story/7"),
    ('<link href="/style.css"><link rel="canonical" href="/story/7">',
     "https://example.com/story/7"),
    ('<link rel="canonical" href=""><link rel="canonical" href="/story/7">',
     "https://example.com/story/7"),
    ('<link rel="canonical">', None),
    ('<link rel="canonical" href="">', None),
    ('<link rel="alternate" href="/other">', None),
])
def test_the_canonical_link_in_a_pages_head(head: str, expected: str | None) -> None:
    assert canonical_link(f"<html><head>{head}</head></html>", "https://example.com/x") == expected


def test_addresses_and_trailing_dots_in_site_comparison() -> None:
    assert same_site("https://news.bbc.co.uk./a", "https://www.bbc.co.uk/b")
    assert same_site("http://localhost./a", "http://localhost/b")
    assert not same_site("http://127.0.0.1./a", "http://10.0.0.1./b")  # each its own site
    assert same_site("https://NEWS.example.CO.UK/a", "https://sport.example.co.uk/b")
    assert not same_site("http://127.0.0.1/a", "http://10.0.0.1/a")
    assert not same_site("http://[::1]/a", "http://[::2]/a")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://Live.example.org/blog?utm_source=rss#post-3", "https://live.example.org/blog#post-3"),
    ("https://live.example.org/blog#update-1412", "https://live.example.org/blog#update-1412"),
    ("https://example.org/app#!/item/9", "https://example.org/app#!/item/9"),
    ("https://example.org/story#top", "https://example.org/story"),
    ("https://example.org/story#Comments", "https://example.org/story"),
    ("https://example.org/story#", "https://example.org/story"),
    ("https://example.org/story#xtor=RSS-1", "https://example.org/story"),
    ("https://example.org/story#:~:text=budget", "https://example.org/story"),
])
def test_identity_url_keeps_fragments_that_name_an_item(url: str, expected: str) -> None:
    assert identity_url(url) == expected
    assert identity_url(expected) == expected
    assert canonicalize_url(url) == expected.split("#")[0]


@pytest.mark.parametrize(("fragment", "expected"), [
    ("post-3", "post-3"),
    (" update-1412 ", "update-1412"),
    ("!/item/9", "!/item/9"),
    ("", None),
    ("   ", None),
    ("top", None),
    ("Comments", None),
    ("xtor=RSS-1", None),
    (":~:text=budget", None),
    (":~:", None),  # a fragment directive, even an empty one, is for the browser: the page
])
def test_only_a_fragment_that_names_an_item_is_kept(fragment: str, expected: str | None) -> None:
    assert identity_fragment(fragment) == expected
    page = "https://example.org/story"
    assert identity_url(f"{page}#{fragment}") == (f"{page}#{expected}" if expected else page)


@pytest.mark.parametrize(("url", "expected"), [
    (" HTTPS://News.Example.ORG.:443/feed?utm_source=opml&id=2#top ",
     "https://news.example.org/feed?id=2"),
    ("http://news.example.org:80/rss", "http://news.example.org/rss"),
    ("http://news.example.org:443/rss", "http://news.example.org:443/rss"),
    ("https://news.example.org:8443/rss", "https://news.example.org:8443/rss"),
    ("https://news.example.org", "https://news.example.org/"),
    ("http://[2001:DB8::1]:8080/feed", "http://[2001:db8::1]:8080/feed"),
    ("http://[::1]/feed", "http://[::1]/feed"),
    # Credentials stay (some feeds need them), even with an unescaped "@" in the password.
    ("https://reader:s3cret@News.example.org/private.xml",
     "https://reader:s3cret@news.example.org/private.xml"),
    ("https://reader:p@ss@news.example.org/private.xml",
     "https://reader:p@ss@news.example.org/private.xml"),
    # The path as written: no AMP guessing, its case kept, non-ASCII sent percent-encoded.
    ("https://amp.example.org/amp/Feed.XML", "https://amp.example.org/amp/Feed.XML"),
    ("https://pod.example.org/épisodes/ça.rss",
     "https://pod.example.org/%C3%A9pisodes/%C3%A7a.rss"),
    ("https://example.org/a b/feed", "https://example.org/a%20b/feed"),
    ("https://example.org/%7Euser/rss;v=2,x:y@z!$&'()*+=-._~",
     "https://example.org/%7Euser/rss;v=2,x:y@z!$&'()*+=-._~"),
    ("https://example.org/feed?flag=&id=3&fbclid=Z", "https://example.org/feed?flag=&id=3"),
])
def test_one_spelling_per_feed(url: str, expected: str) -> None:
    assert canonical_feed_url(url) == expected
    assert canonical_feed_url(expected) == expected


def test_a_feed_url_with_an_impossible_port_is_kept_as_written() -> None:
    # Dropping the port would subscribe to the feed on the default port, another server
    # than the one typed; kept, the first fetch refuses it and says why.
    for url in ("https://news.example.org:99999/feed", "http://news.example.org:http/feed"):
        assert canonical_feed_url(url) == url
