"""Text measurement and automatic entities, computed the way Telegram clients see them.

Telegram reports entity offsets and lengths in UTF-16 code units, and this server also measures
the 4096-character message limit in UTF-16 code units.  That is the conservative choice: a text
that fits in UTF-16 units also fits when counted in code points (what the servers appear to use
for some limits), so a message accepted here is never rejected by Telegram for length.
"""

from __future__ import annotations

import re
from typing import Any

from bot.limits import MAX_MESSAGE_UNITS, utf16_units

MAX_TEXT = MAX_MESSAGE_UNITS  # decided once in bot.limits, with the product's side
_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")
_URL = re.compile(r"(?:https?://|tg://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]'»]")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
_HASHTAG = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")


utf16_len = utf16_units  # astral characters count twice, as Telegram counts


def detect_entities(text: str) -> list[dict[str, Any]]:
    """Find the entities Telegram adds to a user's plain text: commands, links, mentions, tags.

    A client relies on these (``CommandHandler`` looks for a ``bot_command`` entity at offset 0),
    so injected messages must carry them exactly as Telegram would.

    Args:
        text: The message text as typed by the user.

    Returns:
        ``MessageEntity`` dicts sorted by offset, with UTF-16 offsets and lengths.
    """
    found: list[tuple[int, int, str]] = []
    for kind, pattern in (
        ("bot_command", _COMMAND),
        ("url", _URL),
        ("mention", _MENTION),
        ("hashtag", _HASHTAG),
    ):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e, _ in found):
                continue
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]


def entity_text(text: str, entity: dict[str, Any]) -> str:
    """Return the part of ``text`` an entity covers, honouring UTF-16 offsets."""
    units = text.encode("utf-16-le")
    start, length = int(entity["offset"]) * 2, int(entity["length"]) * 2
    return units[start : start + length].decode("utf-16-le")
