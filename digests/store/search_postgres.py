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
13 us a row here), and so does `@@` when the planner scans a table instead of the text
index. It does so for any common word: its cost model does not count reading TOASTed
values, so a sequential scan that tests every row's vector looks cheaper than the index
(at 10,000 articles "film" took 115 ms that way against 5 ms through the index). So the
matches are first collected as ids through the index (a materialized CTE, so no ORDER
BY/LIMIT can turn it into an ordered scan that tests vectors row by row), with
sequential scans disabled for the statement; with a cap, only the `cap` most recently
stored of them are scored. Collecting them visits each match's heap row, which is why
the vectors live in the narrow `article_search` table (public articles only; migration
0007): "film" matches 17,500 of 100,000 articles, 834 pages there, 10,500 in `articles`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    bindparam,
    desc,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from digests.query import And, Node, Or, Phrase, Term
from digests.store.plan import prune, split_and
from digests.store.schema import articles
from digests.store.search_types import Bounds, SearchClause

CONFIGS = ("nd_english", "nd_russian", "simple")
#: The statement's planner settings: find matches through the text index, never by
#: testing every row's vector (see above).
SETTINGS = {"enable_seqscan": "off"}

#: Public articles' vectors, narrow so that visiting every match is cheap (migration 0007).
article_search = Table(
    "article_search",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("search_vector", TSVECTOR, nullable=False),
)

Tsquery = ColumnElement[object]


class _Compiler:
    """Numbers bound parameters so one statement can carry every word of the query."""

    def __init__(self) -> None:
        self.count = 0

    def param(self, value: str) -> ColumnElement[str]:
        self.count += 1
        return bindparam(f"w{self.count}", value)

    def per_config(self, build: Callable[[ColumnElement[object], ColumnElement[str]], Tsquery],
                   value: str) -> Tsquery:
        word = self.param(value)
        alternatives = [build(literal_column(f"'{name}'::regconfig"), word) for name in CONFIGS]
        return reduce(func.tsquery_or, alternatives)

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


def search_clause(node: Node) -> SearchClause | None:
    """How the text index finds and scores the matches of `node`, or None if it can't match."""
    query = to_tsquery(node)
    if query is None:
        return None

    def ranked(bounds: Bounds, cap: int | None) -> Select[tuple[object, ...]]:
        vector = article_search.c.search_vector
        found = select(article_search.c.id).where(vector.op("@@")(query),
                                                  *bounds.filters(article_search))
        matches = found.cte("matches").prefix_with("MATERIALIZED", dialect="postgresql")
        candidates = select(matches.c.id)
        if cap is not None:
            candidates = candidates.order_by(desc(matches.c.id)).limit(cap)
        chosen = candidates.subquery("candidates")
        score = func.ts_rank_cd(vector, query, type_=Float).label("score")
        return (select(articles, score)
                .select_from(chosen.join(article_search, article_search.c.id == chosen.c.id)
                             .join(articles, articles.c.id == chosen.c.id))
                .where(articles.c.owner_chat_id.is_(None)))

    return SearchClause(ranked, dict(SETTINGS))
