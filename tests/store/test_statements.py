"""The prebuilt statements agree with the values the store passes them."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.models import ArticleDraft
from digests.store import statements
from digests.store.rows import draft_values


def test_postgresql_insert_names_every_column_an_article_is_stored_with() -> None:
    """A column added to `draft_values` but not to the one-statement insert would be lost."""
    values = draft_values(ArticleDraft(title="t", text="x", source="s"), content_hash="h",
                          signature=None, published_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert set(statements._INSERTED) == {*values, "ingested_at", "duplicate_of"}
