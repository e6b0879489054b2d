import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.query import (
    MAX_DEPTH,
    And,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    parse_query,
    terms,
    to_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("russia china", And((Term("russia"), Term("china")))),
        ("AT&T", Phrase(("at", "t"))),
        ("covid-19", Phrase(("covid", "19"))),
        ('"unbalanced', Term("unbalanced")),
        ("NEAR(", Term("near")),
        ("putin OR xi", Or((Term("putin"), Term("xi")))),
        ("росси* -war", And((Term("росси", prefix=True), Not(Term("war"))))),
        ('"joint statement" summit', And((Phrase(("joint", "statement")), Term("summit")))),
        ("(a OR b) AND NOT c", And((Or((Term("a"), Term("b"))), Not(Term("c"))))),
        ("中国", Phrase(("中", "国"))),
        ("x) y", And((Term("x"), Term("y")))),
    ],
)
def test_parse(text: str, expected: object) -> None:
    assert parse_query(text) == expected


@pytest.mark.parametrize("text", ["", "*", "   ", "NOT x", "-x", "()", '""', "AND OR"])
def test_unsearchable_queries_raise_query_error(text: str) -> None:
    with pytest.raises(QueryError):
        parse_query(text)


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        node = parse_query(text)
    except QueryError:
        return
    assert terms(node)
    assert to_text(node)


DEEP = ["(" * 330 + "russia", "russia " + "-(" * 300 + "x", "russia " + "NOT " * 240 + "x",
        "(" * 33 + "russia" + ")" * 33]


@pytest.mark.parametrize("text", DEEP)
def test_deep_nesting_is_a_query_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(QueryError, match="levels deep"):
        parse_query(text)


def test_nesting_up_to_the_cap_still_parses() -> None:
    assert parse_query("(" * MAX_DEPTH + "russia" + ")" * MAX_DEPTH) == Term("russia")
    assert terms(parse_query("russia " + "NOT " * MAX_DEPTH + "x")) == ["russia", "x"]
