"""Parsing JSON Lines in the corpus format, one article per line.

Each line is parsed on its own: one malformed line becomes a rejection labelled with
its line number, and the rest of the file is still ingested. A `.json` file holding a
single object or an array of objects is accepted too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from digests.ingest.records import draft_from_record
from digests.ingest.types import Rejection
from digests.models import ArticleDraft


def _record_or_rejection(value: Any, label: str) -> ArticleDraft | Rejection:
    if not isinstance(value, dict):
        return Rejection(label, "not a JSON object")
    if not isinstance(value.get("text"), str):
        return Rejection(str(value.get("title") or label), "no text field")
    return draft_from_record(value, default_source="corpus", origin="corpus")


def parse_corpus(text: str, *, label: str) -> Iterator[ArticleDraft | Rejection]:
    """Yield one draft (or rejection) per record of a JSON Lines / JSON document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except json.JSONDecodeError as error:
            yield Rejection(label, f"invalid JSON: {error.msg} at line {error.lineno}")
            return
        for index, value in enumerate(values, start=1):
            yield _record_or_rejection(value, f"{label}[{index}]")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(f"{label}:{number}", f"invalid JSON: {error.msg}")
            continue
        yield _record_or_rejection(value, f"{label}:{number}")
