"""How the near-duplicate index keys an article's LSH bands: by publication fortnight first.

Ingest writes 42 band rows per article. Keyed by the band alone they land at random
places in the index, so once the index outgrows the page cache (past ~50,000 articles
on SQLite) every row of a batch dirties a page of its own, written at commit and again
at checkpoint: ingest's CPU per article grew 1.35x from 10,000 to 100,000 articles.
Prefixed with the fourteen-day period the article was published in ("p1461:b7:…"), a
batch writes into the pages of this period's region, and a lookup reads two small
regions instead of 42 random pages of the whole index, whatever its size.

That layout is also a rule, on purpose: an article is compared with the originals
published in its own period and in the neighbouring period nearer to it, which always
covers a week either side (up to 20 days one way). A rewrite of a news story appears
within days of the story; one that turns up a month later is news again, and story
folding (over a digest's own window) still groups it with the story if both are in
the digest. Exact copies (same text, URL or source identity) are found however old
they are; this window is only for near-duplicates.

Periods count whole UTC days from 1970-01-01 in fourteens. Migration 0010 computes the
same prefix in SQL for bands stored before it; `tests/store/test_migrate.py` checks
the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from digests.models import Fingerprint

PERIOD_DAYS = 14
"""The width of one region of the band index: twice the near-duplicate window's reach."""

_EPOCH = date(1970, 1, 1)


def _day(published_at: datetime) -> int:
    """Whole UTC days from 1970-01-01 (negative before)."""
    day = published_at.astimezone(UTC).date() if published_at.tzinfo else published_at.date()
    return (day - _EPOCH).days


def period_of(published_at: datetime) -> int:
    """The fourteen-day period (counted from 1970-01-01, UTC) an article belongs to."""
    return _day(published_at) // PERIOD_DAYS


def stored_keys(bands: Iterable[str], published_at: datetime) -> list[str]:
    """The keys an article published at `published_at` stores its bands under, sorted."""
    prefix = f"p{period_of(published_at)}:"
    return sorted({prefix + band for band in bands})


def lookup_keys(bands: Iterable[str], published_at: datetime) -> list[str]:
    """The keys originals near `published_at` sharing one of `bands` are stored under.

    Its own period and the neighbour nearer to its day: an original published up to
    seven days before or after is always found (more, up to 20 days, one way).
    """
    period, offset = divmod(_day(published_at), PERIOD_DAYS)
    neighbour = period - 1 if offset < PERIOD_DAYS // 2 else period + 1
    unique = sorted(set(bands))
    return [f"p{p}:{band}" for p in sorted((period, neighbour)) for band in unique]


@dataclass(slots=True)
class BandCache:
    """A batch's near-duplicate lookups, answered from one query instead of one each.

    Ingest asks, before saving a batch, for every original stored under the keys its
    articles will look up (`SqlStore.prefetch_near_duplicates`); the batch adds its own
    public originals as it stores them. A lookup whose keys were all asked is answered
    here exactly as the SQL would (most shared keys first, then the oldest), which holds
    while nothing else changes which originals exist: SQLite's batch holds the write
    lock, and the batch drops the cache at any other write (an update, a publication).
    On PostgreSQL an original another writer stores meanwhile is missed, as it would be
    between a per-article lookup and its insert.
    """

    asked: set[str]
    ids: dict[str, list[int]] = field(default_factory=dict)
    signatures: dict[int, tuple[int, ...] | None] = field(default_factory=dict)

    def answers(self, keys: Sequence[str]) -> bool:
        """Whether every key was asked, so the cache knows all of their originals."""
        return self.asked.issuperset(keys)

    def add(self, fingerprint: Fingerprint, keys: Iterable[str]) -> None:
        """Note an original stored under `keys` (prefetched, or stored by the batch)."""
        self.signatures[fingerprint.id] = fingerprint.signature
        for key in keys:
            self.ids.setdefault(key, []).append(fingerprint.id)

    def candidates(self, keys: Sequence[str], limit: int) -> list[Fingerprint]:
        """The originals sharing `keys`, most shared first, then the oldest; `limit` of them."""
        shared: dict[int, int] = {}
        for key in set(keys):
            for article_id in self.ids.get(key, ()):
                shared[article_id] = shared.get(article_id, 0) + 1
        best = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
        return [Fingerprint(id=i, signature=self.signatures[i]) for i, _ in best]
