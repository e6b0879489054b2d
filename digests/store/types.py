"""Column types that make both backends hand back the same Python values.

SQLite has no time zones and PostgreSQL returns `timestamptz` in the session's zone;
`UTCDateTime` stores UTC on both and always returns aware UTC datetimes, so callers
never compare naive and aware values. MinHash signatures are packed into bytes because
a JSON list of 128 integers is several times larger and slower to decode.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

_WIDTHS = {4: "I", 8: "Q"}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; naive input is rejected rather than guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC; SQLite gets a naive UTC value so string ordering stays correct."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to SQLite's naive values and normalize PostgreSQL's to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        """Render a literal for offline SQL (migrations' --sql mode)."""
        return repr(str(value))


def pack_signature(values: Sequence[int] | None) -> bytes | None:
    """Pack MinHash hash values as little-endian 32-bit words (64-bit if any needs it).

    The first byte records the width, so a later change of hash size still decodes.
    """
    if values is None:
        return None
    width = 4 if not values or (min(values) >= 0 and max(values) < 2**32) else 8
    return bytes([width]) + struct.pack(f"<{len(values)}{_WIDTHS[width]}", *values)


def unpack_signature(blob: bytes | None) -> tuple[int, ...] | None:
    """Inverse of `pack_signature`."""
    if blob is None:
        return None
    width = blob[0]
    count = (len(blob) - 1) // width
    return struct.unpack(f"<{count}{_WIDTHS[width]}", blob[1:])
