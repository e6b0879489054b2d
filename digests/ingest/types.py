"""The typed values handed from one ingest stage to the next.

Reading yields `RawDocument`s, parsing turns them into `ArticleDraft`s (from
`digests.models`), preparation into `PreparedArticle`s, and saving into `AddResult`s.
Any stage may instead yield a `Rejection`, so one bad input never stops a run and is
never lost silently: the orchestrator turns it into `AddResult(REJECTED, reason=...)`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from digests.models import ArticleDraft


class DocumentKind(enum.StrEnum):
    """How a document's bytes are to be parsed."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSONL = "jsonl"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The bytes of one file (or stdin) and what we know about them before parsing.

    `metadata` comes from an optional sidecar (`<file>.meta.json`) and fills fields a
    plain text file cannot carry: title, source, author, license, attribution.
    """

    label: str
    kind: DocumentKind
    data: bytes
    metadata: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LineStream:
    """A JSON Lines input read one line at a time, so a file of any size fits in memory.

    `lines` yields each line's bytes in order, or None for a line longer than
    `max_line_bytes` (skipped unread, reported as too large).
    """

    label: str
    lines: Iterator[bytes | None]
    max_line_bytes: int


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why one input could not become an article; `label` names it for the report."""

    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """A cleaned draft with everything the store needs to decide what is new.

    `signature` and `bands` are None/empty for texts too short to fingerprint
    reliably, so short briefs never match each other spuriously.
    """

    draft: ArticleDraft
    content_hash: str
    label: str
    signature: tuple[int, ...] | None = None
    bands: tuple[str, ...] = ()
