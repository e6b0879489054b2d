import math

import pytest

from digests.evaluation.bootstrap import bootstrap_interval


def test_same_seed_same_interval() -> None:
    values = [0.1, 0.5, 0.3, 0.9, 0.7, 0.2]
    # Pinned: a report's interval must not move between runs or machines with the seed.
    assert bootstrap_interval(values) == pytest.approx((0.2333333, 0.7))


def test_interval_brackets_the_mean_and_depends_on_seed() -> None:
    values = [float(i % 7) / 7 for i in range(50)]
    low, high = bootstrap_interval(values, seed=1)
    mean = sum(values) / len(values)
    assert low < mean < high
    assert (low, high) != bootstrap_interval(values, seed=2)


def test_degenerate_inputs() -> None:
    assert bootstrap_interval([0.4]) == (0.4, 0.4)
    assert all(math.isnan(x) for x in bootstrap_interval([]))
