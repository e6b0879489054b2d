"""Extractive summaries with sumy, fully offline: no NLTK data, no network.

Public API: `summarize`, `split_sentences`, `Length`, `get_algorithm`, `algorithm_names`,
`UnknownAlgorithm`, and `ALGORITHMS` (the registry, for adding an algorithm).
"""

from digests.summarize.length import Length, Unit
from digests.summarize.registry import (
    ALGORITHMS,
    UnknownAlgorithm,
    algorithm_names,
    get_algorithm,
)
from digests.summarize.summarizer import split_sentences, summarize

__all__ = [
    "ALGORITHMS",
    "Length",
    "Unit",
    "UnknownAlgorithm",
    "algorithm_names",
    "get_algorithm",
    "split_sentences",
    "summarize",
]
