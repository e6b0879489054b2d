"""Errors the store raises for conditions callers are expected to handle."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the store's own errors."""


class DuplicateArticleError(StoreError):
    """An article with the same content hash or (source, external id) is already stored.

    Ingestion normally checks `find_by_hash` first; this covers the race where two
    ingesters store the same item at once, and tells the loser which article won.
    """

    def __init__(self, message: str, existing_id: int | None = None) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class ConnectionLostError(StoreError):
    """The database connection dropped during a batch; the batch was rolled back whole.

    Nothing of the batch is stored, so the caller may run it again (ingest does, once).
    """


class BatchAbortedError(StoreError):
    """A write of an optimistic batch failed; the batch was rolled back whole.

    An optimistic batch (`Store.batch(optimistic=True)`, PostgreSQL) sends its inserts
    together without a savepoint each, so one failure (another writer stored the same
    text meanwhile) undoes them all. Nothing of the batch is stored: the caller runs it
    again the careful way, where each write fails alone.
    """
