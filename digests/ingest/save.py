"""Saving stage: decide duplicate / update / near-duplicate / new, then store.

Identity follows miniflux: the same normalized text is a duplicate wherever it comes
from; the same (source, external id) or canonical URL with different text is an update
of that article (an edited post, a re-fetched page). Only then is the near-duplicate
index consulted, through the store, so the index lives in the database.
"""

from __future__ import annotations

from digests.ingest.signature import estimate_jaccard
from digests.ingest.types import PreparedArticle
from digests.models import AddOutcome, AddResult, Article
from digests.store.base import Store
from digests.store.errors import DuplicateArticleError


def find_same_identity(store: Store, prepared: PreparedArticle) -> Article | None:
    """The stored article this one claims to be, by external id or canonical URL."""
    draft = prepared.draft
    if draft.external_id is not None:
        found = store.find_by_external_id(draft.source, draft.external_id)
        if found is not None:
            return found
    if draft.canonical_url is not None:
        return store.find_by_url(draft.canonical_url)
    return None


def find_near_duplicate(store: Store, prepared: PreparedArticle,
                        threshold: float) -> Article | None:
    """The most similar stored original at or above `threshold`, ties to the oldest."""
    if prepared.signature is None or not prepared.bands:
        return None
    best: tuple[float, int, Article] | None = None
    for candidate in store.near_duplicate_candidates(prepared.bands):
        if candidate.signature is None:
            continue
        similarity = estimate_jaccard(prepared.signature, candidate.signature)
        key = (similarity, -candidate.id, candidate)
        if similarity >= threshold and (best is None or key[:2] > best[:2]):
            best = key
    return best[2] if best else None


def save(store: Store, prepared: PreparedArticle, *, threshold: float) -> AddResult:
    """Store `prepared` unless it is already there; say what happened."""
    label = prepared.label
    duplicate = store.find_by_hash(prepared.content_hash)
    if duplicate is not None:
        return AddResult(AddOutcome.DUPLICATE, original_id=duplicate.id, label=label)
    same = find_same_identity(store, prepared)
    if same is not None:
        updated = store.update_article(same.id, prepared.draft,
                                       content_hash=prepared.content_hash,
                                       signature=prepared.signature, bands=prepared.bands)
        return AddResult(AddOutcome.UPDATED, article_id=updated.id, label=label)
    original = find_near_duplicate(store, prepared, threshold)
    try:
        article = store.add_article(prepared.draft, content_hash=prepared.content_hash,
                                    signature=prepared.signature, bands=prepared.bands,
                                    duplicate_of=original.id if original else None)
    except DuplicateArticleError:
        # Another writer (the bot, a poller) stored it between our lookup and insert.
        winner = store.find_by_hash(prepared.content_hash) or find_same_identity(store, prepared)
        return AddResult(AddOutcome.DUPLICATE, original_id=winner.id if winner else None,
                         label=label)
    if original is not None:
        return AddResult(AddOutcome.NEAR_DUPLICATE, article_id=article.id,
                         original_id=original.id, label=label)
    return AddResult(AddOutcome.ADDED, article_id=article.id, label=label)
