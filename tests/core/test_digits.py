"""Numbers from untrusted text: ASCII digits only, so "²" or "٣" never reach `int`."""

from __future__ import annotations

import pytest

from digests.digits import parse_ascii_int
from digests.ids import MAX_ARTICLE_ID, is_valid_article_id, parse_article_id


@pytest.mark.parametrize(("text", "value"), [
    ("0", 0), ("7", 7), ("120", 120), (" 42\t", 42), ("007", 7),
    ("9" * 19, 9_999_999_999_999_999_999),
])
def test_ascii_digits_are_read(text: str, value: int) -> None:
    assert parse_ascii_int(text) == value


@pytest.mark.parametrize("text", [
    "", " ", "²", "³⁴", "٣", "١٢٠", "１", "１２０", "߁", "𝟏", "+5", "-5", "1_000", "1.5", "1e3",
    "0x10", "1 2", "9" * 20,
])
def test_anything_else_is_no_number(text: str) -> None:
    assert parse_ascii_int(text) is None


def test_the_digit_limit_is_inclusive() -> None:
    assert parse_ascii_int("12", max_digits=2) == 12
    assert parse_ascii_int("123", max_digits=2) is None


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("42", 42), ("#42", 42), (" #7 ", 7),
                                             (str(MAX_ARTICLE_ID), MAX_ARTICLE_ID)])
def test_article_ids_as_typed(text: str, value: int) -> None:
    assert parse_article_id(text) == value


@pytest.mark.parametrize("text", ["0", "#0", "²", "#٣", "１", str(MAX_ARTICLE_ID + 1), "##4",
                                  "4#", "-4", "1" * 20])
def test_what_cannot_be_a_stored_article_id(text: str) -> None:
    assert parse_article_id(text) is None


def test_valid_article_id_bounds() -> None:
    assert [is_valid_article_id(n) for n in (0, 1, MAX_ARTICLE_ID, MAX_ARTICLE_ID + 1)] == [
        False, True, True, False]
