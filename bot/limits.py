"""Telegram limits that both the bot and the local Bot API server must agree on.

One module, imported by `bot.render` (which cuts text to fit) and by `bot.botapi` (which refuses
what does not fit), so the product and the server that tests it cannot drift apart: a limit
decided twice was once a flaky test (256 characters on one side, 256 bytes on the other).

Telegram documents an inline query as "up to 256 characters". It counts text in UTF-16 code
units everywhere it measures text (entity offsets, message length), so we count those: an emoji
outside the Basic Multilingual Plane is two units. That is never more than 256 characters, so a
query we send is also within any reading of the rule that counts code points.
"""

from __future__ import annotations

MAX_INLINE_QUERY_UNITS = 256
MAX_MESSAGE_UNITS = 4096  # a message's text after entity parsing


def utf16_units(text: str) -> int:
    """Length of `text` as Telegram measures it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fits_inline_query(text: str) -> bool:
    """True when `text` may be the query of an inline query or a switch-inline button."""
    return utf16_units(text) <= MAX_INLINE_QUERY_UNITS


def cut_inline_query(text: str) -> str:
    """The longest prefix of `text` that fits an inline query, never splitting a character."""
    return cut_units(text, MAX_INLINE_QUERY_UNITS)


def cut_units(text: str, max_units: int) -> str:
    """The longest prefix of `text` within `max_units` UTF-16 units, never splitting a character."""
    if utf16_units(text) <= max_units:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > max_units:
            return text[:index]
    return text


def fit_message(text: str) -> str:
    """A plain text that fits one message, cut with "…" when longer.

    The last line of defence: every quoted argument is already shortened where it is quoted.
    """
    if utf16_units(text) <= MAX_MESSAGE_UNITS:
        return text
    return cut_units(text, MAX_MESSAGE_UNITS - 1) + "…"
