"""Which pairs of a fold can possibly be one story, found without testing every pair.

Folding used to test all n(n-1)/2 pairs of a digest's hits in Python (about 13 µs a
pair), which was most of a digest's time. Every rule of `digests.digest.FoldingRules`
needs one of four things: MinHash signatures equal in enough positions, lead word
vectors with a cosine of at least the lowest word threshold, entity vectors with a
cosine of at least the lowest entity threshold, or enough shared transliterated names.
Each is a sum over shared features, so one sparse matrix product per kind (scipy, C
loops, cost in the features pairs share) gives every pair's value at once; the pairs
reaching a threshold are then tested by the unchanged pair rules, so the groups are the
same as testing every pair. The products sum in another order than `cosine`, so a pair
is kept from a hair (1e-9) below its threshold: the rules decide at the threshold.

Pure-Python prefix filtering (AllPairs) was tried first: on news leads, which share many
mid-frequency words, it kept a fifth of all pairs and cost more than it saved.
`tests/core/test_fold_candidates.py` compares the groups with testing every pair.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from digests.similarity import Vector

if TYPE_CHECKING:  # digests.digest imports this module; numpy and scipy load when used
    import numpy as np

    from digests.digest import FoldingRules

Pair = tuple[int, int]
_K = TypeVar("_K", bound=Hashable)
_MARGIN = 1e-9
_BLOCK = 256  # rows multiplied at once: memory stays O(_BLOCK x articles)


def candidate_pairs(
    rules: FoldingRules,
    *,
    signatures: Sequence[Sequence[int] | None],
    languages: Sequence[str | None],
    words: Sequence[Vector],
    concepts: Sequence[Vector],
    specific: Sequence[frozenset[str]],
    names: Sequence[frozenset[str]],
) -> list[Pair] | None:
    """Index pairs (i < j) that may fold, sorted; None when every pair must be tested.

    Each argument has one entry per article: its MinHash signature, language, lead word
    vector, entity vector, entities other than countries (every entity rule needs one
    shared) and name keys. A pair is kept when it can pass one of the pair rules of
    `digests.digest._same_story` by its shared features alone: near copies; leads whose
    words reach the lower word threshold; a shared specific entity with, across languages,
    the entity threshold, or within one language the same-day entity and word thresholds;
    enough shared names across languages. None is returned for rules no shared feature
    can bound (a threshold of zero or below folds pairs with nothing in common).
    """
    word_threshold = min(rules.cosine_threshold, rules.follow_up_threshold)
    same_day = rules.same_day_concept_threshold
    lowest = [word_threshold, rules.concept_threshold]
    if same_day is not None:
        lowest += [same_day, rules.same_day_word_threshold]
    if min(lowest) <= _MARGIN or (rules.shared_names is not None and rules.shared_names < 1):
        return None
    near_copies = _signature_pairs(signatures, rules.signature_threshold)
    if near_copies is None:
        return None
    low_words = min(word_threshold, rules.same_day_word_threshold if same_day is not None else 1.0)
    word_values = _dot_products(words, low_words - _MARGIN)
    pairs = {p for p, v in word_values.items() if v >= word_threshold - _MARGIN} | near_copies
    shared = _dot_products([dict.fromkeys(s, 1.0) for s in specific], 0.5)
    low_concepts = min(rules.concept_threshold, same_day if same_day is not None else 1.0)
    for (i, j), value in _dot_products(concepts, low_concepts - _MARGIN).items():
        if (i, j) not in shared:
            continue
        if _across(languages[i], languages[j]):
            if value >= rules.concept_threshold - _MARGIN:
                pairs.add((i, j))
        elif same_day is not None and value >= same_day - _MARGIN and word_values.get(
            (i, j), 0.0
        ) >= rules.same_day_word_threshold - _MARGIN:
            pairs.add((i, j))
    if rules.shared_names is not None:
        pairs.update(
            p for p in _dot_products([dict.fromkeys(n, 1.0) for n in names],
                                     rules.shared_names - 0.5)
            if _across(languages[p[0]], languages[p[1]])
        )
    return sorted(pairs)


def _across(a: str | None, b: str | None) -> bool:
    """The pair rules' cross-language case: both languages known and different."""
    return a is not None and b is not None and a != b


def _dot_products(rows: Sequence[Mapping[_K, float]], minimum: float) -> dict[Pair, float]:
    """Pairs (i < j) whose rows' dot product is at least `minimum`, with that product."""
    index: dict[_K, int] = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        for feature, weight in row.items():
            indices.append(index.setdefault(feature, len(index)))
            data.append(weight)
        indptr.append(len(indices))
    return _products_of(indptr, indices, data, len(index), minimum)


def _products_of(indptr: Sequence[int], indices: Sequence[int] | np.ndarray,
                 data: Sequence[float] | np.ndarray, columns: int,
                 minimum: float) -> dict[Pair, float]:
    """`_dot_products` of a matrix given as CSR arrays, `_BLOCK` rows at a time."""
    if not columns:
        return {}
    # Imported here: scipy costs 0.4 s of start-up to commands that fold nothing.
    import numpy as np
    from scipy import sparse
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
         np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, columns),
    )
    transposed = matrix.T.tocsc()
    found: dict[Pair, float] = {}
    for start in range(0, matrix.shape[0], _BLOCK):
        block = (matrix[start: start + _BLOCK] @ transposed).tocoo()
        keep = (block.data >= minimum) & (block.row + start < block.col)
        found.update(zip(
            zip((block.row[keep] + start).tolist(), block.col[keep].tolist(), strict=True),
            block.data[keep].tolist(), strict=True))
    return found


def _signature_pairs(
    signatures: Sequence[Sequence[int] | None], threshold: float
) -> set[Pair] | None:
    """Pairs whose MinHash estimate can reach `threshold`: equal values in enough positions.

    A signature is the set of its (position, value) items and the estimate counts the
    items two share, an exact integer dot product; each position's values are numbered
    with numpy, not item by item. `jaccard_estimate` is zero for empty or unequal-length
    signatures, so each length is its own group. None when the threshold needs no equal
    position at all.
    """
    by_length: dict[int, list[int]] = {}
    for i, signature in enumerate(signatures):
        if signature:
            by_length.setdefault(len(signature), []).append(i)
    pairs: set[Pair] = set()
    for length, members in by_length.items():
        needed = _positions_needed(length, threshold)
        if needed <= 0:
            return None
        if needed > length:
            continue
        import numpy as np  # here, as in _products_of

        values = np.asarray([signatures[i] for i in members], dtype=np.int64)
        columns = np.empty_like(values)
        offset = 0
        for position in range(length):
            _, numbers = np.unique(values[:, position], return_inverse=True)
            columns[:, position] = numbers.reshape(-1) + offset
            offset += int(numbers.max()) + 1
        products = _products_of(range(0, values.size + 1, length), columns.reshape(-1),
                                np.ones(values.size), offset, needed - 0.5)
        pairs.update((members[a], members[b]) for a, b in products)
    return pairs


def _positions_needed(length: int, threshold: float) -> int:
    """The fewest equal positions m with m / length >= threshold, as the pair rule divides."""
    needed = max(math.ceil(threshold * length), 0)
    while needed > 0 and (needed - 1) / length >= threshold:
        needed -= 1
    while needed <= length and needed / length < threshold:
        needed += 1
    return needed
