"""One page of search results as a single Telegram HTML message.

Paging is done with buttons (`bot.render.keyboards.search_keyboard`), so a page is always
one message; titles and the echoed query are shortened so a page fits. Send with link
previews disabled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo

from bot.render.credit import credit_line
from bot.render.html import bold, code, escape, link, shorten
from bot.render.split import first_message
from digests.models import SearchHit

MAX_TITLE_CHARS = 200
MAX_QUERY_CHARS = 200


def hit_block(hit: SearchHit, number: int, tz: tzinfo = UTC) -> str:
    """One result: numbered title link, credit line, and the command that opens it."""
    article = hit.article
    title = link(shorten(article.title, MAX_TITLE_CHARS) or "Untitled", article.url)
    return f"{number}. {title}\n{credit_line(article, tz=tz)} · {code(f'/article {article.id}')}"


def render_search(
    hits: Sequence[SearchHit], query: str, page: int, total_pages: int, *, tz: tzinfo = UTC
) -> str:
    """Render one page of results for `query`, numbered within the page.

    Returns:
        One message of at most 4096 visible characters.
    """
    shown = code(shorten(query, MAX_QUERY_CHARS))
    if not hits:
        return f"Nothing found for {shown}. Try fewer or different words."
    heading = f"{bold('🔎 Results for')} {shown}"
    if total_pages > 1:
        heading += escape(f" · page {page} of {total_pages}")
    blocks = [heading, *(hit_block(hit, i, tz) for i, hit in enumerate(hits, start=1))]
    return first_message(blocks)
