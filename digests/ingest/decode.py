"""Decoding stage: bytes to text, or a rejection that says why not.

Order matters: a UTF-16 byte-order mark must be honoured before the NUL-byte test
(UTF-16 text is full of NULs), and UTF-8 is tried before any guessing because charset
detection happily "decodes" anything as some single-byte code page.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from digests.ingest.types import DocumentKind, RawDocument, Rejection

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DETECT_BYTES = 64_000


def decode(raw: RawDocument) -> str | Rejection:
    """Decode a document: BOM, then UTF-8, then charset detection; NULs mean binary."""
    data = raw.data
    if not data.strip():
        return Rejection(raw.label, "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return Rejection(raw.label, f"undecodable: invalid {encoding}")
    if b"\x00" in data and raw.kind is not DocumentKind.JSONL:
        return Rejection(raw.label, "binary: contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        return Rejection(raw.label, "undecodable: not UTF-8 and no plausible charset")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return Rejection(raw.label, f"undecodable: not valid {best.encoding}")
