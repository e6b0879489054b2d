"""Ingestion: files, folders, stdin and drafts from anywhere into the store.

Stages (one module each): `read` -> `decode` -> `parse` (`parse_text`, `parse_html`,
`parse_corpus`) -> `prepare` (`normalize`, `boilerplate`, `language`, `signature`) ->
`save`. `pipeline` strings them together.
"""

from digests.ingest.pipeline import (
    IngestReport,
    ProgressCallback,
    ingest_document,
    ingest_draft,
    ingest_drafts,
    ingest_paths,
    ingest_text,
)

__all__ = [
    "IngestReport",
    "ProgressCallback",
    "ingest_document",
    "ingest_draft",
    "ingest_drafts",
    "ingest_paths",
    "ingest_text",
]
