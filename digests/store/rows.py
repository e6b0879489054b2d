"""Conversions between database rows and the project's model values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping

from digests.models import BODY, HEADLINE_ONLY, Article, ArticleDraft, Summary
from digests.store.types import pack_signature, unpack_signature


def article_from_row(row: RowMapping) -> Article:
    """Build an `Article` from a row of the `articles` table."""
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        language=row["language"],
        published_at=row["published_at"],
        ingested_at=row["ingested_at"],
        content_hash=row["content_hash"],
        author=row["author"],
        license=row["license"],
        attribution=row["attribution"],
        external_id=row["external_id"],
        origin=row["origin"],
        duplicate_of=row["duplicate_of"],
        signature=unpack_signature(row["signature"]),
        owner_chat_id=row["owner_chat_id"],
        source_kind=source_kind(row["extra"]),
        dated=bool(row["dated"]),
        headline_only=headline_only(row["extra"]),
    )


def article_from_values(article_id: int, values: Mapping[str, Any]) -> Article:
    """The `Article` a row inserted with `values` reads back as, without reading it.

    Mirrors what the column types do on the way back: datetimes come back in UTC and
    the signature is unpacked from its stored bytes.
    """
    return Article(
        id=article_id,
        title=values["title"],
        text=values["text"],
        source=values["source"],
        url=values["url"],
        canonical_url=values["canonical_url"],
        language=values["language"],
        published_at=values["published_at"].astimezone(UTC),
        ingested_at=values["ingested_at"].astimezone(UTC),
        content_hash=values["content_hash"],
        author=values["author"],
        license=values["license"],
        attribution=values["attribution"],
        external_id=values["external_id"],
        origin=values["origin"],
        duplicate_of=values["duplicate_of"],
        signature=unpack_signature(values["signature"]),
        owner_chat_id=values["owner_chat_id"],
        source_kind=source_kind(values["extra"]),
        dated=bool(values["dated"]),
        headline_only=headline_only(values["extra"]),
    )


def draft_values(
    draft: ArticleDraft,
    *,
    content_hash: str,
    signature: Sequence[int] | None,
    published_at: datetime,
    dated: bool = True,
) -> dict[str, Any]:
    """Column values for inserting or replacing an article's content."""
    return {
        "extra": dict(draft.extra),
        "dated": dated,
        "source": draft.source,
        "url": draft.url,
        "canonical_url": draft.canonical_url,
        "title": draft.title,
        "text": draft.text,
        "language": draft.language,
        "published_at": published_at,
        "content_hash": content_hash,
        "signature": pack_signature(signature),
        "author": draft.author,
        "license": draft.license,
        "attribution": draft.attribution,
        "external_id": draft.external_id,
        "origin": draft.origin,
        "owner_chat_id": draft.owner_chat_id,
    }


def source_kind(extra: Mapping[str, Any] | None) -> str | None:
    """The label a source gave its article ("official state communication …"), if any."""
    value = (extra or {}).get("source_kind")
    return str(value) if value else None


def headline_only(extra: Mapping[str, Any] | None) -> bool:
    """Whether the article's source gave only its headline (see `digests.models.BODY`)."""
    return (extra or {}).get(BODY) == HEADLINE_ONLY


def summary_from_row(row: RowMapping) -> Summary:
    """Build a cached `Summary` from a row of the `summary_cache` table."""
    return Summary(
        sentences=tuple(row["sentences"]),
        total_sentences=row["total_sentences"],
        algorithm=row["algorithm"],
        language=row["language"],
        article_id=row["article_id"],
        note=row["note"],
    )
