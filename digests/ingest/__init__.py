"""Ingestion: files, folders, stdin and drafts from anywhere into the store.

Stages (one module each): `read` -> `decode` -> `parse` (`parse_text`, `parse_html`,
`parse_corpus`) -> `prepare` (`normalize`, `boilerplate`, `language`, `signature`) ->
`save`. `pipeline` strings them together.

The names below load `pipeline` on first use (PEP 562): its stages import trafilatura,
numpy and language detection, seconds of start-up for commands that never ingest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def __getattr__(name: str) -> object:
    """Import the pipeline on first access to a public name, then keep the name here."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("digests.ingest.pipeline"), name)
    globals()[name] = value
    return value
