"""Parsing plain text and Markdown: the first line is the title when it looks like one.

A title line is short and does not end like a sentence; otherwise (the seed article
starts straight with its first paragraph) the whole text is body and the title is
derived from the first sentence, unless a sidecar supplies one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from digests.ingest.records import draft_from_record
from digests.models import ArticleDraft

_MAX_TITLE_CHARS = 150
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_MD_SETEXT = re.compile(r"^\s*(=+|-+)\s*$", re.MULTILINE)


def markdown_to_text(markdown: str) -> str:
    """Drop Markdown markup that would otherwise show in summaries (headings, links)."""
    text = _MD_IMAGE.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_SETEXT.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def looks_like_title(line: str) -> bool:
    """Short, and not ending like a sentence or a clause."""
    line = line.strip()
    return 0 < len(line) <= _MAX_TITLE_CHARS and not line.endswith((".", ",", ";", ":"))


def split_title(text: str) -> tuple[str | None, str]:
    """Return (title, body): the first line when it looks like a title and a body follows."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    if rest.strip() and looks_like_title(first):
        return first.strip(), rest
    return None, stripped


def parse_text(text: str, *, markdown: bool = False, origin: str = "file",
               metadata: Mapping[str, object] | None = None) -> ArticleDraft:
    """One article from a text or Markdown file; sidecar `metadata` wins over guesses.

    Pasted text and channel posts come through here too (`origin="text"`), which is why
    the first-line-as-title rule lives in one place.
    """
    if markdown:
        text = markdown_to_text(text)
    title, body = split_title(text)
    record: dict[str, object] = {"title": title, **(metadata or {}), "text": body}
    return draft_from_record(record, default_source="local", origin=origin)
