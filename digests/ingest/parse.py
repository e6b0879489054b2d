"""Parsing stage: dispatch a decoded document to the parser for its kind."""

from __future__ import annotations

from collections.abc import Iterator

from digests.ingest.parse_corpus import parse_corpus
from digests.ingest.parse_html import parse_html
from digests.ingest.parse_text import parse_text
from digests.ingest.types import DocumentKind, RawDocument, Rejection
from digests.models import ArticleDraft


def parse(raw: RawDocument, text: str) -> Iterator[ArticleDraft | Rejection]:
    """Yield the drafts in one document: one for text/HTML, one per line for JSON Lines.

    Parser failures on malformed input become rejections: extractors are large
    third-party code and one odd page must not stop a folder import.
    """
    try:
        if raw.kind is DocumentKind.JSONL:
            yield from parse_corpus(text, label=raw.label)
        elif raw.kind is DocumentKind.HTML:
            yield parse_html(text, label=raw.label, metadata=raw.metadata)
        else:
            yield parse_text(text, markdown=raw.kind is DocumentKind.MARKDOWN,
                             metadata=raw.metadata)
    except Exception as error:
        yield Rejection(raw.label, f"unparseable {raw.kind}: {error.__class__.__name__}")
