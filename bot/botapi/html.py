"""Telegram's HTML parse mode: visible text and entities, or the exact error Telegram gives.

This mirrors tdlib's ``parse_html``: only Telegram's tags are allowed, tags must nest, a ``<``
always starts a tag (so a bare ``<`` is an error), and only ``&lt; &gt; &amp; &quot;`` and numeric
character references are decoded (any other ``&`` stays literal).  Errors quote byte offsets in
the UTF-8 source as Telegram does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.botapi.errors import ApiError, bad_request
from bot.botapi.text import utf16_len
from digests.digits import ASCII_DIGITS

_SPACE = " \t\r\n\v\f"
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
TAGS = frozenset({*_SIMPLE, "a", "span", "tg-emoji"})
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")


@dataclass
class _Open:
    tag: str
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


def _error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def _decode_entity(source: str, pos: int) -> tuple[str, int] | None:
    match = _ENTITY.match(source, pos)
    if match is None:
        return None
    decimal, hexa, name = match.groups()
    if name is not None:
        char = _NAMED.get(name)
        return (char, match.end()) if char else None
    code = int(decimal) if decimal is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _Parser:
    """One pass over the source; see :func:`parse_html`."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.units = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8"))

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.units += utf16_len(chunk)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "<":
                self.tag()
            elif char == "&" and (decoded := _decode_entity(src, self.pos)) is not None:
                self.emit(decoded[0])
                self.pos = decoded[1]
            else:
                end = self.pos + 1
                while end < len(src) and src[end] not in "<&":
                    end += 1
                self.emit(src[self.pos : end])
                self.pos = end
        if self.stack:
            raise _error(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def skip_spaces(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in _SPACE:
            self.pos += 1

    def read_until(self, stops: str) -> str:
        start = self.pos
        while self.pos < len(self.src) and self.src[self.pos] not in stops:
            self.pos += 1
        return self.src[start : self.pos]

    def tag(self) -> None:
        begin = self.pos
        self.pos += 1
        if self.pos < len(self.src) and self.src[self.pos] == "/":
            self.pos += 1
            self.end_tag(begin)
        else:
            self.start_tag(begin)

    def start_tag(self, begin: int) -> None:
        name = self.read_until(_SPACE + ">").lower()
        if self.pos >= len(self.src):
            raise _error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        if name not in TAGS:
            raise _error(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        opened = _Open(name, self.units)
        while True:
            self.skip_spaces()
            if self.pos >= len(self.src):
                at = self.byte_offset(begin)
                raise _error(f'Unclosed start tag "{name}" at byte offset {at}')
            if self.src[self.pos] == ">":
                self.pos += 1
                break
            attr, value = self.attribute(name, begin)
            opened.attrs.setdefault(attr, value)
        if name == "span" and opened.attrs.get("class") != "tg-spoiler":
            raise _error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        if name == "tg-emoji" and not ASCII_DIGITS.fullmatch(opened.attrs.get("emoji-id", "")):
            raise _error("Custom emoji identifier must be specified")
        self.stack.append(opened)

    def attribute(self, tag: str, begin: int) -> tuple[str, str]:
        at = self.byte_offset(begin)
        name = self.read_until(_SPACE + "=>").lower()
        if not name:
            raise _error(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
        self.skip_spaces()
        if self.pos >= len(self.src) or self.src[self.pos] != "=":
            if (self.pos < len(self.src) and self.src[self.pos] == ">") or name == "expandable":
                return name, ""
            raise _error(f'Expected equal sign in declaration of an attribute of the tag "{tag}"')
        self.pos += 1
        self.skip_spaces()
        if self.pos >= len(self.src):
            raise _error(f'Unclosed start tag "{tag}" at byte offset {at}')
        quote = self.src[self.pos]
        if quote not in "'\"":
            token = _NAME_TOKEN.match(self.src, self.pos)
            value = token.group() if token else ""
            if not value:
                raise _error(f"Expected quote at byte offset {self.byte_offset(self.pos)}")
            self.pos += len(value)
            return name, value
        self.pos += 1
        chunks: list[str] = []
        while self.pos < len(self.src) and self.src[self.pos] != quote:
            decoded = _decode_entity(self.src, self.pos) if self.src[self.pos] == "&" else None
            chunks.append(decoded[0] if decoded else self.src[self.pos])
            self.pos = decoded[1] if decoded else self.pos + 1
        if self.pos >= len(self.src):
            raise _error(f"Unclosed start tag at byte offset {at}")
        self.pos += 1
        return name, "".join(chunks)

    def end_tag(self, begin: int) -> None:
        at = self.byte_offset(begin)
        if not self.stack:
            raise _error(f"Unexpected end tag at byte offset {at}")
        name = self.read_until(_SPACE + ">").lower()
        self.skip_spaces()
        if self.pos >= len(self.src) or self.src[self.pos] != ">":
            raise _error(f"Unclosed end tag at byte offset {at}")
        self.pos += 1
        opened = self.stack.pop()
        if name and name != opened.tag:
            raise _error(
                f'Unmatched end tag at byte offset {at}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self.close(opened)

    def close(self, opened: _Open) -> None:
        length = self.units - opened.offset
        entity = _entity(opened)
        parent = self.stack[-1] if self.stack else None
        if opened.tag == "code" and parent is not None and parent.tag == "pre":
            language = opened.attrs.get("class", "")
            if language.startswith("language-") and parent.offset == opened.offset:
                parent.attrs["language"] = language.removeprefix("language-")
                return
        if entity is not None and length > 0:
            self.entities.append({**entity, "offset": opened.offset, "length": length})


def _entity(opened: _Open) -> dict[str, Any] | None:
    attrs = opened.attrs
    if opened.tag == "a":
        href = attrs.get("href", "")
        if not href:
            return None
        if href.startswith("tg://user?id="):
            return {"type": "text_mention", "user": {"id": int(href[13:] or 0)}}
        return {"type": "text_link", "url": href}
    if opened.tag == "span":
        return {"type": "spoiler"}
    if opened.tag == "tg-emoji":
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    if opened.tag == "pre" and attrs.get("language"):
        return {"type": "pre", "language": attrs["language"]}
    if opened.tag == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    return {"type": _SIMPLE[opened.tag]}


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into the visible text and its ``MessageEntity`` dicts.

    Args:
        source: The ``text`` (or caption) sent with ``parse_mode=HTML``.

    Returns:
        The text a user would see and its entities with UTF-16 offsets.

    Raises:
        ApiError: 400 ``"Bad Request: can't parse entities: ..."`` like Telegram.
    """
    return _Parser(source).run()
