"""The tsquery compiler: user words travel as bound parameters, never inside the SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import String, func, literal_column, select
from sqlalchemy.dialects import postgresql

from digests.query import Not, Or, Term, parse_query
from digests.store import SqlStore
from digests.store.search_postgres import CONFIGS, to_tsquery


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


@pytest.mark.parametrize(("query", "expected"), [
    ("film", "'film'"),
    ("talks", "'talk' | 'talks'"),
    ("путин", "'путин'"),
    ('"prime minister"', "'prime' <-> 'minist' | 'prime' <-> 'minister'"),
    ("econom*", "'econom':*"),
    ("росси*", "'росси':* | 'росс':*"),
])
def test_each_distinct_alternative_is_looked_up_once(
    store: SqlStore, query: str, expected: str
) -> None:
    """Configurations that stem a word alike give one alternative, not two or three.

    The text index looked up "film" three times ('film' | 'film' | 'film'). Scores do not
    change: `ts_rank_cd` counts each distinct lexeme once either way (checked below).
    """
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite compiles to FTS5, one string per word")
    expression = to_tsquery(parse_query(query))
    assert expression is not None
    every = func.tsquery_or(func.tsquery_or(*(
        func.plainto_tsquery(literal_column(f"'{c}'::regconfig"), "the film talks")
        for c in CONFIGS[:2])), func.plainto_tsquery(literal_column("'simple'::regconfig"),
                                                     "the film talks"))
    vector = func.to_tsvector(literal_column("'nd_english'::regconfig"),
                              "Talks on film: the film talks and prime minister talk")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.cast(expression, String))).scalar_one() == expected
        deduped = to_tsquery(parse_query("the film talks"))
        assert deduped is not None
        assert conn.execute(select(func.ts_rank_cd(vector, deduped))).scalar_one() == \
            conn.execute(select(func.ts_rank_cd(vector, every))).scalar_one()
