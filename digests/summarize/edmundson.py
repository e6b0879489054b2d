"""Edmundson's method with its word lists chosen for news.

sumy's Edmundson scores sentences by cue words (bonus minus stigma), title words and
location, and refuses to run with an empty list. For news: the bonus words are the title's
content words (the headline says what matters), or the lead sentence's when there is no
title; stigma words are the boilerplate that leaks into extracted articles (subscribe,
advertisement, cookies); null words are the language's stop words.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer

from digests.summarize.base import Algorithm
from digests.summarize.languages import LanguageProfile
from digests.summarize.length import Length
from digests.summarize.tokenizer import OfflineTokenizer

STIGMA_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("advertisement", "subscribe", "newsletter", "cookies", "click", "copyright"),
    "ru": ("реклама", "подписывайтесь", "подписаться", "рассылка", "cookies", "читайте"),
    "de": ("anzeige", "werbung", "abonnieren", "newsletter", "cookies", "klicken"),
    "fr": ("publicité", "abonnez", "newsletter", "cookies", "cliquez"),
    "es": ("publicidad", "suscríbete", "boletín", "cookies", "clic"),
}
#: sumy rejects an empty list; a word no tokenizer ever yields stands in for "none".
_NOTHING = ("",)


class EdmundsonAlgorithm(Algorithm):
    """Edmundson with title bonus words; the configured summarizer is copied per call."""

    def __init__(self, profile: LanguageProfile) -> None:
        self._stop_words = profile.stop_words
        self._tokenizer = OfflineTokenizer(profile.code)
        self._base = EdmundsonSummarizer(profile.stemmer)
        self._base.null_words = profile.stop_words or _NOTHING
        self._base.stigma_words = STIGMA_WORDS.get(profile.code, STIGMA_WORDS["en"])

    def _content_words(self, words: Iterable[str]) -> list[str]:
        return [w for w in words if w.lower() not in self._stop_words]

    def _bonus_words(self, document: ObjectDocumentModel, title: str | None) -> list[str]:
        """Title content words, else the lead sentence's, else the placeholder."""
        words = self._content_words(self._tokenizer.to_words(title or ""))
        if not words and document.sentences:
            words = self._content_words(document.sentences[0].words)
        return words or list(_NOTHING)

    def select(
        self, document: ObjectDocumentModel, length: Length, title: str | None = None
    ) -> tuple[Sentence, ...]:
        """Rate with this article's bonus words on a private copy (thread-safe)."""
        summarizer = copy.copy(self._base)
        summarizer.bonus_words = self._bonus_words(document, title)
        return tuple(summarizer(document, length))


def build_edmundson(profile: LanguageProfile) -> Algorithm:
    """Build Edmundson for one language; stop and stigma words are stemmed once here."""
    return EdmundsonAlgorithm(profile)
