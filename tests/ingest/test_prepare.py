"""Preparation: the hash and fingerprint it computes are those of the stored text."""

from __future__ import annotations

from digests.ingest.normalize import content_hash, words
from digests.ingest.prepare import prepare
from digests.ingest.signature import lsh_bands, minhash_signature, shingles
from digests.ingest.types import PreparedArticle
from digests.models import ArticleDraft


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
