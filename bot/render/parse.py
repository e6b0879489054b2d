"""A strict reader of Telegram HTML: tokens, validation and the visible text.

The splitter needs to see a message the way Telegram does (which characters are visible,
where tags open and close) so it can cut between characters and keep every piece valid.
Tests use the same reader as an oracle: whatever we send must parse here, with Telegram's
rules (only its tags, balanced, only `&lt; &gt; &amp; &quot;` and numeric entities, no bare
`<`, `>` or `&`). It is deliberately stricter than Telegram where Telegram is lenient.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

_ATTR_VALUE = r"""(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+)"""
_OPEN_RE = re.compile(
    rf"<([a-z][a-z0-9-]*)((?:\s+[a-z][a-z-]*(?:\s*=\s*{_ATTR_VALUE})?)*)\s*>", re.IGNORECASE
)
_CLOSE_RE = re.compile(r"</([a-z][a-z0-9-]*)\s*>", re.IGNORECASE)
_ATTR_RE = re.compile(rf"([a-z][a-z-]*)(?:\s*=\s*({_ATTR_VALUE}))?", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_PLAIN_RE = re.compile(r"[^<>&]+")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

# Tag -> attributes it may carry; a leading "!" marks a required attribute.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "tg-spoiler": frozenset(),
    "span": frozenset({"!class"}),
    "a": frozenset({"!href"}),
    "tg-emoji": frozenset({"!emoji-id"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}


class HtmlError(ValueError):
    """The text is not HTML that Telegram would accept."""


class Kind(enum.Enum):
    """What a token is: one visible character, or a tag opening or closing."""

    TEXT = "text"
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of the source: `raw` is exactly as written, `text` what Telegram shows.

    A text token is either a run of plain characters (`raw == text`) or one entity (`raw` is
    the entity, `text` the single character it stands for).
    """

    kind: Kind
    raw: str
    text: str = ""
    name: str = ""


def tokenize(html: str) -> list[Token]:
    """Split HTML into tags, runs of plain text, and entities.

    Raises:
        HtmlError: on a bare `<`, `>` or `&`, an unknown entity or a malformed tag.
    """
    tokens: list[Token] = []
    pos = 0
    while pos < len(html):
        char = html[pos]
        if char == "<":
            token = _read_tag(html, pos)
        elif char == "&":
            token = _read_entity(html, pos)
        elif char == ">":
            raise HtmlError(f"bare '>' at {pos}")
        else:
            match = _PLAIN_RE.match(html, pos)
            assert match is not None  # char is none of "<>&"
            token = Token(Kind.TEXT, raw=match.group(), text=match.group())
        tokens.append(token)
        pos += len(token.raw)
    return tokens


def _read_tag(html: str, pos: int) -> Token:
    if match := _CLOSE_RE.match(html, pos):
        return Token(Kind.CLOSE, raw=match.group(), name=match.group(1).lower())
    if match := _OPEN_RE.match(html, pos):
        name = match.group(1).lower()
        _check_attributes(name, match.group(2))
        return Token(Kind.OPEN, raw=match.group(), name=name)
    raise HtmlError(f"bare '<' or malformed tag at {pos}")


def _read_entity(html: str, pos: int) -> Token:
    match = _ENTITY_RE.match(html, pos)
    if match is None:
        raise HtmlError(f"bare '&' or unsupported entity at {pos}")
    named, decimal, hexadecimal = match.groups()
    if named:
        return Token(Kind.TEXT, raw=match.group(), text=_NAMED[named])
    code_point = int(decimal) if decimal else int(hexadecimal, 16)
    if code_point == 0 or code_point > 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
        raise HtmlError(f"invalid character reference at {pos}")
    return Token(Kind.TEXT, raw=match.group(), text=chr(code_point))


def _check_attributes(name: str, source: str) -> None:
    if name not in ALLOWED_TAGS:
        raise HtmlError(f"unsupported tag <{name}>")
    allowed = ALLOWED_TAGS[name]
    seen: set[str] = set()
    for match in _ATTR_RE.finditer(source):
        attribute, value = match.group(1).lower(), match.group(2)
        if attribute not in allowed and f"!{attribute}" not in allowed:
            raise HtmlError(f"unsupported attribute {attribute!r} on <{name}>")
        if value is not None:
            tokenize(value.strip("\"'"))  # entities inside values follow the same rules
        seen.add(attribute)
    missing = {a[1:] for a in allowed if a.startswith("!")} - seen
    if missing:
        raise HtmlError(f"<{name}> needs {', '.join(sorted(missing))}")


def parse(html: str) -> str:
    """Validate Telegram HTML and return its visible text.

    Beyond `tokenize`, this checks that tags are balanced and nested the way Telegram allows:
    nothing inside `code`, only `code` inside `pre`, no link inside a link, no blockquote
    inside a blockquote.

    Raises:
        HtmlError: when Telegram would reject the text.
    """
    stack: list[str] = []
    visible: list[str] = []
    for token in tokenize(html):
        if token.kind is Kind.TEXT:
            visible.append(token.text)
        elif token.kind is Kind.OPEN:
            _check_nesting(token.name, stack)
            stack.append(token.name)
        elif not stack or stack[-1] != token.name:
            raise HtmlError(f"unexpected </{token.name}>")
        else:
            stack.pop()
    if stack:
        raise HtmlError(f"unclosed <{stack[-1]}>")
    return "".join(visible)


def _check_nesting(name: str, stack: list[str]) -> None:
    if "code" in stack or ("pre" in stack and name != "code"):
        raise HtmlError(f"<{name}> inside <code> or <pre>")
    if name in {"a", "blockquote"} and name in stack:
        raise HtmlError(f"<{name}> inside <{name}>")


def visible_text(html: str) -> str:
    """Return the text Telegram shows for `html` (raises `HtmlError` if invalid)."""
    return parse(html)


def is_valid(html: str) -> bool:
    """Tell whether Telegram would accept `html` as a message text with parse_mode HTML."""
    try:
        parse(html)
    except HtmlError:
        return False
    return True
