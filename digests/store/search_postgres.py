"""Full-text search on PostgreSQL: the query AST compiled to a `tsquery` expression.

Each word is a bound parameter to `plainto_tsquery`/`phraseto_tsquery` (prefixes to
`to_tsquery` with the word quoted as a tsquery lexeme), never text spliced into SQL or
into tsquery syntax. Articles are indexed with the configuration of their language
(English or Russian snowball stemming that keeps stop words, else simple), so every
word is looked up in all three configurations and the alternatives are ORed: "talks"
finds the English stem "talk", "росси*" the Russian stem "росс", and a name finds itself
in the simple configuration.
Ranking is `ts_rank_cd` over the weighted vector (title A, text B).

Scoring is what costs: `ts_rank_cd` reads each match's whole vector from TOAST (about
3-4 us a row here), and so does `@@` when the planner scans a table instead of the text
index, or when a phrase must be checked against positions. The planner does so for any
common word: its cost model does not count reading TOASTed values, so a sequential scan
that tests every row's vector looks cheaper than the index (at 10,000 articles "film"
took 115 ms that way against 5 ms through the index). So the matches are first
collected as ids through the index (materialized CTEs, so no ORDER BY/LIMIT can turn
them into an ordered scan that tests vectors row by row), with sequential scans
disabled for the statement, from the narrow `article_search` table (public articles
only; migration 0007).

With a cap (an open search), only the `cap` most recently stored matches are scored,
and only they and a few more are read: the text index's second column is the id range
(`id >> RANGE_BITS`, 2,048 ids; migration 0008), so the index answers "these words in
the newest two ranges" directly, then in the two before, the four before those, and so
on (`RANGE_BANDS`), each band only while the bands before it found fewer than `cap`,
and the older ranges only for a query too rare to fill them. At 100,000 articles "film"
reads 632 of its 17,508 matches, and "prime minister" checks the positions of 600
articles instead of 7,200. An id range on the primary key cannot do this: the newest
ids are those the planner's statistics do not know yet, so it reads such a range row
by row, testing each vector (18-126 ms). Each distinct alternative of a word is looked
up once (see `_Compiler.per_config`). The capped statement is the same for every query,
so it is built once, and the query's tsquery is a CTE (`search_query`) of its own.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from functools import lru_cache, reduce

from sqlalchemy import (
    CTE,
    Column,
    ColumnElement,
    DateTime,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    bindparam,
    case,
    column,
    desc,
    func,
    literal_column,
    select,
    table,
    union_all,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import array as pg_array

from digests.query import And, Node, Or, Phrase, Term
from digests.store.plan import prune, split_and
from digests.store.schema import articles
from digests.store.search_types import Bounds, SearchClause

CONFIGS = ("nd_english", "nd_russian", "simple")
#: The statement's planner settings: find matches through the text index, never by
#: testing every row's vector (see above).
SETTINGS = {"enable_seqscan": "off"}

#: Public articles' vectors, narrow so that visiting many matches is cheap (migration 0007).
article_search = Table(
    "article_search",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("search_vector", TSVECTOR, nullable=False),
)

Tsquery = ColumnElement[object]

#: Id ranges of 2,048 ids (`id >> RANGE_BITS`), the second column of the text index
#: (migration 0008, which must use the same number).
RANGE_BITS = 11
#: The ranges back from the newest one a capped search reads, band by band: the newest
#: two (up to 4,096 ids), then doubling, up to 64 ranges (131,072 ids); then all older
#: ones. At 100,000 articles the bench queries' 500th newest match is 3,000 ids back
#: for "film", 6,600 for "prime minister", 27,000 for "world cup".
RANGE_BANDS = ((0, 2), (2, 4), (4, 8), (8, 16), (16, 32), (32, 64))
_BITS: ColumnElement[int] = literal_column(str(RANGE_BITS))


class _Compiler:
    """Numbers bound parameters so one statement can carry every word of the query."""

    def __init__(self) -> None:
        self.count = 0

    def param(self, value: str) -> ColumnElement[str]:
        self.count += 1
        return bindparam(f"w{self.count}", value)

    def per_config(self, build: Callable[[ColumnElement[object], ColumnElement[str]], Tsquery],
                   value: str) -> Tsquery:
        """The word in every configuration, ORed, each distinct alternative once.

        Latin words stem alike in `nd_english` and `nd_russian`, and often the stem is
        the word itself ("film"), so two or three alternatives are the same tsquery: the
        text index would look each up again and `ts_rank_cd` match it again. The CASE
        skips an alternative equal to an earlier one; with the word a constant, as
        PostgreSQL plans it, the planner folds the whole expression to one tsquery.
        """
        word = self.param(value)
        alternatives = [build(literal_column(f"'{name}'::regconfig"), word) for name in CONFIGS]
        query = alternatives[0]
        for index, alternative in enumerate(alternatives[1:], start=1):
            query = case((alternative.in_(alternatives[:index]), query),
                         else_=func.tsquery_or(query, alternative))
        return query

    def compile(self, node: Node) -> Tsquery:
        if isinstance(node, Term) and node.prefix:
            return self.per_config(func.to_tsquery, "'" + node.word.replace("'", "") + "':*")
        if isinstance(node, Term):
            return self.per_config(func.plainto_tsquery, node.word)
        if isinstance(node, Phrase):
            return self.per_config(func.phraseto_tsquery, " ".join(node.words))
        if isinstance(node, Or):
            return reduce(func.tsquery_or, [self.compile(part) for part in node.parts])
        if isinstance(node, And) and (split := split_and(node)) is not None:
            query = reduce(func.tsquery_and, [self.compile(part) for part in split.include])
            for excluded in split.exclude:
                query = func.tsquery_and(query, func.tsquery_not(self.compile(excluded)))
            return query
        raise ValueError(f"cannot compile {node!r}: prune() the query first")


def to_tsquery(node: Node) -> Tsquery | None:
    """Compile a query to a tsquery SQL expression; None when nothing searchable is left."""
    pruned = prune(node)
    return None if pruned is None else _Compiler().compile(pruned)


#: The query's tsquery, defined once per statement as the CTE `search_query` (see
#: `search_clause`); the statement around it is the same for every query, built once.
_QUERY = table("search_query", column("q"))
_Q = select(_QUERY.c.q).scalar_subquery()
_VECTOR = article_search.c.search_vector


def _ranges_back(first: int, end: int | None) -> ColumnElement[object]:
    """The id ranges `first` .. `end - 1` back from the newest one (to the oldest if None)."""
    newest = select(func.max(article_search.c.id).op(">>")(_BITS)).scalar_subquery()
    oldest = literal_column("0") if end is None else newest - (end - 1)
    back = func.generate_series(oldest, newest - first).column_valued("range")
    return select(func.array_agg(back)).scalar_subquery()


def _scored(candidates: Select[tuple[object, ...]], query: Tsquery) -> Select[tuple[object, ...]]:
    """Every column of the candidates' articles and their `score` for `query`."""
    chosen = candidates.subquery("candidates")
    score = func.ts_rank_cd(_VECTOR, query, type_=Float).label("score")
    return (select(articles, score)
            .select_from(chosen.join(article_search, article_search.c.id == chosen.c.id)
                         .join(articles, articles.c.id == chosen.c.id))
            .where(articles.c.owner_chat_id.is_(None)))


def _newest_matches_scored(
    cap: int, filters: Sequence[ColumnElement[bool]] = ()
) -> Select[tuple[object, ...]]:
    """The `cap` most recently stored matches within `filters`, scored, reading few others.

    The matches are collected range band by range band (`RANGE_BANDS`), each band only
    while the bands before it found fewer than `cap` (a one-time filter: a band not
    needed is never scanned); the last band, every older range, runs only for queries
    too rare to fill the others, and so has few matches to read.
    """
    matched = [_VECTOR.op("@@")(_Q), *filters]
    row_range = pg_array([article_search.c.id.op(">>")(_BITS)])
    bands = [*RANGE_BANDS, (RANGE_BANDS[-1][1], None)]
    steps = [select(article_search.c.id).where(*matched,
                                               row_range.op("&&")(_ranges_back(*band)))
             for band in bands]
    found: list[CTE] = []
    for number, step in enumerate(steps, start=1):
        if found:
            counts = [select(func.count()).select_from(band).scalar_subquery()
                      for band in found]
            step = step.where(reduce(operator.add, counts) < cap)
        found.append(step.cte(f"band{number}").prefix_with("MATERIALIZED", dialect="postgresql"))
    every = union_all(*[select(band.c.id) for band in found]).subquery("matches")
    return _scored(select(every.c.id).order_by(desc(every.c.id)).limit(cap), _Q)


#: The statement of an open search, the same for every query: built once per cap
#: (SQLAlchemy takes ~2 ms to build it, more than PostgreSQL takes to plan it).
_open_search = lru_cache(maxsize=4)(_newest_matches_scored)


def search_clause(node: Node) -> SearchClause | None:
    """How the text index finds and scores the matches of `node`, or None if it can't match."""
    query = to_tsquery(node)
    if query is None:
        return None
    defined = select(query.label("q")).cte(_QUERY.name)

    def ranked(bounds: Bounds, cap: int | None) -> Select[tuple[object, ...]]:
        if cap is not None:
            filters = bounds.filters(article_search)
            capped = _newest_matches_scored(cap, filters) if filters else _open_search(cap)
            return capped.add_cte(defined)
        # Bounded: the query stays a constant, whose selectivity the planner weighs
        # against the bounds' (a few given ids are best looked up by id).
        found = select(article_search.c.id).where(_VECTOR.op("@@")(query),
                                                  *bounds.filters(article_search))
        matches = found.cte("matches").prefix_with("MATERIALIZED", dialect="postgresql")
        return _scored(select(matches.c.id), query)

    return SearchClause(ranked, dict(SETTINGS))
