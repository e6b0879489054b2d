"""The tsquery compiler: user words travel as bound parameters, never inside the SQL."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from digests.query import Not, Or, Term, parse_query
from digests.store.search_postgres import to_tsquery


def compiled(query: str) -> tuple[str, dict[str, object]]:
    expression = to_tsquery(parse_query(query))
    assert expression is not None
    statement = select(expression).compile(dialect=postgresql.dialect())  # type: ignore[no-untyped-call]
    return str(statement), dict(statement.params)


def test_words_are_parameters() -> None:
    sql, params = compiled("""kremlin' OR "xq yq" -zebra пекин*""")
    for word in ("kremlin", "zebra", "пекин", "xq"):
        assert word not in sql
    assert set(params.values()) == {"kremlin", "xq yq", "zebra", "'пекин':*"}


def test_every_word_is_looked_up_in_each_configuration() -> None:
    sql, _ = compiled("talks")
    for config in ("'nd_english'::regconfig", "'nd_russian'::regconfig", "'simple'::regconfig"):
        assert config in sql


def test_operators_map_to_tsquery_functions() -> None:
    sql, _ = compiled("a -b OR c")
    assert "tsquery_not" in sql
    assert "tsquery_and" in sql
    assert "tsquery_or" in sql


def test_lone_exclusion_is_dropped() -> None:
    assert to_tsquery(Not(Term("a"))) is None
    assert to_tsquery(Or((Term("a"), Not(Term("b"))))) is not None
