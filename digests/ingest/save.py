"""Saving stage: decide duplicate / update / near-duplicate / new, then store.

Identity follows miniflux: the same normalized text is a duplicate wherever it comes
from; the same (source, external id) or canonical URL with different text is an update
of that article (an edited post, a re-fetched page). Only then is the near-duplicate
index consulted, through the store, so the index lives in the database.

Privacy: a draft with `owner_chat_id` is text a chat sent the bot and stays private to it.
Public news wins: when it repeats a private text, that article is published rather than
stored twice. A private text never updates another article by identity, and a chat's copy
of a text another chat holds privately is stored under its own hash (`private_hash`).
"""

from __future__ import annotations

from digests.ingest.known import KnownKeys
from digests.ingest.signature import estimate_jaccards
from digests.ingest.types import PreparedArticle
from digests.models import AddOutcome, AddResult, Article, Fingerprint
from digests.store.base import Store
from digests.store.errors import DuplicateArticleError


def find_same_identity(store: Store, prepared: PreparedArticle,
                       known: KnownKeys | None = None) -> Article | None:
    """The stored article this one claims to be, by external id or canonical URL.

    With `known` (a batch's stored keys), keys it does not list are not looked up.
    """
    draft = prepared.draft
    if known is not None and not known.may_have_identity(draft):
        return None
    if draft.external_id is not None:
        found = store.find_by_external_id(draft.source, draft.external_id)
        if found is not None:
            return found
    if draft.canonical_url is not None:
        return store.find_by_url(draft.canonical_url)
    return None


def private_hash(content_hash: str, owner_chat_id: int) -> str:
    """The hash a chat's private copy is stored under while another chat holds the text.

    Hashes are unique, so without this the second chat would be handed the first chat's
    article, which it may not open (and would learn that someone else sent the text).
    """
    return f"{content_hash}:{owner_chat_id}"


def resolve_duplicate(store: Store, prepared: PreparedArticle,
                      known: KnownKeys | None = None) -> tuple[Article | None, str]:
    """The stored copy of this text its sender may see, and the hash a new copy would get.

    A public draft that repeats a private text publishes that article (public wins).
    With `known` (a batch's stored keys), a hash it does not list is not looked up.
    """
    owner = prepared.draft.owner_chat_id
    if known is not None and not known.may_have_hash(prepared.content_hash):
        return None, prepared.content_hash
    found = store.find_by_hash(prepared.content_hash)
    if found is None or found.owner_chat_id is None or found.owner_chat_id == owner:
        return found, prepared.content_hash
    if owner is None:
        store.publish_article(found.id)
        return found, prepared.content_hash
    own_hash = private_hash(prepared.content_hash, owner)
    return store.find_by_hash(own_hash), own_hash


def find_near_duplicate(store: Store, prepared: PreparedArticle,
                        threshold: float) -> Fingerprint | None:
    """The most similar stored public original at or above `threshold`, ties to the oldest.

    Only originals published within a week of this article (sometimes up to 20 days
    one way) are compared, the band index's window (`digests.store.bands`): rewrites
    of news follow the story within days, and the window keeps each lookup's cost flat
    however many articles are stored.
    """
    if prepared.signature is None or not prepared.bands:
        return None
    found = store.near_duplicate_candidates(prepared.bands, prepared.draft.published_at)
    candidates = [candidate for candidate in found if candidate.signature is not None]
    similarities = estimate_jaccards(prepared.signature,
                                     [candidate.signature or () for candidate in candidates])
    best: tuple[float, int, Fingerprint] | None = None
    for candidate, similarity in zip(candidates, similarities, strict=True):
        key = (similarity, -candidate.id, candidate)
        if similarity >= threshold and (best is None or key[:2] > best[:2]):
            best = key
    return best[2] if best else None


def save(store: Store, prepared: PreparedArticle, *, threshold: float,
         known: KnownKeys | None = None) -> AddResult:
    """Store `prepared` unless it is already there; say what happened.

    `known` is the batch's stored keys (`KnownKeys.of_batch`); without it every key is
    looked up.
    """
    label = prepared.label
    duplicate, content_hash = resolve_duplicate(store, prepared, known)
    if duplicate is not None:
        return AddResult(AddOutcome.DUPLICATE, original_id=duplicate.id, label=label)
    private = prepared.draft.owner_chat_id is not None
    same = None if private else find_same_identity(store, prepared, known)
    if same is not None:
        updated = store.update_article(same.id, prepared.draft,
                                       content_hash=prepared.content_hash,
                                       signature=prepared.signature, bands=prepared.bands)
        if known is not None:
            known.remember(prepared.draft, prepared.content_hash)
        return AddResult(AddOutcome.UPDATED, article_id=updated.id, label=label)
    original = find_near_duplicate(store, prepared, threshold)
    try:
        article = store.add_article(prepared.draft, content_hash=content_hash,
                                    signature=prepared.signature, bands=prepared.bands,
                                    duplicate_of=original.id if original else None)
    except DuplicateArticleError:
        # Another writer (the bot, a poller) stored it between our lookup and insert.
        winner = resolve_duplicate(store, prepared)[0]
        if winner is None and not private:
            winner = find_same_identity(store, prepared)
        return AddResult(AddOutcome.DUPLICATE, original_id=winner.id if winner else None,
                         label=label)
    if known is not None:
        known.remember(prepared.draft, content_hash)
    if original is not None:
        return AddResult(AddOutcome.NEAR_DUPLICATE, article_id=article.id,
                         original_id=original.id, label=label)
    return AddResult(AddOutcome.ADDED, article_id=article.id, label=label)
