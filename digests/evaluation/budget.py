"""How many sentences a system may keep: one rule, applied the same way to every algorithm.

A budget turns a ranking of the article's sentences (best first) into a selection:

* `ref-sentences`: as many sentences as the reference has (after `cut_reference`).
* `ref-words`: the reference's word count. Sentences are taken in rank order while the
  running total stays within the budget; the first sentence is always taken, even if it
  alone exceeds it, and selection stops at the first sentence that would overflow (no
  skipping ahead to shorter ones, which would reward a ranker for short sentences).
* an integer N: the N best-ranked sentences.

Words are runs of Unicode word characters (regex word class), which for English is what ROUGE's own
tokenizer counts, so a word budget is a ROUGE-token budget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from digests.digits import parse_ascii_int

_WORD = re.compile(r"\w+")

BudgetKind = Literal["ref-sentences", "ref-words", "fixed"]


@dataclass(frozen=True, slots=True)
class Budget:
    """A selection budget; `count` is only used for the `fixed` kind."""

    kind: BudgetKind
    count: int = 0

    def __str__(self) -> str:
        return str(self.count) if self.kind == "fixed" else self.kind


def parse_budget(value: str | int) -> Budget:
    """Parse `ref-sentences`, `ref-words` or a positive sentence count.

    Raises:
        ValueError: anything else, with a message fit for a command line.
    """
    text = str(value).strip().lower()
    if text in ("ref-sentences", "ref-words"):
        return Budget(text)  # type: ignore[arg-type]
    count = parse_ascii_int(text)
    if count is not None and count > 0:
        return Budget("fixed", count)
    raise ValueError(f"bad budget {value!r}: use ref-sentences, ref-words or a positive count")


def count_words(text: str) -> int:
    """Number of words in `text` as budgets count them."""
    return len(_WORD.findall(text))


def select(
    ranking: Sequence[int], sentences: Sequence[str], reference: Sequence[str], budget: Budget
) -> list[int]:
    """Pick sentence indices from `ranking` (best first) under `budget`, in document order.

    Args:
        ranking: indices into `sentences`, best first; may be shorter than `sentences`.
        sentences: the article's sentences.
        reference: the reference's sentences (fixes the ref-* budgets).
        budget: the rule to apply.
    """
    if budget.kind == "ref-words":
        chosen = _within_words(ranking, sentences, sum(count_words(s) for s in reference))
    else:
        limit = len(reference) if budget.kind == "ref-sentences" else budget.count
        chosen = list(ranking[:limit])
    return sorted(chosen)


def _within_words(ranking: Sequence[int], sentences: Sequence[str], limit: int) -> list[int]:
    chosen: list[int] = []
    total = 0
    for index in ranking:
        words = count_words(sentences[index])
        if chosen and total + words > limit:
            break
        chosen.append(index)
        total += words
    return chosen
