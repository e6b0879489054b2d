"""A link to an article draft: fetch the page, find its canonical URL, extract the text.

Extraction is the ingest stage's `parse_html` (trafilatura, comments excluded), so a page
fetched here and an HTML file imported from disk are read by the same code. The URL the
article is stored under is the page's own `<link rel=canonical>` when it has one, else
the canonicalized final URL after redirects, so any link to it finds the same article.
"""

from __future__ import annotations

import asyncio
import dataclasses

from digests import reasons
from digests.ingest.parse_html import parse_html
from digests.ingest.types import Rejection
from digests.models import ArticleDraft
from digests.web.fetch import ACCEPT_PAGE, Fetcher, FetchError, FetchResult, decode_body
from digests.web.urls import canonical_link, canonicalize_url

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")


def _extract(result: FetchResult, label: str) -> tuple[ArticleDraft | Rejection, str]:
    """Decode and extract a fetched page: CPU-bound (trafilatura), so run in a thread."""
    page = decode_body(result)
    canonical = canonical_link(page, result.url) or canonicalize_url(result.url)
    return parse_html(page, label=label, url=result.url), canonical


async def fetch_page(fetcher: Fetcher, url: str) -> ArticleDraft:
    """Fetch `url` and extract its article: title, text, author, date, language.

    Raises:
        FetchError: the page could not be fetched or is not an HTML page with a main
            text; `reason` is ready to show to the user.
    """
    result = await fetcher.fetch(url, accept=ACCEPT_PAGE)
    if result.content_type not in _HTML_TYPES:
        raise FetchError("unsupported-type",
                         reasons.NOT_HTML_PAGE.format(media=result.content_type))
    draft, canonical = await asyncio.to_thread(_extract, result, url)
    if isinstance(draft, Rejection):
        raise FetchError("empty", reasons.NO_ARTICLE_TEXT.format(reason=draft.reason))
    return dataclasses.replace(draft, url=result.url, canonical_url=canonical, origin="link")
