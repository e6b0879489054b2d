"""OPML import and export: the subscription list format every feed reader speaks.

Import walks nested outlines (folders) and keeps every outline that names a feed, in the
spellings real exporters write: `xmlUrl` in any letter case (`xmlURL`, `xmlurl`), or
`url` on an outline typed as a feed; `feed://`, `feed:https://`, `itpc://`, `pcast://` and
`podcast://` links are http(s) feeds under another scheme. Each URL is canonicalised
(`canonical_feed_url`) before duplicates are dropped, so `HTTPS://Host/feed?utm_source=x#top`
is the feed already listed. What was left out is counted with its reason, for the report.

The file's bytes go to the XML parser as they are, so the encoding its declaration names
(ISO-8859-1, windows-1252) is honoured; one with no declaration that is not UTF-8 is read
as windows-1252, what such files are in practice. The XML comes from users, so it is parsed
with `defusedxml`, which refuses every entity declaration and external reference outright:
the standard parser expands a declared entity, and only a recent expat stops a large
expansion bomb on its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # building our own export only; never for parsing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from digests.web.urls import canonical_feed_url, is_http_url

#: Schemes podcast and feed links use for an http(s) feed ("itpc://host/x.rss").
FEED_SCHEMES = ("feed", "itpc", "pcast", "podcast")
#: Outline types whose `url` attribute is a feed; OPML 2.0 gives `url` to links and
#: included OPML files too, which are not feeds.
FEED_TYPES = frozenset({"", "rss", "atom", "feed", "json", "jsonfeed"})
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$", re.DOTALL)


class OpmlError(ValueError):
    """The file is not readable OPML."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed from an OPML file."""

    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """The distinct feeds of a file, and what was left out: duplicates and skipped outlines."""

    feeds: list[OpmlFeed]
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def describe_skipped(self) -> str:
        """E.g. "2 outlines skipped (1 without a feed URL, 1 not an http(s) feed)"."""
        total = sum(self.skipped.values())
        if not total:
            return "no outlines skipped"
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
        return f"{total} outline{'s' if total != 1 else ''} skipped ({reasons})"


def feed_url(value: str) -> str | None:
    """The http(s) URL a feed link means (`feed://x` is `http://x`), canonical; None if none."""
    value = value.strip()
    match = _SCHEME.match(value)
    if match and match.group(1).lower() in FEED_SCHEMES:
        rest = match.group(2)
        value = rest if is_http_url(rest) else f"http:{rest}"
    return canonical_feed_url(value) if is_http_url(value) else None


def _outline_link(outline: Element) -> str | None:
    """The feed link an outline names, whatever the attribute's letter case."""
    attributes = {name.lower(): value for name, value in outline.attrib.items()}
    if attributes.get("xmlurl", "").strip():
        return attributes["xmlurl"]
    if attributes.get("type", "").strip().lower() in FEED_TYPES:
        return attributes.get("url", "").strip() or None
    return None


def _root(document: bytes | str) -> Element:
    if isinstance(document, bytes) and not _DECLARED_ENCODING.match(document):
        try:
            document.decode("utf-8")
        except UnicodeDecodeError:
            document = document.decode("windows-1252", errors="replace")
    try:
        root: Element = SafeET.fromstring(document)
    except ET.ParseError as error:
        raise OpmlError(f"not valid OPML: {error}") from error
    except DefusedXmlException as error:
        raise OpmlError("not valid OPML: entity declarations are not accepted") from error
    except LookupError as error:  # an encoding Python does not know
        raise OpmlError(f"not valid OPML: {error}") from error
    return root


def parse_opml(document: bytes | str) -> OpmlImport:
    """Every distinct feed in the document, in document order, and what was left out.

    Raises:
        OpmlError: not well-formed XML, declares entities or has no `<opml>` root.
    """
    root = _root(document)
    if root.tag.lower() != "opml":
        raise OpmlError("not valid OPML: the root element is not <opml>")
    feeds: dict[str, OpmlFeed] = {}
    duplicates = 0
    skipped: Counter[str] = Counter()
    for outline in root.iter("outline"):
        link = _outline_link(outline)
        if link is None:
            if len(outline) == 0:  # a folder is not a skipped feed
                skipped["without a feed URL"] += 1
            continue
        url = feed_url(link)
        if url is None:
            skipped["not an http(s) feed"] += 1
        elif url in feeds:
            duplicates += 1
        else:
            title = outline.get("title") or outline.get("text")
            feeds[url] = OpmlFeed(url, title.strip() if title else None)
    return OpmlImport(list(feeds.values()), duplicates, skipped)


def export_opml(feeds: Iterable[OpmlFeed], *, now: datetime,
                title: str = "newsdigest sources") -> str:
    """An OPML 2.0 document listing `feeds` (escaped by ElementTree)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = now.strftime("%a, %d %b %Y %H:%M:%S %z")
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
