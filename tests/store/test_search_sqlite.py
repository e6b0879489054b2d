"""The FTS5 compiler: user words only ever become FTS5 string literals."""

from __future__ import annotations

import pytest

from digests.query import And, Not, Or, Phrase, Term, parse_query
from digests.store.search_sqlite import to_fts5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("russia", '"russia"'),
        ("росси*", '"росси"*'),
        ('"joint statement"', '"joint statement"'),
        ("a OR b", '("a" OR "b")'),
        ("a b", '("a" AND "b")'),
        ("a -b", '(("a") NOT "b")'),
        ("a -b -c", '((("a") NOT "b") NOT "c")'),
        ("(a OR b) NOT (c OR d)", '((("a" OR "b")) NOT ("c" OR "d"))'),
        ("NEAR(", '"near"'),
        ("AT&T", '"at t"'),
    ],
)
def test_compiles(query: str, expected: str) -> None:
    assert to_fts5(parse_query(query)) == expected


def test_quotes_inside_a_word_are_doubled() -> None:
    assert to_fts5(Term('we"ird')) == '"we""ird"'
    assert to_fts5(Phrase(("a", 'b"'))) == '"a b"""'


def test_exclusion_without_anything_to_subtract_from_is_dropped() -> None:
    assert to_fts5(Or((Term("a"), Not(Term("b"))))) == '"a"'
    assert to_fts5(And((Not(Term("a")), Not(Term("b"))))) is None
