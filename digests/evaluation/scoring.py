"""ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 with the `rouge-score` package, stemming on.

ROUGE-Lsum is the summary-level LCS: it needs the sentences separated by newlines, which
is why candidates and references are passed as sentence lists and joined here, in one
place. Plain ROUGE-L would punish a system for listing sentences in document order while
the BBC references list them in the order of the ranker that made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rouge_score import rouge_scorer

METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True, slots=True)
class RougeScores:
    """F1 of each metric, as a fraction in [0, 1]."""

    rouge1: float
    rouge2: float
    rouge_lsum: float

    def as_tuple(self) -> tuple[float, float, float]:
        """The three figures in table order (R-1, R-2, R-Lsum)."""
        return (self.rouge1, self.rouge2, self.rouge_lsum)


class RougeScorer:
    """A reusable scorer; building `rouge_score.RougeScorer` once saves its stemmer setup."""

    def __init__(self) -> None:
        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(self, candidate: Sequence[str], reference: Sequence[str]) -> RougeScores:
        """Score candidate sentences against reference sentences (F1 of each metric)."""
        result = self._scorer.score("\n".join(reference), "\n".join(candidate))
        return RougeScores(
            rouge1=result["rouge1"].fmeasure,
            rouge2=result["rouge2"].fmeasure,
            rouge_lsum=result["rougeLsum"].fmeasure,
        )

    def tokenize(self, text: str) -> list[str]:
        """Tokens exactly as ROUGE sees them (lowercased, stemmed), for the oracle."""
        tokens: list[str] = self._scorer._tokenizer.tokenize(text)
        return tokens
