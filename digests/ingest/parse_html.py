"""Parsing HTML with trafilatura: main text plus title, author, date and language.

Comments are excluded (`include_comments=False`): reader comments are not the article
and would leak into summaries. trafilatura does not report the page language from
`<html lang>`, so we read that attribute ourselves; it is cheap and usually right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import trafilatura

from digests import reasons
from digests.ingest.records import draft_from_record
from digests.ingest.types import Rejection
from digests.models import ArticleDraft

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?",
                        re.IGNORECASE)


def page_language(html: str) -> str | None:
    """The primary language subtag of `<html lang=...>`, lowercased."""
    match = _HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None


def parse_html(html: str, *, label: str, url: str | None = None,
               metadata: Mapping[str, object] | None = None) -> ArticleDraft | Rejection:
    """One article from an HTML page, or a rejection when no main text is found."""
    document = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                           with_metadata=True)
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        return Rejection(label, reasons.NO_MAIN_TEXT)
    text = str(document.text)
    title = document.title
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        text = rest
    record: dict[str, object] = {
        "title": title,
        "text": text,
        "author": document.author,
        "published": document.date,
        "url": document.url or url,
        "source": document.sitename or document.hostname,
        "language": page_language(html),
        **(metadata or {}),
    }
    return draft_from_record(record, default_source="web", origin="html")
