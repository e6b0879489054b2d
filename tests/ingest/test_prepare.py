"""Preparation: the hash and fingerprint it computes are those of the stored text."""

from __future__ import annotations

import dataclasses

from digests.ingest.normalize import content_hash, words
from digests.ingest.prepare import prepare
from digests.ingest.signature import lsh_bands, minhash_signature, shingles
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import BODY, HEADLINE_ONLY, TEASER_ONLY, ArticleDraft


def test_hash_and_signature_are_of_the_cleaned_text(seed_text: str) -> None:
    """Words are computed once for both; the result must equal computing each alone."""
    prepared = prepare(ArticleDraft(title="T", text=seed_text, source="s"),
                       label="T", max_chars=400_000)
    assert isinstance(prepared, PreparedArticle)
    text = prepared.draft.text
    assert prepared.content_hash == content_hash(text)
    assert prepared.signature == minhash_signature(shingles(words(text)))
    assert prepared.signature is not None
    assert prepared.bands == lsh_bands(prepared.signature)


def test_thin_texts_are_told_apart_by_title_and_link() -> None:
    """Issue 13.16: the same teaser under different stories is not one article."""
    def thin(title: str, url: str, body: str = TEASER_ONLY) -> ArticleDraft:
        return ArticleDraft(title=title, text="Read the full story on our site.", source="f",
                            url=url, canonical_url=url, extra={BODY: body})

    def key(draft: ArticleDraft) -> str:
        prepared = prepare(draft, label="x", max_chars=10_000)
        assert not isinstance(prepared, Rejection)
        return prepared.content_hash

    one, two = thin("Match report 1", "https://x/1"), thin("Match report 2", "https://x/2")
    assert key(one) != key(two)
    assert key(one) == key(thin("Match report 1", "https://x/1"))  # same story, two feeds
    full = dataclasses.replace(one, extra={})
    assert key(full) == key(dataclasses.replace(two, extra={}))  # a full text: words only
    headline = thin("Bridge reopens", "https://x/3", HEADLINE_ONLY)
    assert key(headline) != key(thin("Bridge reopens", "https://x/4", HEADLINE_ONLY))
