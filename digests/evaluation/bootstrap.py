"""Percentile bootstrap confidence intervals over articles, with a fixed seed.

Articles are resampled with replacement and the mean recomputed; the interval is the
central `confidence` share of those means. A fixed seed makes a report reproducible
byte for byte, so two runs of `newsdigest eval` can be diffed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DEFAULT_SEED = 20240607
DEFAULT_RESAMPLES = 1000


def bootstrap_interval(
    values: Sequence[float],
    *,
    confidence: float = 0.95,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float]:
    """Return the (low, high) percentile-bootstrap interval of the mean of `values`.

    An empty input gives (nan, nan); a single value gives a zero-width interval.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, data.size, size=(resamples, data.size))
    means = data[picks].mean(axis=1)
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return (float(low), float(high))
