"""Wrapping CLI output at the terminal's width, at word boundaries, keeping indentation.

Rich's soft wrap leaves long lines to the terminal, which cuts words at the last column
and starts continuation lines at column 0, losing a list's indentation. Lines are wrapped
here instead, before printing, so continuation lines line up under the text they continue.
The width is the console's (rich reads the terminal's size, or COLUMNS when piped).
"""

from __future__ import annotations

import re
import textwrap

MIN_WIDTH = 20
_MARKER_RE = re.compile(r"^(\s*)((?:[•\-*]|\d{1,3}\.)\s+)?")


def wrap_line(line: str, width: int) -> list[str]:
    """`line` wrapped at `width` on word boundaries with a hanging indent.

    Continuation lines start under the text: after the leading spaces, and after a list
    marker ("• ", "- ", "3. ") when there is one. Words longer than a line are left
    whole (a URL split in two can no longer be opened); an empty line stays empty.
    """
    if len(line) <= width or not line.strip():
        return [line]
    match = _MARKER_RE.match(line)
    indent = " " * len(match.group(0)) if match else ""
    if len(indent) > width // 2:
        indent = " " * (len(match.group(1)) if match else 0)
    return textwrap.wrap(line, width=max(width, MIN_WIDTH), subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [line]


def wrap_lines(lines: list[str], width: int) -> list[str]:
    """Every line of `lines` wrapped with `wrap_line`."""
    return [wrapped for line in lines for wrapped in wrap_line(line, width)]
