"""Timing helpers shared by the benchmark scripts (imported as `timing`: each script's own
folder is first on `sys.path` when it is run)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: no interpolation between the few runs there are."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timed(
    call: Callable[[], object], runs: int, before: Callable[[], None] | None = None
) -> list[float]:
    """Milliseconds of `runs` calls, running `before` (untimed) ahead of each."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times
