"""The hybrid summarizer: three centrality signals fused by weighted reciprocal rank.

Why these three. Extractive news references (the BBC set we evaluate on, made by an
automatic ranker) reward sentences that share many content words with the rest of the
article. sumy's Reduction captures that best of the single algorithms, but two choices of
it cost agreement, both measured on the BBC dev split (share of reference sentences among
the top k, k = the reference's size): stemming merges words the ranker kept apart, and its
log-length normalization under-corrects for long sentences. So the hybrid fuses

1. *surface centrality*: the sum over other sentences of shared content-word occurrences
   (unstemmed), cosine-normalized by both lengths (0.737 alone, Reduction 0.710);
2. *Reduction* itself (stemmed words, log-length normalization), computed from the same
   token lists in one pass, so it costs a fraction of sumy's pairwise word loop;
3. *document frequency*: the occurrences elsewhere in the article of a sentence's
   content words, divided by length^0.4; linear in the text, robust on short articles.

Ranks are fused as `sum(weight / (K + rank))` (reciprocal rank fusion, Cormack et al.
2009), which needs no score calibration between signals; weights 2:1:1 and K = 10 were
chosen on dev only (0.742). Position and title overlap were tried and did not help there.
Ties keep document order. The cost is one pass over sentence pairs with counters, about the
time of sumy's Reduction.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.summarizers._summarizer import AbstractSummarizer

from digests.summarize.base import Algorithm
from digests.summarize.languages import LanguageProfile
from digests.summarize.length import Length

#: (surface centrality, reduction, frequency) weights and the fusion constant, tuned on dev.
WEIGHTS = (2.0, 1.0, 1.0)
FUSION_K = 10.0
LENGTH_POWER = 0.4


def _overlap(first: Counter[str], second: Counter[str]) -> int:
    """Number of equal word pairs between two sentences (sumy Reduction's edge count)."""
    if len(first) > len(second):
        first, second = second, first
    return sum(count * second[word] for word, count in first.items() if word in second)


def centrality_scores(
    surface: Sequence[Sequence[str]], stems: Sequence[Sequence[str]]
) -> tuple[list[float], list[float]]:
    """Return (cosine surface centrality, Reduction score) per sentence in one pairwise pass."""
    size = len(surface)
    surface_counts = [Counter(words) for words in surface]
    stem_counts = [Counter(words) for words in stems]
    logs = [math.log(len(words)) if words else 0.0 for words in stems]
    cosine, reduction = [0.0] * size, [0.0] * size
    for i in range(size):
        for j in range(i + 1, size):
            shared = _overlap(surface_counts[i], surface_counts[j])
            if shared:
                edge = shared / math.sqrt(len(surface[i]) * len(surface[j]))
                cosine[i] += edge
                cosine[j] += edge
            shared = _overlap(stem_counts[i], stem_counts[j])
            norm = logs[i] + logs[j]
            if shared and norm:
                reduction[i] += shared / norm
                reduction[j] += shared / norm
    return cosine, reduction


def frequency_scores(surface: Sequence[Sequence[str]]) -> list[float]:
    """Occurrences elsewhere in the article of each sentence's words, over length^0.4."""
    totals = Counter(word for words in surface for word in words)
    scores = []
    for words in surface:
        own = Counter(words)
        elsewhere = sum(count * (totals[word] - count) for word, count in own.items())
        scores.append(elsewhere / max(1, len(words)) ** LENGTH_POWER)
    return scores


def fuse_rankings(signals: Sequence[Sequence[float]], weights: Sequence[float]) -> list[float]:
    """Weighted reciprocal rank fusion; within a signal, ties rank in document order."""
    fused = [0.0] * (len(signals[0]) if signals else 0)
    for scores, weight in zip(signals, weights, strict=True):
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        for rank, index in enumerate(order):
            fused[index] += weight / (FUSION_K + rank)
    return fused


class HybridAlgorithm(Algorithm):
    """Fused surface centrality, Reduction and frequency; see the module docstring."""

    def __init__(self, profile: LanguageProfile) -> None:
        self._stemmer = profile.stemmer
        self._stop_words = profile.stop_words

    def rate(self, document: ObjectDocumentModel) -> list[float]:
        """Fused score of every sentence of `document`, in document order (higher is better)."""
        surface = [
            [w for w in (word.lower() for word in sentence.words) if w not in self._stop_words]
            for sentence in document.sentences
        ]
        stems = [[self._stemmer(w) for w in words] for words in surface]
        cosine, reduction = centrality_scores(surface, stems)
        return fuse_rankings((cosine, reduction, frequency_scores(surface)), WEIGHTS)

    def select(
        self, document: ObjectDocumentModel, length: Length, title: str | None = None
    ) -> tuple[Sentence, ...]:
        """Pick the best-fused sentences `length` allows, in document order."""
        sentences = document.sentences
        scores = self.rate(document)
        ratings = {sentence: scores[i] for i, sentence in enumerate(sentences)}
        return tuple(AbstractSummarizer._get_best_sentences(sentences, length, ratings))


def build_hybrid(profile: LanguageProfile) -> Algorithm:
    """Build the hybrid for one language (its stemmer and stop words)."""
    return HybridAlgorithm(profile)
