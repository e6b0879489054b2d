"""Decoding stage: bytes to text, or a rejection that says why not.

The order is the HTML Standard's: an encoding declared outside the document (the HTTP
`Content-Type` charset), then a byte-order mark, then what the document declares itself
(`<meta charset>`, `http-equiv`, the XML declaration), then UTF-8, then detection over
the whole body (`charset_normalizer` samples it end to end; a prefix of ASCII markup
would look like ASCII). A UTF-16 byte-order mark is honoured before the NUL-byte test
(UTF-16 text is full of NULs), and UTF-8 is tried before guessing because charset
detection happily "decodes" anything as some single-byte code page.

Nothing trafilatura or feedparser could read is rejected: when every strict decoding
fails, the declared encoding (else UTF-8) is used with replacement characters, as they
do. Only empty input, NUL-laden binaries and a broken byte-order-marked text are refused.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from digests import reasons
from digests.ingest.charset import declared_encoding, known_encoding
from digests.ingest.types import DocumentKind, RawDocument, Rejection

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.BOM_UTF8, "utf-8-sig"))
_MARKUP = (DocumentKind.HTML,)


def _strict(data: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    """The first detected charset that decodes the whole body strictly."""
    for match in from_bytes(data):
        if match.encoding and (text := _strict(data, match.encoding)) is not None:
            return text
    return None


def decode(raw: RawDocument, *, charset: str | None = None) -> str | Rejection:
    """Decode a document; `charset` is the one an HTTP header declared, if any."""
    data = raw.data
    if not data.strip():
        return Rejection(raw.label, reasons.EMPTY)
    header = known_encoding(charset)
    if (text := _strict(data, header)) is not None:
        return text.removeprefix("\ufeff")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                return Rejection(raw.label, reasons.UNDECODABLE.format(encoding=encoding))
            return text
    declared = declared_encoding(data) if raw.kind in _MARKUP else None
    if (text := _strict(data, declared)) is not None:
        return text
    if b"\x00" in data and raw.kind is not DocumentKind.JSONL and header is None:
        return Rejection(raw.label, reasons.BINARY)
    if (text := _strict(data, "utf-8")) is not None:
        return text
    if (text := _detected(data)) is not None:
        return text
    return data.decode(declared or header or "utf-8", errors="replace")
