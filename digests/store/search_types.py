"""The shape every backend's search compiler returns to the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, FromClause


@dataclass(frozen=True, slots=True)
class SearchClause:
    """Where to select from, which rows match, and their score (higher is better)."""

    from_: FromClause
    where: ColumnElement[bool]
    score: ColumnElement[float]
