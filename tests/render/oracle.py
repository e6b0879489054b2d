"""Check rendered HTML twice: with our strict reader and with the local Bot API server's parser."""

from __future__ import annotations

from bot.botapi.html import parse_html
from bot.render.html import utf16_len
from bot.render.parse import visible_text
from bot.render.split import MAX_MESSAGE_CHARS


def assert_sendable(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Assert Telegram would accept `message` as HTML text; return its visible text."""
    ours = visible_text(message)
    server, _ = parse_html(message)
    assert ours == server
    assert ours.strip(), f"empty message: {message!r}"
    assert utf16_len(ours) <= limit
    return ours


def rejoins(original: str, pieces: list[str]) -> bool:
    """Tell whether `pieces`, joined with the whitespace at each cut (or none), give `original`.

    Pieces never start or end with whitespace, so skipping all whitespace between them is exact.
    """
    text = original.strip()
    pos = 0
    for index, piece in enumerate(pieces):
        if index:
            while pos < len(text) and text[pos].isspace():
                pos += 1
        if not piece or not text.startswith(piece, pos):
            return False
        pos += len(piece)
    return pos == len(text)
