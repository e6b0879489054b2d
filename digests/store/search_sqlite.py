"""Full-text search on SQLite: the query AST compiled to an FTS5 MATCH string.

Every user word becomes an FTS5 string literal (`"word"`, `"word"*` for a prefix, `"a b"`
for a phrase), so nothing a user types is read as FTS5 syntax (`NEAR(`, `col:`, `^`, `*`).
The MATCH string itself is a bound parameter. Ranking is BM25 with the title weighted
ten times the body; SQLite's `bm25()` is lower-is-better, so the score is its negation.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Float, bindparam, column, func, literal_column, table

from digests.query import And, Node, Or, Phrase, Term
from digests.store.plan import prune, split_and
from digests.store.schema import articles
from digests.store.search_types import SearchClause

TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0

_fts = table("articles_fts", column("rowid"))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node: Node) -> str | None:
    """Compile a (pruned) query to FTS5 syntax; None when nothing searchable is left."""
    node_or_none = prune(node)
    return None if node_or_none is None else _compile(node_or_none)


def _compile(node: Node) -> str:
    if isinstance(node, Term):
        return _quote(node.word) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _quote(" ".join(node.words))
    if isinstance(node, Or):
        return "(" + " OR ".join(_compile(part) for part in node.parts) + ")"
    if isinstance(node, And) and (split := split_and(node)) is not None:
        expression = "(" + " AND ".join(_compile(part) for part in split.include) + ")"
        for excluded in split.exclude:
            expression = f"({expression} NOT {_compile(excluded)})"
        return expression
    raise ValueError(f"cannot compile {node!r}: prune() the query first")


def search_clause(node: Node) -> SearchClause | None:
    """The FROM, WHERE and score of an FTS5 search for `node`, or None if it can't match."""
    match = to_fts5(node)
    if match is None:
        return None
    fts: ColumnElement[object] = literal_column("articles_fts")
    rank: ColumnElement[float] = func.bm25(fts, TITLE_WEIGHT, TEXT_WEIGHT, type_=Float)
    return SearchClause(
        from_=_fts.join(articles, articles.c.id == _fts.c.rowid),
        where=fts.op("MATCH")(bindparam("fts_query", match)),
        score=-rank,
    )
