"""Which topics are most subscribed: the order of inline mode's empty-query suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Engine, func, select

from digests.store.schema import subscriptions


def subscription_counts(engine: Engine) -> dict[str, int]:
    """Active (unpaused) subscriptions per named topic; ad-hoc queries are not counted."""
    query = (
        select(subscriptions.c.topic, func.count())
        .where(subscriptions.c.topic.is_not(None), subscriptions.c.paused.is_(False))
        .group_by(subscriptions.c.topic)
    )
    with engine.connect() as conn:
        return {str(topic): int(count) for topic, count in conn.execute(query)}


def rank_topics(names: Iterable[str], counts: Mapping[str, int]) -> list[str]:
    """Order topic names by subscriptions, most first; ties (and no data) keep `names` order.

    With an empty subscriptions table this is simply the bundled topic order, which is
    curated with the broadest topics first.
    """
    ordered = list(names)
    return sorted(ordered, key=lambda name: -counts.get(name, 0))
