"""Pack rendered blocks into Telegram messages of at most 4096 visible characters.

Telegram measures a message after parsing its HTML, in UTF-16 code units, so the length of
the markup says nothing useful; this module measures the visible text instead. Blocks (a
story, a paragraph) are kept whole when they fit; a block that cannot fit alone is cut at a
paragraph, then a line, then a sentence, then a word boundary, and only a single word longer
than a message is cut inside, between code points. Cuts fall between visible characters, so
never inside a tag or an entity, and tags open across a cut are closed before it and opened
again after it, so every piece is valid HTML on its own.

Whitespace at a cut is dropped (Telegram would trim it anyway). Consequently the visible texts
of the pieces, joined with the whitespace that stood at each cut (none for a hard cut inside a
word), give back the blocks' visible texts joined with `BLOCK_SEPARATOR`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.render.html import utf16_len
from bot.render.parse import Kind, Token, tokenize

MAX_MESSAGE_CHARS = 4096
BLOCK_SEPARATOR = "\n\n"

# Preferred cuts, best first: where group "cut" starts is the cut position.
_PREFERRED_CUTS = (
    re.compile(r"(?P<cut>\n)[^\S\n]*\n"),  # paragraph
    re.compile(r"(?P<cut>\n)"),  # line
    re.compile(r"[.!?…][\"'»”’)\]]*(?P<cut>\s)|[。！？](?P<cut2>)"),  # sentence
)
_WORD_CUT = re.compile(r"\s")


def split_html(blocks: Iterable[str], *, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Pack HTML blocks into as few messages as fit, each at most `limit` visible characters.

    Blocks are joined with a blank line. Blocks with no visible text are dropped, and each
    block is trimmed of surrounding whitespace, so no message is empty or starts with a blank.

    Args:
        blocks: already rendered and escaped Telegram HTML, one story or paragraph each.
        limit: the visible length limit in UTF-16 code units (at least 2, one emoji).

    Returns:
        Messages ready for `send_message(parse_mode=HTML)`.

    Raises:
        bot.render.parse.HtmlError: when a block is not valid Telegram HTML.
    """
    if limit < 2:
        raise ValueError("limit must leave room for one character")
    separator_len = utf16_len(BLOCK_SEPARATOR)
    messages: list[str] = []
    current: list[str] = []
    current_len = 0
    for block in blocks:
        pieces = split_block(block, limit=limit)
        for index, (piece, piece_len) in enumerate(pieces):
            if current and (index > 0 or current_len + separator_len + piece_len > limit):
                messages.append(BLOCK_SEPARATOR.join(current))
                current, current_len = [], 0
            current_len += piece_len + (separator_len if current else 0)
            current.append(piece)
    if current:
        messages.append(BLOCK_SEPARATOR.join(current))
    return messages


def split_block(html: str, *, limit: int = MAX_MESSAGE_CHARS) -> list[tuple[str, int]]:
    """Cut one block into trimmed, valid pieces of at most `limit` visible characters.

    Returns:
        `(piece_html, visible_length)` pairs; empty when the block shows nothing.
    """
    tokens = tokenize(html)
    visible = "".join(token.text for token in tokens)
    ranges = cut_ranges(visible, limit)
    pieces = _render_ranges(tokens, ranges)
    return [(piece, utf16_len(visible[a:b])) for piece, (a, b) in zip(pieces, ranges, strict=True)]


def cut_ranges(text: str, limit: int) -> list[tuple[int, int]]:
    """Choose where to cut `text`: `(start, end)` index pairs of trimmed, non-empty pieces."""
    ranges: list[tuple[int, int]] = []
    end_of_text = len(text.rstrip())
    start = _skip_space(text, 0)
    while start < end_of_text:
        fit = _fit(text, start, end_of_text, limit)
        cut = end_of_text if fit == end_of_text else _choose_cut(text, start, fit)
        end = len(text[:cut].rstrip())
        ranges.append((start, end))
        start = _skip_space(text, cut)
    return ranges


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _fit(text: str, start: int, stop: int, limit: int) -> int:
    """Return the largest end such that text[start:end] fits in `limit` UTF-16 units."""
    used = 0
    pos = start
    while pos < stop:
        used += 2 if ord(text[pos]) > 0xFFFF else 1
        if used > limit:
            return pos
        pos += 1
    return stop


def _choose_cut(text: str, start: int, fit: int) -> int:
    """Pick the best cut in (start, fit]; text[fit] is the first character that does not fit."""
    window = text[start : fit + 1]
    half = (fit - start) // 2
    for pattern in _PREFERRED_CUTS:
        found = (_cut_position(m) for m in pattern.finditer(window))
        cuts = [cut for cut in found if half <= cut <= fit - start]
        if cuts:
            return start + cuts[-1]
    words = [m.start() for m in _WORD_CUT.finditer(window) if m.start() > 0]
    if words:
        return start + words[-1]
    return fit  # one word longer than a message: cut between code points


def _cut_position(match: re.Match[str]) -> int:
    return match.start("cut") if match.group("cut") is not None else match.start("cut2")


def _render_ranges(tokens: list[Token], ranges: list[tuple[int, int]]) -> list[str]:
    """Render each visible range as HTML, reopening and closing the tags open across cuts."""
    owner: list[int] = []  # visible character -> index of the text token showing it
    offset: dict[int, int] = {}  # text token index -> its first visible character
    for index, token in enumerate(tokens):
        if token.kind is Kind.TEXT:
            offset[index] = len(owner)
            owner.extend([index] * len(token.text))
    pieces: list[str] = []
    stack: list[Token] = []
    cursor = 0
    for start, end in ranges:
        first, last = owner[start], owner[end - 1]
        _advance(tokens, cursor, first, stack)
        prefix = "".join(token.raw for token in stack)
        if first == last:
            body = _slice(tokens[first], start - offset[first], end - offset[first])
        else:
            head = _slice(tokens[first], start - offset[first], len(tokens[first].text))
            middle = "".join(token.raw for token in tokens[first + 1 : last])
            body = head + middle + _slice(tokens[last], 0, end - offset[last])
        _advance(tokens, first, last, stack)
        cursor = last
        suffix = "".join(f"</{token.name}>" for token in reversed(stack))
        pieces.append(prefix + body + suffix)
    return pieces


def _slice(token: Token, start: int, stop: int) -> str:
    """The source of visible characters [start, stop) of a text token (an entity stays whole)."""
    return token.raw[start:stop] if token.raw == token.text else token.raw


def _advance(tokens: list[Token], cursor: int, stop: int, stack: list[Token]) -> None:
    """Apply the tags in tokens[cursor:stop] to the stack of open tags."""
    for token in tokens[cursor:stop]:
        if token.kind is Kind.OPEN:
            stack.append(token)
        elif token.kind is Kind.CLOSE and stack:
            stack.pop()


def first_message(blocks: Iterable[str], *, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Render blocks into exactly one message, dropping what does not fit.

    For replies that are one message by design (a results page, the topic list): a hostile
    5,000-character value must shorten the reply, never make Telegram reject it. A final
    "…" line marks that something was left out.
    """
    messages = split_html(blocks, limit=limit - 2)
    if not messages:
        return "…"
    return messages[0] + ("\n…" if len(messages) > 1 else "")
