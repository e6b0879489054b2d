"""Which encoding a document declares: `<meta charset>`, `http-equiv` or the XML declaration.

Decoding follows the order browsers use (HTML Standard, "determining the character
encoding"): the HTTP header, then a byte-order mark, then what the document declares in
its own head, and only then a guess from the bytes. Pages in windows-1252, KOI8-R or
Shift_JIS often declare their encoding only in `<meta charset>`: a detector that ignores
it, or sees only a prefix of mostly ASCII markup, reads them as ASCII and fails, or
picks a wrong single-byte code page.
"""

from __future__ import annotations

import codecs
import re

PRESCAN_BYTES = 1_000_000
"""How far into the document a declaration is looked for, at most (and never past
`<body`): the standard prescans 1,024 bytes, but real pages put long inline scripts and
styles before their `<meta>`, and a declaration found late still beats a guess."""
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
                           re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
                              re.IGNORECASE)
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_WIDE = ("utf-16", "utf-32")
_ALIASES = {"x-user-defined": "windows-1252", "iso-8859-1": "windows-1252",
            "latin1": "windows-1252", "latin-1": "windows-1252", "us-ascii": "windows-1252",
            "ascii": "windows-1252"}
"""Labels the HTML Standard maps to windows-1252: servers say "iso-8859-1" and mean it."""


def known_encoding(label: str | None) -> str | None:
    """The Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encoding(data: bytes, *, html: bool = True) -> str | None:
    """The encoding the document declares in its first bytes, if Python knows it.

    A declared UTF-16/32 is ignored (the standard does the same): a document whose
    declaration can be read as ASCII is not in UTF-16, and a real UTF-16 document is
    recognised by its byte-order mark before this is asked.
    """
    head = data[:PRESCAN_BYTES]
    body = _BODY.search(head)
    head = head[:body.start()] if body else head
    match = _XML_DECLARATION.match(head) or (_META_CHARSET.search(head) if html else None)
    encoding = known_encoding(match.group(1).decode("ascii")) if match else None
    if encoding is None or encoding.startswith(_WIDE):
        return None
    return encoding
