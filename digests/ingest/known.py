"""Which identities of a batch's articles the store already holds, asked once per batch.

Saving an article first asks whether its text (hash), its identity in a source
(external id) or its canonical URL is stored already; almost always none is. Asked per
article, that was three queries each (three round trips on PostgreSQL); asked for the
batch, it is one query per kind for 200 articles, and only the keys found are looked up
one by one. The sets are kept current as the batch saves (`remember`), so a later item
of the same batch still finds an earlier one, exactly as when each was looked up.

Why this stays exact: SQLite's batch holds the write lock from its first read, so no
other writer can add a key in between. PostgreSQL's does not: a text or a source
identity another writer stores in between fails the insert on its unique index, which
`save` answers with a real lookup (a duplicate, as before); a canonical URL has no
unique index, so the same race as between a per-article lookup and its insert remains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from digests.ingest.types import PreparedArticle, Rejection
from digests.models import ArticleDraft
from digests.store.base import Store


@dataclass(slots=True)
class KnownKeys:
    """Stored keys among a batch's articles; a key not in here is not stored."""

    hashes: set[str] = field(default_factory=set)
    external_ids: set[tuple[str, str]] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    @classmethod
    def of_batch(cls, store: Store, items: Sequence[PreparedArticle | Rejection]) -> KnownKeys:
        """Ask the store, one query per kind (and source), which of the items' keys it has."""
        drafts = [item for item in items if isinstance(item, PreparedArticle)]
        by_source: dict[str, list[str]] = {}
        for item in drafts:
            if item.draft.external_id is not None:
                by_source.setdefault(item.draft.source, []).append(item.draft.external_id)
        return cls(
            hashes=store.known_hashes([item.content_hash for item in drafts]),
            external_ids={(source, found) for source, wanted in by_source.items()
                          for found in store.known_external_ids(source, wanted)},
            urls=store.known_urls([item.draft.canonical_url for item in drafts
                                   if item.draft.canonical_url is not None]),
        )

    def may_have_hash(self, content_hash: str) -> bool:
        """Whether a lookup by this hash can find anything."""
        return content_hash in self.hashes

    def may_have_identity(self, draft: ArticleDraft) -> bool:
        """Whether a lookup by the draft's external id or canonical URL can find anything."""
        return ((draft.external_id is not None
                 and (draft.source, draft.external_id) in self.external_ids)
                or (draft.canonical_url is not None and draft.canonical_url in self.urls))

    def remember(self, draft: ArticleDraft, content_hash: str) -> None:
        """Note the keys of an article just stored (added or updated) by this batch."""
        self.hashes.add(content_hash)
        if draft.external_id is not None:
            self.external_ids.add((draft.source, draft.external_id))
        if draft.canonical_url is not None:
            self.urls.add(draft.canonical_url)
