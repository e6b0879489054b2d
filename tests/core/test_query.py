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


@pytest.mark.parametrize(("text", "expected"), [
    ("ab*", Term("ab", prefix=True)),  # two letters are a stem worth expanding
    ("a*", Term("a")),  # one letter would match nearly every article: a plain word
    ("росси*", Term("росси", prefix=True)),
    ('"putin*', Term("putin")),  # a star inside quotes is literal, even without the closing quote
])
def test_a_star_makes_a_prefix_search_of_two_letters_or_more(text: str, expected: Term) -> None:
    assert parse_query(text) == expected


def test_a_not_of_nothing_is_dropped() -> None:
    assert parse_query("russia NOT *") == Term("russia")
    assert parse_query('russia -""') == Term("russia")


def test_nested_groups_of_one_operator_are_one_group() -> None:
    # "a (b c)" and "a b c" are the same query, so they render (and cache) the same.
    flat = And((Term("russia"), Term("china"), Term("trade")))
    assert parse_query("russia (china trade)") == flat
    assert parse_query("(russia AND china) AND trade") == flat
    assert parse_query("russia OR (china OR trade)") == Or(flat.parts)


def test_parentheses_group_even_after_an_inner_group_closes() -> None:
    assert parse_query("((putin) OR xi) china") == And((Or((Term("putin"), Term("xi"))),
                                                        Term("china")))


def test_a_stray_closing_parenthesis_does_not_cut_the_query() -> None:
    # The second ")" closes nothing: it is dropped, and "OR xi" is still part of the query.
    assert parse_query("(putin) kremlin) OR xi") == Or((And((Term("putin"), Term("kremlin"))),
                                                        Term("xi")))
    assert parse_query("((a OR b)) c) OR d") == Or((And((Or((Term("a"), Term("b"))), Term("c"))),
                                                   Term("d")))


def test_the_depth_limit_counts_the_path_not_the_groups_before_it() -> None:
    # Forty groups side by side are shallow; forty nested through a closed sibling are not.
    side_by_side = " ".join(f"(w{i} OR v{i})" for i in range(30))
    assert len(terms(parse_query(side_by_side))) == 60
    assert len(terms(parse_query("NOT a " * 40 + "b"))) == 41
    deep = "(" * 20 + "(a) " + "(" * 20 + "b"
    with pytest.raises(QueryError) as refused:
        parse_query(deep)
    assert str(refused.value) == "the query nests parentheses or NOT more than 32 levels deep"


def test_closed_groups_before_a_deep_one_do_not_lend_it_depth() -> None:
    # Leaving a group gives back exactly the level it took: three closed groups first do
    # not let the next one nest 33 deep, and 32 is still allowed after them.
    assert terms(parse_query("(a) (b) (c) " + "(" * 32 + "d"))
    with pytest.raises(QueryError):
        parse_query("(a) (b) (c) " + "(" * 33 + "d")
    with pytest.raises(QueryError):
        parse_query("NOT (a) NOT (b) " + "NOT " * 33 + "d")


@pytest.mark.parametrize("text", ["-x", "NOT (a OR b)", "*", '""'])
def test_an_unsearchable_query_says_why(text: str) -> None:
    # The bot shows this after "I couldn't search for that:".
    with pytest.raises(QueryError) as refused:
        parse_query(text)
    assert str(refused.value) == "the query has no words to search for"


def test_a_query_may_have_64_words_and_not_65() -> None:
    assert len(terms(parse_query(" ".join(f"w{i}" for i in range(64))))) == 64
    with pytest.raises(QueryError) as refused:
        parse_query(" ".join(f"w{i}" for i in range(65)))
    assert str(refused.value) == "the query has more than 64 words"


@pytest.mark.parametrize(("text", "canonical"), [
    ("russia", "russia"),
    ("Росси*", "росси*"),
    ('"Joint  Statement"', '"joint statement"'),
    ("putin OR xi", "(putin OR xi)"),
    ("(a OR b) AND NOT c", "((a OR b) AND NOT c)"),
    ('ab* -"x y" (c OR dm*) NOT e', '(ab* AND NOT "x y" AND (c OR dm*) AND NOT e)'),
])
def test_a_query_renders_as_canonical_text_that_parses_back(text: str, canonical: str) -> None:
    node = parse_query(text)
    assert to_text(node) == canonical
    assert parse_query(to_text(node)) == node
