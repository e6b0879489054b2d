r"""Non-negative integers written with ASCII digits, the only digits a protocol or command uses.

`str.isdigit` is true for "²", "٣" and "１"; `int` rejects the first and quietly accepts the
other two, and a regex ``\d`` matches every Unicode decimal digit. So "isdigit then int" either
raises far from where the text came in (a ``Retry-After: ²`` header) or accepts a number
nobody typed on purpose. Every place that reads a count, an offset or an id from untrusted
text goes through `parse_ascii_int`.
"""

from __future__ import annotations

import re

ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_ascii_int(text: str, *, max_digits: int = 19) -> int | None:
    """`text` as a non-negative integer, or None unless it is 1..`max_digits` ASCII digits.

    Surrounding whitespace is allowed (headers and commands carry it); signs, underscores,
    decimal points and every non-ASCII digit are not. `max_digits` bounds the work and the
    size (19 digits fit a signed 64-bit column only up to 2**63 - 1: callers with a limit
    check it).
    """
    stripped = text.strip()
    if len(stripped) > max_digits or not ASCII_DIGITS.fullmatch(stripped):
        return None
    return int(stripped)
