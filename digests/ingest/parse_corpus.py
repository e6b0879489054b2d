"""Parsing JSON Lines in the corpus format, one article per line.

Each line is parsed on its own: one malformed line becomes a rejection labelled with
its line number, and the rest of the file is still ingested. "Malformed" includes what
the json module raises besides `JSONDecodeError` (a line nested 100,000 `[` deep raises
`RecursionError`), and raw control characters inside strings (a NUL) are accepted
(`strict=False`) because sanitation removes them later. A `.json` file holding a
single object or an array of objects is accepted too.

Datasets name the body differently (BBC News Summary: `article`; others `body`,
`content`); the first of `BODY_FIELDS` that holds a string is the text, so a dataset
need not be rewritten to be read. A record with none is rejected naming the fields it
has, which is what a user needs to see to fix the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from digests.ingest.records import draft_from_record
from digests.ingest.types import Rejection
from digests.models import ArticleDraft

_UNREADABLE = (ValueError, RecursionError, MemoryError)
#: Field names taken as the article body, in order of preference.
BODY_FIELDS = ("text", "article", "body", "content")
#: How a "no body" rejection reason starts; `digests.ingest.report` groups on it.
NO_TEXT = "no text field (" + ", ".join(BODY_FIELDS) + ")"
FIELDS_SEPARATOR = "; fields: "
_MAX_FIELDS_LISTED = 12


def load_json(text: str) -> Any:
    """`json.loads` accepting raw control characters in strings.

    Raises:
        ValueError: not JSON (`JSONDecodeError` is one); RecursionError: nested too deep.
    """
    return json.loads(text, strict=False)


def _unreadable(error: BaseException) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON: {error.msg}"
    if isinstance(error, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {error.__class__.__name__}"


def _record_or_rejection(value: Any, label: str) -> ArticleDraft | Rejection:
    if not isinstance(value, dict):
        return Rejection(label, "not a JSON object")
    body_field = next((name for name in BODY_FIELDS if isinstance(value.get(name), str)), None)
    if body_field is None:
        title = value.get("title")
        return Rejection(title if isinstance(title, str) and title else label,
                         NO_TEXT + FIELDS_SEPARATOR + _field_names(value))
    record = {key: item for key, item in value.items() if key not in BODY_FIELDS}
    record["text"] = value[body_field]
    try:
        return draft_from_record(record, default_source="corpus", origin="corpus")
    except (*_UNREADABLE, TypeError) as error:  # e.g. a field nested too deeply to print
        return Rejection(label, _unreadable(error))


def _field_names(value: dict[Any, Any]) -> str:
    """The record's keys, shortened: a hostile record may have thousands of long ones."""
    names = [str(key)[:40] for key in list(value)[:_MAX_FIELDS_LISTED]]
    more = ", …" if len(value) > _MAX_FIELDS_LISTED else ""
    return (", ".join(names) + more) if names else "none"


def parse_record(line: str, label: str) -> ArticleDraft | Rejection:
    """One JSON Lines record as a draft, or why not."""
    try:
        value = load_json(line)
    except _UNREADABLE as error:
        return Rejection(label, _unreadable(error))
    return _record_or_rejection(value, label)


def _lines(text: str, label: str) -> Iterator[ArticleDraft | Rejection]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield parse_record(line, f"{label}:{number}")


def parse_corpus(text: str, *, label: str) -> Iterator[ArticleDraft | Rejection]:
    """Yield one draft (or rejection) per record of a JSON Lines / JSON document.

    A document starting with "[" is read as one JSON array; when that fails it is read
    again as JSON Lines whose first line happens to start with "[" (a line nested 100,000
    deep, or any broken first record): if a line of it is a record, the lines are the
    result, so one bad first line costs only itself. Otherwise the one rejection stands.
    """
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            values = load_json(stripped)
        except _UNREADABLE as error:
            by_line = list(_lines(text, label))
            if any(isinstance(item, ArticleDraft) for item in by_line):
                yield from by_line
            else:
                yield Rejection(label, _unreadable(error))
            return
        for index, value in enumerate(values, start=1):
            yield _record_or_rejection(value, f"{label}[{index}]")
        return
    yield from _lines(text, label)
