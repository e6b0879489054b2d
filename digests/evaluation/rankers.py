"""Rankers: every algorithm reduced to one question, "which sentences, best first?".

A budget then decides how many of the ranked sentences are kept, the same way for every
algorithm (see `budget`). sumy summarizers only return a document-ordered selection, but
their shared `_get_best_sentences` accepts a callable count, which receives the sentences
sorted by rating. Our `Algorithm.select` passes its `Length` through as that count, so
a `Length` of 100% that records what it is handed yields the full ranking from one
ordinary call, with sumy's own tie-breaking (stable sort: earlier sentences win ties).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from digests.evaluation.documents import PreparedArticle
from digests.summarize.length import Length, Unit
from digests.summarize.registry import get_algorithm

Ranker = Callable[[PreparedArticle], list[int]]


@dataclass(frozen=True, slots=True)
class _RankingCapture(Length):
    """A length of "100% of the sentences" that records the best-first order it is handed."""

    value: int = 100
    unit: Unit = Unit.PERCENT
    orders: list[int] = field(default_factory=list)

    def __call__(self, ranked: Sequence[Any]) -> Sequence[Any]:
        self.orders[:] = [int(info.order) for info in ranked]
        return ranked


def build_ranker(name: str) -> Ranker:
    """The ranker for a registered algorithm name.

    Raises:
        UnknownAlgorithm: the name is not in `digests.summarize.registry`.
    """
    get_algorithm(name)  # validate now, not in a worker process

    def rank(prepared: PreparedArticle) -> list[int]:
        algorithm = get_algorithm(name, prepared.language)
        capture = _RankingCapture()
        algorithm.select(prepared.new_document(), capture, prepared.article.title)
        return capture.orders

    return rank
