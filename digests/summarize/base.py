"""The one seam every summarization algorithm implements, and the adapter for sumy's.

An `Algorithm` is built for one language by a factory (`AlgorithmFactory`) and then only
selects: given sumy's document model, a `Length` and the article's title, it returns the
chosen sentences in document order. Keeping construction (stemmer, stop words) in the
factory lets the registry cache one instance per (algorithm, language), and keeping
`select` free of mutation makes a cached instance safe to share between worker threads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Sentence

from digests.summarize.languages import LanguageProfile
from digests.summarize.length import Length


class Algorithm(ABC):
    """An extractive summarizer configured for one language."""

    @abstractmethod
    def select(
        self, document: ObjectDocumentModel, length: Length, title: str | None = None
    ) -> tuple[Sentence, ...]:
        """Choose sentences of `document`, as many as `length` allows, in document order."""


#: Builds an algorithm for a language; what the registry maps names to.
AlgorithmFactory = Callable[[LanguageProfile], Algorithm]


class SumyAlgorithm(Algorithm):
    """Any configured sumy summarizer behind our seam; `length` is its sentence selector."""

    def __init__(self, summarizer: Callable[[ObjectDocumentModel, Any], Any]) -> None:
        self._summarizer = summarizer

    def select(
        self, document: ObjectDocumentModel, length: Length, title: str | None = None
    ) -> tuple[Sentence, ...]:
        """Run the sumy summarizer; the title is not used by these algorithms."""
        return tuple(self._summarizer(document, length))


def sumy_factory(summarizer_class: Callable[..., Any]) -> AlgorithmFactory:
    """Return a factory for a sumy summarizer class taking a stemmer and stop words.

    Args:
        summarizer_class: E.g. `LexRankSummarizer`; built with the language's stemmer and
            given its stop words, the configuration sumy's README shows.
    """

    def build(profile: LanguageProfile) -> Algorithm:
        summarizer = summarizer_class(profile.stemmer)
        summarizer.stop_words = profile.stop_words
        return SumyAlgorithm(summarizer)

    build.__doc__ = f"Build {summarizer_class.__name__} for one language."
    return build
