"""Full-text search on PostgreSQL: the query AST compiled to a `tsquery` expression.

Each word is a bound parameter to `plainto_tsquery`/`phraseto_tsquery` (prefixes to
`to_tsquery` with the word quoted as a tsquery lexeme), never text spliced into SQL or
into tsquery syntax. Articles are indexed with the configuration of their language
(English or Russian snowball stemming that keeps stop words, else simple), so every
word is looked up in all three configurations and the alternatives are ORed: "talks"
finds the English stem "talk", "росси*" the Russian stem "росс", and a name finds itself
in the simple configuration.
Ranking is `ts_rank_cd` over the weighted vector (title A, text B).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

from sqlalchemy import ColumnElement, Float, bindparam, func, literal_column
from sqlalchemy.dialects.postgresql import TSVECTOR

from digests.query import And, Node, Or, Phrase, Term
from digests.store.plan import prune, split_and
from digests.store.schema import articles
from digests.store.search_types import SearchClause

CONFIGS = ("nd_english", "nd_russian", "simple")

_vector = literal_column("articles.search_vector", TSVECTOR)

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
    """The FROM, WHERE and score of a tsvector search for `node`, or None if it can't match."""
    query = to_tsquery(node)
    if query is None:
        return None
    return SearchClause(
        from_=articles,
        where=_vector.op("@@")(query),
        score=func.ts_rank_cd(_vector, query, type_=Float),
    )
