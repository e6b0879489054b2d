"""eval-topics: counts per topic and the two-fold split (the command: tests/cli)."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.evaluation.stories import LabelledArticle, PairCounts
from digests.evaluation.topics import count_topic, fold_of, split_folds, tune_floor
from digests.models import Article, Topic
from digests.topic_rules import LanguageRules, Pattern, TopicRules

NOW = datetime(2025, 5, 10, tzinfo=UTC)


def item(key: str, text: str, topics: tuple[str, ...] = (),
         event: str | None = None) -> LabelledArticle:
    article = Article(
        id=abs(hash(key)) % 10_000, title=key, text=text, source="s", url=None,
        canonical_url=None, language="en", published_at=NOW, ingested_at=NOW,
        content_hash=key, external_id=key,
    )
    return LabelledArticle(article, event, topics)


COVID = Topic("covid", "Covid", "covid", rules=TopicRules((("en", LanguageRules(
    ((Pattern.parse("covid"), 1.0),), floor=2)),)))
ITEMS = [
    item("a", "covid covid covid", ("covid",)),
    item("b", "covid once", ("covid",)),
    item("c", "covid covid", ()),
    item("d", "nothing", ("covid",)),
]


def test_counts_follow_the_query_then_the_rules() -> None:
    found = frozenset({"a", "b", "c"})  # "d" is not found by the query at all
    assert count_topic(COVID, ITEMS, found, use_rules=False) == PairCounts(2, 1, 1)
    assert count_topic(COVID, ITEMS, found) == PairCounts(1, 1, 2)
    assert count_topic(COVID, ITEMS, found, floor=3) == PairCounts(1, 0, 2)


def test_tuning_picks_the_best_f1_floor_halfway_between_scores() -> None:
    # Scores a=3, b=1, c=2: keeping all three (F1 2/3) beats any higher floor, and the
    # floor sits halfway between 0 and the weakest kept score.
    assert tune_floor(COVID, ITEMS, frozenset({"a", "b", "c"})) == 0.5
    # Without the unlabelled c in the candidates, it is a and b either way.
    assert tune_floor(COVID, ITEMS, frozenset({"a", "b"})) == 0.5
    assert tune_floor(COVID, ITEMS[:1] + ITEMS[2:3], frozenset({"a", "c"})) == 2.5
    assert tune_floor(Topic("x", "x", "x"), ITEMS, frozenset()) is None


def test_two_fold_halves_are_disjoint_cover_everything_and_keep_events_together() -> None:
    items = [item(f"id{i}", "t", event=f"e{i // 3}" if i < 30 else None) for i in range(100)]
    first, second = split_folds(items)
    keys = [{i.article.external_id for i in half} for half in (first, second)]
    assert not keys[0] & keys[1]
    assert len(keys[0] | keys[1]) == 100
    assert first
    assert second
    for event in {i.event for i in items if i.event}:
        assert len({fold_of(i) for i in items if i.event == event}) == 1
