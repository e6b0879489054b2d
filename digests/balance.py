"""Source balance: one source may not fill a digest while other sources have stories.

On the seeds, four of the five Russia–China stories came from one site (kremlin.ru).
A digest of five stories with `DIGEST_MAX_SOURCE_SHARE=0.4` takes at most two stories
whose lead comes from one source, as long as other sources have stories to offer; when
they run out, the capped source fills the rest, since an empty slot helps nobody. What a
capped source had beyond its share is not hidden: the digest sums it up as
"+N more from <source>".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Balanced(Generic[T]):
    """The chosen items in ranking order, and per capped source how many were left out."""

    chosen: list[T]
    more: tuple[tuple[str, int], ...]


def source_cap(count: int, share: float) -> int:
    """How many of `count` stories one source may lead: `share` of them, at least one."""
    return max(1, math.floor(count * share + 1e-9))


def balance(items: Sequence[T], count: int, share: float, source_of: Callable[[T], str],
            tier_of: Callable[[T], object] = lambda _: 0) -> Balanced[T]:
    """Up to `count` items, best first, at most `share` of them from any one source.

    Items are taken in ranking order; an item whose source already has its cap waits.
    When a tier (consecutive items with the same `tier_of`: the chat's language, then
    other languages, then undated stories) has given what it can that way and room is
    left, its waiting items fill it before the next tier is looked at: balance never lets
    a foreign or undated story in ahead of one the ordering put first. The result keeps
    ranking order, so balance decides which stories are shown, never how they are
    ordered. A `share` of 1 or more turns balance off.

    `more` lists, for each source that reached its cap, how many of its items were not
    chosen (in the order those sources first appear), e.g. (("kremlin.ru", 12),).
    """
    if share >= 1 or count <= 0:
        return Balanced(list(items[:count]), ())
    cap = source_cap(count, share)
    taken: list[int] = []
    per_source: dict[str, int] = {}
    for tier in _tiers(items, tier_of):
        waiting: list[int] = []
        for index in tier:
            if len(taken) == count:
                break
            source = source_of(items[index])
            if per_source.get(source, 0) < cap:
                per_source[source] = per_source.get(source, 0) + 1
                taken.append(index)
            else:
                waiting.append(index)
        taken.extend(waiting[: count - len(taken)])
        if len(taken) == count:
            break
    chosen = set(taken)
    capped = [source for source, n in per_source.items() if n >= cap]
    left: dict[str, int] = {}
    for index, item in enumerate(items):
        source = source_of(item)
        if index not in chosen and source in capped:
            left[source] = left.get(source, 0) + 1
    more = tuple((source, left[source]) for source in capped if left.get(source))
    return Balanced([items[i] for i in sorted(taken)], more)


def _tiers(items: Sequence[T], tier_of: Callable[[T], object]) -> list[list[int]]:
    """Indexes of `items` in runs of consecutive items of one tier."""
    runs: list[list[int]] = []
    previous: object = object()
    for index, item in enumerate(items):
        tier = tier_of(item)
        if not runs or tier != previous:
            runs.append([])
        runs[-1].append(index)
        previous = tier
    return runs
