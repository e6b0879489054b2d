"""Article ids as users type them: ASCII digits only, within the store's 64-bit range."""

from __future__ import annotations

import re

MAX_ARTICLE_ID = 2**63 - 1
_ID_RE = re.compile(r"#?([0-9]{1,19})")


def parse_article_id(text: str) -> int | None:
    """The id in `text` ("42" or "#42"), or None when it is not one we could have stored.

    `str.isdigit` would accept "²" or Arabic-Indic digits, and 20-digit numbers overflow
    SQLite's integers, so ids are matched strictly instead.
    """
    match = _ID_RE.fullmatch(text.strip())
    if match is None:
        return None
    value = int(match.group(1))
    return value if 0 < value <= MAX_ARTICLE_ID else None


def is_valid_article_id(value: int) -> bool:
    """Whether an integer could be a stored article id."""
    return 0 < value <= MAX_ARTICLE_ID
