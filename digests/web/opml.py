"""OPML import and export: the subscription list format every feed reader speaks.

Import walks nested outlines (folders) and keeps every outline with an http(s)
`xmlUrl`; export writes a flat OPML 2.0 list. The XML comes from users, so it is parsed
with `defusedxml`, which refuses every entity declaration and external reference outright:
the standard parser expands a declared entity, and only a recent expat stops a large
expansion bomb on its own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # building our own export only; never for parsing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from digests.web.urls import is_http_url


class OpmlError(ValueError):
    """The file is not readable OPML."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed from an OPML file."""

    url: str
    title: str | None = None


def parse_opml(text: str) -> list[OpmlFeed]:
    """Every distinct http(s) feed URL in the document, in document order.

    Raises:
        OpmlError: the text is not well-formed XML, declares entities or has no `<opml>` root.
    """
    try:
        root = SafeET.fromstring(text)
    except ET.ParseError as error:
        raise OpmlError(f"not valid OPML: {error}") from error
    except DefusedXmlException as error:
        raise OpmlError("not valid OPML: entity declarations are not accepted") from error
    if root.tag.lower() != "opml":
        raise OpmlError("not valid OPML: the root element is not <opml>")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if is_http_url(url) and url not in feeds:
            title = outline.get("title") or outline.get("text")
            feeds[url] = OpmlFeed(url, title.strip() if title else None)
    return list(feeds.values())


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
