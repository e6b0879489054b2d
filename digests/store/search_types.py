"""The shape every backend's search compiler returns to the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, FromClause, Select


@dataclass(frozen=True, slots=True)
class Bounds:
    """Which matches a search may return: published in [since, until), among `ids`."""

    since: datetime | None = None
    until: datetime | None = None
    ids: Sequence[int] | None = None

    def filters(self, table: FromClause) -> list[ColumnElement[bool]]:
        """The bounds as conditions on a table with `id` and `published_at` columns."""
        found: list[ColumnElement[bool]] = []
        if self.since is not None:
            found.append(table.c.published_at >= self.since)
        if self.until is not None:
            found.append(table.c.published_at < self.until)
        if self.ids is not None:
            found.append(table.c.id.in_(list(self.ids)))
        return found


@dataclass(frozen=True, slots=True)
class SearchClause:
    """How one backend finds and scores the matches of one query.

    `ranked(bounds, cap)` is the statement selecting every column of `articles` and the
    match's `score` (higher is better) for the public matches within `bounds`; with a
    `cap`, only the `cap` most recently stored of them (highest ids) are scored, which
    is what keeps a search for a common word from scoring every article that has it.
    `settings` are planner settings the statement must run under (PostgreSQL: see
    `search_postgres`), applied for that statement only.
    """

    ranked: Callable[[Bounds, int | None], Select[tuple[object, ...]]]
    settings: dict[str, str] = field(default_factory=dict)
