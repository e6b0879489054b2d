"""Feeds to entries: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by hand.

feedparser is lenient by design: a malformed feed ("bozo") is parsed as far as it goes
and whatever entries it yields are kept; only a document with no feed in it at all is a
failure. Every entry gets a stable identity — GUID, else canonical link, else a hash of
its text — so a feed that re-dates or re-publishes an entry never creates a duplicate.
Entries that carry only a teaser are flagged so the poller fetches the article page.
"""

from __future__ import annotations

import calendar
import codecs
import dataclasses
import hashlib
import html
import json
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from digests import reasons
from digests.ingest.records import parse_date
from digests.models import BODY, HEADLINE_ONLY, TEASER_ONLY, ArticleDraft
from digests.web.urls import identity_url, is_http_url

TEASER_WORDS = 80
TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "more »")
_BLOCK = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr)\b[^>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")
_JSON_FEED_TYPES = ("application/feed+json", "application/json")
#: What a page's ``<link rel="alternate">`` calls a feed (RSS/Atom autodiscovery, JSON Feed).
FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                   "application/feed+json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_STARTS = (b"<!doctype html", b"<html")
#: Where a page's ``<link>`` tags are looked for: they belong in the head, near the top.
FEED_LINK_SCAN_BYTES = 256 * 1024
# UTF-32 first: its little-endian mark starts with UTF-16's.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32le"), (codecs.BOM_UTF32_BE, "utf-32be"),
              (codecs.BOM_UTF16_LE, "utf-16le"), (codecs.BOM_UTF16_BE, "utf-16be"))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry, with its identity and whether only a teaser was given."""

    external_id: str
    title: str | None
    link: str | None
    text: str
    published: datetime | None
    author: str | None
    language: str | None
    teaser: bool


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title and entries; `problem` describes malformation, if any."""

    title: str | None
    entries: tuple[FeedEntry, ...]
    problem: str | None = None
    is_feed: bool = True


def html_to_text(fragment: str) -> str:
    """Plain text from an entry's HTML: block tags become paragraph breaks."""
    text = _BLOCK.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n\n", text).strip()


def entry_identity(guid: str | None, link: str | None, text: str) -> str:
    """GUID, else canonical link, else content hash: stable across re-dating.

    The link keeps a fragment that names one item on its page (`digests.web.urls.identity_url`),
    so entries that differ only by `#post-3` stay distinct entries.
    """
    if guid and guid.strip():
        return f"guid:{guid.strip()}"
    if link:
        return f"url:{link}"
    digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]
    return f"sha256:{digest}"


def is_teaser(text: str, link: str | None) -> bool:
    """Whether the entry's text is only a teaser for a linked page worth fetching.

    A link with a fragment points at one item of a page shared with other entries (a live
    blog's update): the page's text is not this entry's, so it is never fetched for it.
    """
    if not link or "#" in link:
        return False
    return is_short(text)


def is_short(text: str) -> bool:
    """Whether a text is only a teaser: under `TEASER_WORDS` words, or "Read more…"."""
    stripped = text.strip().lower()
    return len(stripped.split()) < TEASER_WORDS or stripped.endswith(TEASER_ENDINGS)


def _link(value: object) -> str | None:
    return identity_url(value) if isinstance(value, str) and is_http_url(value) else None


def _entry(guid: str | None, link: str | None, title: str | None, body_html: str,
           published: datetime | None, author: str | None,
           language: str | None) -> FeedEntry:
    text = html_to_text(body_html)
    title = html_to_text(title) if title else None
    return FeedEntry(entry_identity(guid, link, text or title or ""), title or None, link,
                     text, published, author or None, language,
                     is_teaser(text, link))


# RSS and Atom --------------------------------------------------------------------
def _struct_time(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


def _feedparser_entry(entry: Mapping[str, Any], language: str | None) -> FeedEntry:
    contents = entry.get("content") or []
    bodies = [str(c.get("value", "")) for c in contents if isinstance(c, Mapping)]
    summary = str(entry.get("summary", "") or "")
    body = max([*bodies, summary], key=len)
    published = (_struct_time(entry.get("published_parsed"))
                 or _struct_time(entry.get("updated_parsed")))
    return _entry(entry.get("id"), _link(entry.get("link")), entry.get("title"), body,
                  published, entry.get("author"), language)


def with_bom_charset(body: bytes, content_type: str) -> str:
    """`content_type` with the charset a UTF-16/32 byte order mark names, if `body` has one.

    RFC 7303 (3.2) puts the BOM before the header's charset. feedparser still follows RFC
    3023, where `text/xml` without a charset is US-ASCII: a UTF-16 feed with a BOM served
    as plain `text/xml` fails "not well-formed" once it has a line break, though the mark
    leaves no doubt about its encoding.
    """
    charset = next((name for bom, name in _WIDE_BOMS if body.startswith(bom)), None)
    if charset is None:
        return content_type
    media = content_type.split(";", 1)[0].strip() or "application/xml"
    return f"{media}; charset={charset}"


def _parse_with_feedparser(body: bytes, content_type: str, url: str) -> ParsedFeed:
    header = with_bom_charset(body, content_type or "application/xml")
    parsed = feedparser.parse(body, response_headers={"content-type": header,
                                                      "content-location": url})
    feed = parsed.get("feed", {})
    language = str(feed.get("language") or "")[:2].lower() or None
    entries = tuple(_feedparser_entry(e, language) for e in parsed.get("entries", []))
    problem = None
    if parsed.get("bozo"):
        problem = reasons.MALFORMED_FEED.format(error=parsed.get("bozo_exception"))
    is_feed = bool(entries) or bool(parsed.get("version")) or bool(feed.get("title"))
    if not is_feed and looks_like_html(body, content_type):
        linked = feed_links(body, url)
        problem = (reasons.WEB_PAGE_NAMES_FEED.format(url=linked[0]) if linked
                   else reasons.WEB_PAGE)
    return ParsedFeed(feed.get("title") or None, entries, problem, is_feed)


def looks_like_html(body: bytes, content_type: str) -> bool:
    """A web page by its declared type or by how it starts (``<!doctype html``, ``<html``)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _HTML_TYPES:
        return True
    head = body[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    while head.startswith(b"<!--"):  # comments before the doctype
        _, closed, head = head.partition(b"-->")
        if not closed:
            return False
        head = head.lstrip()
    return head[:14].lower().startswith(_HTML_STARTS)


class _FeedLinkParser(HTMLParser):
    """Collects the ``href`` of each ``<link rel="alternate" type="<feed type>">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        media = values.get("type", "").split(";", 1)[0].strip().lower()
        if ("alternate" in values.get("rel", "").lower().split() and media in FEED_LINK_TYPES
                and values.get("href")):
            self.found.append(values["href"])


def feed_links(body: bytes, page_url: str) -> list[str]:
    """The feeds a web page names in its head (feed autodiscovery), as absolute http(s) URLs.

    A page added by mistake for its feed usually says where the feed is; the admin is told
    that URL instead of "malformed feed".
    """
    parser = _FeedLinkParser()
    try:
        parser.feed(body[:FEED_LINK_SCAN_BYTES].decode("utf-8", "replace"))
        parser.close()
    except Exception:
        return []
    found = (urljoin(page_url, href) if page_url else href for href in parser.found)
    return list(dict.fromkeys(link for link in found if is_http_url(link) and link != page_url))


# JSON Feed -----------------------------------------------------------------------
def _json_author(item: Mapping[str, Any]) -> str | None:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    names = [str(a.get("name")) for a in authors if isinstance(a, Mapping) and a.get("name")]
    return ", ".join(names) or None


def _json_entry(item: object, language: str | None) -> FeedEntry | None:
    if not isinstance(item, Mapping):
        return None
    body = item.get("content_html") or html.escape(str(item.get("content_text") or "")) \
        or str(item.get("summary") or "")
    date = item.get("date_published") or item.get("date_modified")
    guid = item.get("id")
    return _entry(str(guid) if guid is not None else None,
                  _link(item.get("url") or item.get("external_url")),
                  item.get("title") if isinstance(item.get("title"), str) else None,
                  str(body), parse_date(date), _json_author(item),
                  str(item.get("language") or language or "")[:2].lower() or None)


def _json_item(item: object, language: str | None) -> FeedEntry | None:
    """One item, or None when it is unreadable (e.g. a field nested too deeply)."""
    try:
        return _json_entry(item, language)
    except (ValueError, TypeError, RecursionError):
        return None


def parse_json_feed(body: bytes) -> ParsedFeed:
    """A JSON Feed (https://jsonfeed.org, 1.0 and 1.1); bad items are skipped, not fatal."""
    try:
        document = json.loads(body)  # bytes: UTF-8/16/32 and a BOM detected by json
    except RecursionError:
        return ParsedFeed(None, (), reasons.NESTED_JSON_FEED, is_feed=False)
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
        return ParsedFeed(None, (), reasons.MALFORMED_JSON_FEED.format(error=error), is_feed=False)
    if not isinstance(document, Mapping) or "jsonfeed.org" not in str(document.get("version")):
        return ParsedFeed(None, (), reasons.NOT_A_JSON_FEED, is_feed=False)
    items = document.get("items")
    language = str(document.get("language") or "")[:2].lower() or None
    raw: Sequence[object] = items if isinstance(items, list) else []
    entries = tuple(e for item in raw if (e := _json_item(item, language)) is not None)
    problem = None if len(entries) == len(raw) else reasons.UNREADABLE_JSON_ITEMS
    title = document.get("title")
    return ParsedFeed(title if isinstance(title, str) else None, entries, problem)


def looks_like_json(body: bytes, content_type: str) -> bool:
    """JSON by declared type or by its first non-blank byte."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media in _JSON_FEED_TYPES or body.lstrip()[:1] == b"{"


def parse_feed(body: bytes, *, content_type: str = "", url: str = "") -> ParsedFeed:
    """Parse any supported feed format; never raises on malformed input.

    `content_type` is the whole header, charset included, and the body stays bytes:
    feedparser applies RFC 3023's rules itself (header charset, BOM, XML declaration),
    which is how UTF-16 and UTF-32 feeds served as `text/xml` are read.
    """
    if looks_like_json(body, content_type):
        return parse_json_feed(body)
    try:
        return _parse_with_feedparser(body, content_type, url)
    except Exception as error:  # a parser bug on hostile input must not stop the poller
        return ParsedFeed(None, (), reasons.UNPARSEABLE_FEED.format(error=error.__class__.__name__),
                          is_feed=False)


def entry_draft(entry: FeedEntry, *, source: str, feed_url: str) -> ArticleDraft:
    """The entry as an article draft, keyed by (source, external_id).

    An entry with a headline and no text that has no page to fetch is a headline-only
    article (`thin_draft`); a teaser's page is tried first (the poller's `merge_page`).
    """
    draft = ArticleDraft(
        title=entry.title or "", text=entry.text, source=source, url=entry.link,
        canonical_url=entry.link, language=entry.language, published_at=entry.published,
        author=entry.author, external_id=entry.external_id, origin="feed",
        extra={"feed": feed_url},
    )
    return draft if entry.teaser else thin_draft(draft)


def thin_draft(draft: ArticleDraft) -> ArticleDraft:
    """A draft whose page was not read, marked for what it is (`digests.models.BODY`).

    No text but a headline: the headline is stored as the text too, so it can be found,
    summarised (as itself) and shown as "headline only" instead of being rejected as
    empty. A short text that was only a teaser is marked as one. A full text, or a draft
    with neither text nor title, is returned as it is.
    """
    if not draft.text.strip():
        if not draft.title.strip():
            return draft  # nothing to store: rejected as empty
        return dataclasses.replace(draft, text=draft.title,
                                   extra={**draft.extra, BODY: HEADLINE_ONLY})
    if is_short(draft.text):
        return dataclasses.replace(draft, extra={**draft.extra, BODY: TEASER_ONLY})
    return draft
