"""How the near-duplicate index keys an article's LSH bands: by publication week first.

Ingest writes 42 band rows per article. Keyed by the band alone they land at random
places in the index, so once the index outgrows the page cache (past ~50,000 articles
on SQLite) every row of a batch dirties a page of its own, written at commit and again
at checkpoint: ingest's CPU per article grew 1.35x from 10,000 to 100,000 articles.
Prefixed with the seven-day period the article was published in ("w2921:b7:…"), a
batch writes into the few pages of this week's region, and a lookup reads three small
regions instead of 42 random pages of the whole index, whatever its size.

That layout is also a rule, on purpose: an article is compared with originals published
in its own period and the periods either side of it, 7 to 21 days around it. A rewrite
of a news story appears within days of the story; one that turns up months later is
news again, and the story folding of digests (which looks at the digest's own window)
groups it if it matters. Exact copies (same text, URL or source identity) are found
however old they are; this window is only for near-duplicates.

Periods count whole UTC days from 1970-01-01 in sevens. Migration 0010 computes the same
prefix in SQL for bands stored before it; `tests/store/test_bands.py` checks the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

PERIOD_DAYS = 7
"""The width of one region of the band index, and of the near-duplicate window's steps."""

_EPOCH = date(1970, 1, 1)


def period_of(published_at: datetime) -> int:
    """The seven-day period (counted from 1970-01-01, UTC) an article belongs to."""
    day = published_at.astimezone(UTC).date() if published_at.tzinfo else published_at.date()
    return (day - _EPOCH).days // PERIOD_DAYS


def stored_keys(bands: Iterable[str], published_at: datetime) -> list[str]:
    """The keys an article published at `published_at` stores its bands under, sorted."""
    prefix = f"w{period_of(published_at)}:"
    return sorted({prefix + band for band in bands})


def lookup_keys(bands: Iterable[str], published_at: datetime) -> list[str]:
    """The keys originals near `published_at` sharing one of `bands` are stored under.

    Its own period and the one either side: an original published up to a week before
    or after is always found, up to three weeks away sometimes (period boundaries).
    """
    period = period_of(published_at)
    unique = sorted(set(bands))
    return [f"w{p}:{band}" for p in (period - 1, period, period + 1) for band in unique]
