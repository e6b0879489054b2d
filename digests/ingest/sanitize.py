r"""Text sanitation: the one place every draft passes before it can reach the store.

Some characters are valid in a Python string but not storable or not safe to show:

- lone surrogates (`"\ud800"` escapes, from JSON or `surrogatepass` decoding) cannot be
  encoded as UTF-8, so SQLite, hashing and printing all fail on them;
- NUL is refused by PostgreSQL in any text column (`DataError`), and other C0 controls
  only garble titles;
- bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+200F, isolates) reorder what
  a reader sees, so a title can spoof another ("txt.exe" shown as "exe.txt"); they are
  stripped like the zero-width characters normalization already drops.

`sanitize_draft` cleans every string field of a draft (title, text, author, source,
URLs, ids, extra), so no field can be forgotten; `prepare` calls it first. Labels and
reasons shown in reports go through `clean_line` too, so a report can always be printed.
"""

from __future__ import annotations

import dataclasses
import re

from digests.models import ArticleDraft

_SURROGATES = "\ud800-\udfff"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_IN_TEXT = re.compile(f"[\x00{_SURROGATES}{BIDI_CONTROLS}]")
_IN_LINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_SURROGATES}{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")
_STRING_FIELDS = ("title", "source", "url", "canonical_url", "language", "author",
                  "license", "attribution", "external_id", "origin")


def clean_text(text: str) -> str:
    """A body text without NULs, lone surrogates or bidi controls (line breaks kept)."""
    return _IN_TEXT.sub("", text)


def clean_line(value: str) -> str:
    """A one-line field (title, author, URL, label): also no controls or line breaks."""
    return _LINE_BREAKS.sub(" ", _IN_LINE.sub("", value))


def _clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_line(value)


def sanitize_draft(draft: ArticleDraft) -> ArticleDraft:
    """The draft with every string field storable and safe to display."""
    changes: dict[str, object] = {name: _clean_optional(getattr(draft, name))
                                  for name in _STRING_FIELDS}
    changes["title"] = clean_line(draft.title)
    changes["source"] = clean_line(draft.source)
    changes["origin"] = clean_line(draft.origin)
    changes["text"] = clean_text(draft.text)
    changes["extra"] = {clean_line(key): clean_text(value)
                        for key, value in draft.extra.items()}
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]
