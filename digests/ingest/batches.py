"""Prepare and save runs of drafts in batches, preparing the next batch while one saves.

A batch is prepared first (CPU only, no database), then saved in one store transaction
with a savepoint per article (`Store.batch`), so the write lock is held only while
saving and a commit is paid per batch instead of per article. Items are saved in
order, so later drafts see earlier ones as possible duplicates, exactly as when they
were saved one at a time.

While a batch saves, one worker thread prepares the next: saving spends most of its
time inside SQLite, which releases the GIL, and preparing is Python and NumPy work, so
the two overlap. Preparation is pure (no store, no shared state), so the results do
not depend on the timing; an error in preparing surfaces after the batch before it is
saved, as it did before. A batch that lost its database connection was rolled back whole
(`Store.batch`), so it is saved once more on a new connection before giving up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from digests.ingest.known import KnownKeys
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import AddResult, ArticleDraft
from digests.store.base import Store
from digests.store.errors import BatchAbortedError, ConnectionLostError

log = logging.getLogger(__name__)

BATCH_SIZE = 200
"""Articles saved per transaction: large enough to amortize the commit, small enough
that other writers (the bot caching a summary) wait well under a second for the lock."""

Item = tuple[ArticleDraft | Rejection, str | None]
"""A parsed draft (or why there is none) with the label its result will carry."""
Prepare = Callable[[ArticleDraft, str | None], PreparedArticle | Rejection]
Save = Callable[[Store, PreparedArticle | Rejection, KnownKeys], AddResult]
"""Save one item in a batch, given which of the batch's keys were stored (`KnownKeys`)."""


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of `size` items (the last one shorter)."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepare_all(chunk: list[Item], prepare: Prepare) -> list[PreparedArticle | Rejection]:
    return [item if isinstance(item, Rejection) else prepare(item, label)
            for item, label in chunk]


def _save_all(store: Store, prepared: list[PreparedArticle | Rejection],
              save: Save) -> list[AddResult]:
    """Save one batch optimistically; if that is undone, again one article at a time.

    The optimistic attempt (PostgreSQL: inserts sent together, no savepoints) is rolled
    back whole when any write fails (another writer stored the same text meanwhile), and
    the batch is saved again the careful way, where each write fails alone. A dropped
    connection (the batch rolled back whole) earns one more careful attempt, once. Each
    attempt asks the batch's stored keys inside its own transaction (SQLite: under the
    write lock).
    """
    optimistic, reconnected = True, False
    while True:
        try:
            return _attempt(store, prepared, save, optimistic=optimistic)
        except BatchAbortedError as error:
            log.info("%s; saving the batch of %d one article at a time", error, len(prepared))
        except ConnectionLostError as error:
            if reconnected:
                raise
            reconnected = True
            log.warning("%s; saving the batch of %d again", error, len(prepared))
        optimistic = False


def _attempt(store: Store, prepared: list[PreparedArticle | Rejection], save: Save, *,
             optimistic: bool) -> list[AddResult]:
    with store.batch(optimistic=optimistic) as batch:
        known = _ask_once(batch, prepared)
        return [save(batch, item, known) for item in prepared]


def _ask_once(batch: Store, prepared: list[PreparedArticle | Rejection]) -> KnownKeys:
    """What the batch's lookups need, asked in a few queries: stored keys, band originals."""
    batch.prefetch_near_duplicates([
        (item.bands, item.draft.published_at) for item in prepared
        if isinstance(item, PreparedArticle) and item.signature is not None and item.bands])
    return KnownKeys.of_batch(batch, prepared)


def ingest_batched(store: Store, items: Iterable[Item], *, prepare: Prepare,
                   save: Save, size: int | None = None,
                   on_batch: Callable[[int], None] | None = None) -> list[AddResult]:
    """Prepare and save `items` in batches of `size` (default `BATCH_SIZE`), in order.

    `on_batch` is told how many results there are so far after each saved batch.
    """
    results: list[AddResult] = []

    def saved(batch: list[AddResult]) -> None:
        results.extend(batch)
        if on_batch is not None:
            on_batch(len(results))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-prepare") as worker:
        ahead: Future[list[PreparedArticle | Rejection]] | None = None
        for chunk in chunks(items, size or BATCH_SIZE):
            following = worker.submit(_prepare_all, chunk, prepare)
            if ahead is not None:
                saved(_save_all(store, ahead.result(), save))
            ahead = following
        if ahead is not None:
            saved(_save_all(store, ahead.result(), save))
    return results
