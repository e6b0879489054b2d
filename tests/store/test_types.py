"""Signatures pack compactly and round-trip; datetimes come back aware and in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from digests.store.types import UTCDateTime, pack_signature, unpack_signature


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=300))
def test_signature_roundtrip(values: list[int]) -> None:
    assert unpack_signature(pack_signature(values)) == tuple(values)


def test_32_bit_signatures_take_four_bytes_each() -> None:
    blob = pack_signature([2**32 - 1] * 128)
    assert blob is not None
    assert len(blob) == 1 + 4 * 128
    assert pack_signature(None) is None
    assert unpack_signature(None) is None


def test_utc_datetime_binds_utc_and_returns_aware() -> None:
    column = UTCDateTime()
    pg = postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]
    local = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=3)))
    assert column.process_bind_param(local, sqlite.dialect()) == datetime(2026, 1, 1, 9)
    bound = column.process_bind_param(local, pg)
    assert bound == local
    assert bound is not None
    assert bound.tzinfo == UTC
    naive = datetime(2026, 1, 1, 9)
    assert column.process_result_value(naive, sqlite.dialect()) == naive.replace(tzinfo=UTC)
    result = column.process_result_value(local, pg)
    assert result is not None
    assert result.tzinfo == UTC


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), sqlite.dialect())
