"""Rankers: every algorithm reduced to one question, "which sentences, best first?".

A budget then decides how many of the ranked sentences are kept, the same way for every
algorithm (see `budget`). sumy summarizers only return a document-ordered selection, but
their shared `_get_best_sentences` accepts a callable count, which receives the sentences
sorted by rating. Our `Algorithm.select` passes its `Length` straight through as that
count, so handing it a capturing callable instead yields the full ranking from one
ordinary call, with sumy's own tie-breaking (stable sort: earlier sentences win ties).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from digests.evaluation.documents import PreparedArticle
from digests.summarize.length import Length
from digests.summarize.registry import get_algorithm

Ranker = Callable[[PreparedArticle], list[int]]


class _RankingCapture:
    """A sumy "count" that records the rating-sorted sentence infos it is handed."""

    def __init__(self) -> None:
        self.orders: list[int] = []

    def __call__(self, infos: Sequence[Any]) -> Sequence[Any]:
        self.orders = [int(info.order) for info in infos]
        return infos


def build_ranker(name: str) -> Ranker:
    """The ranker for a registered algorithm name.

    Raises:
        UnknownAlgorithm: the name is not in `digests.summarize.registry`.
    """
    get_algorithm(name)  # validate now, not in a worker process

    def rank(prepared: PreparedArticle) -> list[int]:
        algorithm = get_algorithm(name, prepared.language)
        capture = _RankingCapture()
        algorithm.select(prepared.new_document(), cast(Length, capture), prepared.article.title)
        return capture.orders

    return rank
