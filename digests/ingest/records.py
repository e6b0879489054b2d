"""Mapping loosely typed metadata (corpus records, sidecars, HTML metadata) to drafts.

One function does it for every parser so that the corpus keys (`id`, `published`,
`topics`, `event`, ...) mean the same thing wherever they come from; unknown keys are
kept as strings in `extra` instead of being dropped, because they often carry
provenance (e.g. `source_kind` on official state communications).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from digests.models import ArticleDraft

_KNOWN = {"id", "title", "text", "published", "source", "url", "license", "attribution",
          "language", "author"}
_TITLE_CHARS = 100
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def parse_date(value: object) -> datetime | None:
    """An aware UTC datetime from an ISO date or datetime; None when absent or unreadable.

    Naive values are taken as UTC: the corpus dates are calendar days, and the store
    keeps everything in UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def derive_title(text: str) -> str:
    """A title from the first sentence, cut at a word boundary, for texts without one."""
    first = _SENTENCE_END.split(text.strip().split("\n", 1)[0], maxsplit=1)[0].strip()
    if len(first) <= _TITLE_CHARS:
        return first
    return first[:_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or None
    return str(value).strip() or None


def draft_from_record(record: Mapping[str, object], *, default_source: str,
                      origin: str) -> ArticleDraft:
    """Build a draft from a corpus-format mapping; `text` must be present (may be empty)."""
    text = _text(record.get("text")) or ""
    url = _text(record.get("url"))
    extra = {key: str_value for key, value in record.items()
             if key not in _KNOWN and (str_value := _text(value)) is not None}
    return ArticleDraft(
        title=_text(record.get("title")) or derive_title(text),
        text=text,
        source=_text(record.get("source")) or default_source,
        url=url,
        canonical_url=_text(record.get("canonical_url")) or url,
        language=_text(record.get("language")),
        published_at=parse_date(record.get("published")),
        author=_text(record.get("author")),
        license=_text(record.get("license")),
        attribution=_text(record.get("attribution")),
        external_id=_text(record.get("id")),
        origin=origin,
        extra=extra,
    )
