"""The greedy oracle: an upper bound that peeks at the reference.

Sentences are added one at a time, each time the one that most raises the mean of
ROUGE-1 and ROUGE-2 F1 against the reference, until no sentence raises it any more
(Nallapati et al. 2017's labelling procedure). The order of addition is the oracle's
ranking, so the usual budgets apply to it like to any other ranker. Scores use ROUGE's own
tokens (lowercased, stemmed) and plain n-gram counting, which is what `rouge-score`
computes, without re-tokenizing the growing summary at every step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if overlap == 0 or candidate == 0 or reference == 0:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def _overlap(candidate: Counter[tuple[str, ...]], reference: Counter[tuple[str, ...]]) -> int:
    return sum(min(count, reference[gram]) for gram, count in candidate.items())


def greedy_oracle(
    sentences: Sequence[str], reference: Sequence[str], tokenize: Callable[[str], list[str]]
) -> list[int]:
    """Rank sentences by greedy addition against the reference; stops when nothing helps.

    Args:
        sentences: the article's sentences.
        reference: the reference's sentences.
        tokenize: ROUGE's tokenizer (see `RougeScorer.tokenize`).

    Returns:
        Indices in the order the oracle added them; possibly fewer than all sentences.
    """
    tokens = [tokenize(s) for s in sentences]
    reference_tokens = [t for s in reference for t in tokenize(s)]
    references = [_ngrams(reference_tokens, n) for n in (1, 2)]
    totals = [sum(r.values()) for r in references]
    units = [[_ngrams(t, n) for n in (1, 2)] for t in tokens]
    chosen: list[int] = []
    summary: list[Counter[tuple[str, ...]]] = [Counter(), Counter()]
    best = 0.0
    while True:
        pick, pick_score = -1, best
        for index, grams in enumerate(units):
            if index in chosen:
                continue
            score = 0.0
            for n in range(2):
                merged = summary[n] + grams[n]
                score += _f1(_overlap(merged, references[n]), sum(merged.values()), totals[n])
            if score / 2 > pick_score:
                pick, pick_score = index, score / 2
        if pick < 0:
            return chosen
        chosen.append(pick)
        summary = [summary[n] + units[pick][n] for n in range(2)]
        best = pick_score
