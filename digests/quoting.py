"""Quoting what a user typed inside a message, at a bounded length.

Error messages repeat the argument that was wrong ("unknown time zone 'A/A/…'"), and an
argument can be a whole 4096-character Telegram message: quoted whole, the reply grows past
Telegram's limit and is refused. Every message that quotes user input quotes it through here.
"""

from __future__ import annotations

MAX_QUOTED_CHARS = 60


def quoted(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """`text` as a Python-style quoted literal, cut to `limit` characters with "…".

    `repr` also makes control and invisible characters visible, so the user sees what the bot
    actually received.
    """
    if len(text) > limit:
        text = text[: max(limit - 1, 1)] + "…"
    return repr(text)
