"""Full-text search on SQLite: the query AST compiled to an FTS5 MATCH string.

Every user word becomes an FTS5 string literal (`"word"`, `"word"*` for a prefix, `"a b"`
for a phrase), so nothing a user types is read as FTS5 syntax (`NEAR(`, `col:`, `^`, `*`).
The MATCH string itself is a bound parameter. Ranking is BM25 with the title weighted
ten times the body; SQLite's `bm25()` is lower-is-better, so the score is its negation.

With a cap, FTS5 walks the query's matches from the highest rowid down and stops after
`cap`, scoring only those: the index serves `ORDER BY rowid DESC LIMIT` itself, so
neither BM25 nor the article rows are computed for older matches (a common word matches
a fifth of all articles). Without a cap (a time window or given ids bound the matches)
every match in the window is scored; a window also bounds the FTS5 walk by rowid, from
the lowest to the highest id published in it (`_window_rowids`): FTS5 seeks to that
range instead of scoring every match of all time and dropping those outside the window.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    bindparam,
    column,
    desc,
    func,
    literal_column,
    select,
    table,
)

from digests.query import And, Node, Or, Phrase, Term
from digests.store.plan import prune, split_and
from digests.store.schema import articles
from digests.store.search_types import Bounds, SearchClause

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


def _window_rowids(bounds: Bounds) -> list[ColumnElement[bool]]:
    """Bound the FTS5 rowids to the ids of the articles published in the window, if any.

    Exact, not a guess: every article in the window has an id between the window's lowest
    and highest (two lookups on the `(published_at, id)` index). FTS5 serves a rowid range
    itself, so a 24 h digest at 100,000 articles scores the window's ~200 matches instead
    of all ~30,000 ("film OR music OR award": 44 -> 2 ms of SQL); where ids and dates do
    not go together (an old archive ingested today) the range is wide and costs what the
    whole walk did. BM25's statistics are the index's, so scores do not change.
    """
    if bounds.since is None and bounds.until is None:
        return []
    window = articles.alias("window")
    inside = Bounds(bounds.since, bounds.until).filters(window)
    lowest = select(func.min(window.c.id)).where(*inside).scalar_subquery()
    highest = select(func.max(window.c.id)).where(*inside).scalar_subquery()
    return [_fts.c.rowid >= lowest, _fts.c.rowid <= highest]


def search_clause(node: Node) -> SearchClause | None:
    """How FTS5 finds and scores the matches of `node`, or None if it can't match."""
    match = to_fts5(node)
    if match is None:
        return None

    def ranked(bounds: Bounds, cap: int | None) -> Select[tuple[object, ...]]:
        filters = [articles.c.owner_chat_id.is_(None), *bounds.filters(articles)]
        fts: ColumnElement[object] = literal_column("articles_fts")
        score = (-func.bm25(fts, TITLE_WEIGHT, TEXT_WEIGHT, type_=Float)).label("score")
        matches = fts.op("MATCH")(bindparam("fts_query", match))
        if cap is None:
            return (select(articles, score)
                    .select_from(_fts.join(articles, articles.c.id == _fts.c.rowid))
                    .where(matches, *_window_rowids(bounds), *filters))
        # A subquery with LIMIT is never merged into the join: FTS5 scores `cap` rows.
        newest = (select(_fts.c.rowid.label("id"), score).select_from(_fts).where(matches)
                  .order_by(desc(_fts.c.rowid)).limit(cap).subquery("candidates"))
        return (select(articles, newest.c.score)
                .select_from(newest.join(articles, articles.c.id == newest.c.id))
                .where(*filters))

    return SearchClause(ranked)
