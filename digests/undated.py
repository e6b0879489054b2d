"""Honest dates: an article without a publication date is never this period's news.

A source that gives no publication date leaves us only the time we ingested the article
(`Article.dated` is False and `published_at` is that ingest time). The article may be a
year old; ranked by that time it would lead today's digest and arrive in tomorrow's
pushed one as fresh news. The rule, applied wherever a digest is composed:

* A time-windowed digest (any window shorter than `OPEN_WINDOW`: 24 h, today, a week,
  a month, a pushed daily period) leaves undated articles out altogether. Their ingest
  time says nothing about when they happened, so they cannot be news of that window.
* An open-ended digest (a window of `OPEN_WINDOW` or more, e.g. ``--since 100000d``, or
  the "latest matches of any age" a digest widens to when its window is empty) may show
  them, but a story with no dated article comes after every dated story, never gives a
  key point, and a dated article leads any story it is part of.
* The period a digest says it covers is the span of its dated articles' publication
  dates; ingest times never stretch it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from digests.models import Article, SearchHit

#: A window at least this long is "open-ended": it is not about any one period's news,
#: so an article known only by its ingest time may appear in it (after the dated ones).
OPEN_WINDOW = timedelta(days=365)


def is_open_window(since: datetime, until: datetime) -> bool:
    """Whether a digest over [since, until] is open-ended rather than one period's news."""
    return until - since >= OPEN_WINDOW


def news_hits(hits: Sequence[SearchHit], *, open_window: bool) -> list[SearchHit]:
    """The hits that may enter a digest: undated ones only in an open-ended window."""
    return list(hits) if open_window else [h for h in hits if h.article.dated]


def news_articles(articles: Sequence[Article], *, open_window: bool) -> list[Article]:
    """`news_hits` for bare articles (the store's near-duplicates of the hits)."""
    return list(articles) if open_window else [a for a in articles if a.dated]


def has_date(group: Sequence[Article]) -> bool:
    """Whether a story (its folded articles) has at least one publication date."""
    return any(article.dated for article in group)


def dated_first(groups: Sequence[Sequence[Article]]) -> list[Sequence[Article]]:
    """Stories with a publication date first, then the undated ones, each in its order.

    A stable partition like `digests.language.language_first`: undated stories keep their
    relative ranking but never come before a dated one, so one is never a digest's lead.
    """
    return [g for g in groups if has_date(g)] + [g for g in groups if not has_date(g)]


def published_span(articles: Sequence[Article]) -> tuple[datetime, datetime] | None:
    """The earliest and latest publication date among dated articles; None without any."""
    dates = [article.published_at for article in articles if article.dated]
    return (min(dates), max(dates)) if dates else None
