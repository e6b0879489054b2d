"""Small text-similarity tools used to fold stories and choose key points.

Sparse TF-IDF vectors as dicts are plenty for the tens of articles in one digest and
keep the core free of heavy numeric dependencies.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from digests.cjk import segment_cjk

Vector = dict[str, float]
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; CJK characters count as words of their own."""
    return [w.casefold() for w in _WORD_RE.findall(segment_cjk(text)) if not w.isdigit()]


def tfidf_vectors(texts: Sequence[str]) -> list[Vector]:
    """Unit-length TF-IDF vectors (sublinear tf, smoothed idf) over the given texts."""
    return tfidf_from_counts([Counter(words(t)) for t in texts])


def tfidf_from_counts(counts: Sequence[Mapping[str, int]]) -> list[Vector]:
    """`tfidf_vectors` from each text's word counts, which callers may keep between calls.

    The counts are only read: folding caches them per article lead, and the idf, which
    depends on the texts weighed together, is computed here each time.
    """
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    # Each word's idf once, not once per text it occurs in: this loop was the largest
    # part of a digest's time (the values are the same floats either way).
    idf = {w: math.log((1 + n) / (1 + d) + 1) for w, d in df.items()}
    vectors: list[Vector] = []
    for c in counts:
        vec = {w: (1 + math.log(tf)) * idf[w] for w, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def idf_vectors(sets: Sequence[Iterable[str]]) -> list[Vector]:
    """Unit-length vectors of binary features, each weighted by its smoothed idf.

    For features that are present or not (the entities an article names): what many of
    the given items share weighs little, what few share weighs much, so the same feature
    is strong evidence in one set of articles and weak in another.
    """
    features = [set(s) for s in sets]
    df: Counter[str] = Counter(f for s in features for f in s)
    n = len(features)
    idf = {f: math.log((1 + n) / (1 + d)) + 1 for f, d in df.items()}
    vectors: list[Vector] = []
    for s in features:
        norm = math.sqrt(sum(idf[f] ** 2 for f in s)) or 1.0
        vectors.append({f: idf[f] / norm for f in s})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def jaccard_estimate(a: Sequence[int], b: Sequence[int]) -> float:
    """MinHash estimate of Jaccard similarity: the share of equal hash values."""
    if not a or len(a) != len(b):
        return 0.0
    # map(eq) counts in C: this is the test folding makes most often.
    equal: int = sum(map(operator.eq, a, b))
    return equal / len(a)


def mmr_select(
    vectors: Sequence[Vector],
    relevance: Sequence[float],
    *,
    count: int,
    groups: Sequence[int] | None = None,
    per_group: int | None = None,
    trade_off: float = 0.7,
    max_similarity: float = 1.0,
) -> list[int]:
    """Maximal Marginal Relevance: indices chosen for relevance minus redundancy.

    Args:
        vectors: one unit vector per candidate.
        relevance: one score per candidate, higher is better.
        count: how many to choose at most.
        groups: optional group id per candidate, with `per_group` capping picks per group.
        per_group: the cap per group.
        trade_off: weight of relevance against redundancy (Carbonell & Goldstein's lambda).
        max_similarity: a candidate this close to a chosen one is never chosen.

    Returns:
        Indices in the order they were chosen.
    """
    chosen: list[int] = []
    per: Counter[int] = Counter()
    remaining = set(range(len(vectors)))
    while remaining and len(chosen) < count:
        best, best_score = -1, -math.inf
        for i in sorted(remaining):
            if groups is not None and per_group is not None and per[groups[i]] >= per_group:
                continue
            redundancy = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if redundancy >= max_similarity:
                continue
            score = trade_off * relevance[i] - (1 - trade_off) * redundancy
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        remaining.discard(best)
        if groups is not None:
            per[groups[best]] += 1
    return chosen
