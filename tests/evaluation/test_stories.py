"""The pairwise story-folding metric, its scopes, and loading labels through ingest."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digests.evaluation.stories import (
    LabelledArticle,
    PairCounts,
    evaluate_folding,
    load_labelled_corpus,
    pair_counts,
    score_per_topic,
    score_scope,
)
from digests.models import Article

NOW = datetime(2025, 5, 10, tzinfo=UTC)


def test_pair_counts_on_a_hand_made_clustering() -> None:
    # Gold: {a, b, c} is one event, {d, e} another, f alone.
    events = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": None}
    # Predicted: a+b right, c missed, d+e+f merges f wrongly into y.
    counts = pair_counts([["a", "b"], ["c"], ["d", "e", "f"]], events)
    assert counts == PairCounts(true_positives=2, false_positives=2, false_negatives=2)
    assert counts.precision == pytest.approx(0.5)
    assert counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(0.5)


def test_unlabelled_records_are_never_positives_of_each_other() -> None:
    counts = pair_counts([["a", "b"]], {"a": None, "b": None})
    assert counts == PairCounts(0, 1, 0)


def test_perfect_and_empty_foldings() -> None:
    events = {"a": "x", "b": "x", "c": None}
    assert pair_counts([["a", "b"], ["c"]], events).f1 == 1.0
    nothing = pair_counts([["a"], ["b"], ["c"]], events)
    assert (nothing.precision, nothing.recall, nothing.f1) == (1.0, 0.0, 0.0)


def test_pairs_can_be_filtered() -> None:
    events = {"a": "x", "b": "x", "c": "x"}
    counts = pair_counts([["a", "b", "c"]], events, keep=lambda p, q: "c" not in (p, q))
    assert counts == PairCounts(1, 0, 0)


def item(key: str, event: str | None, language: str, topics: tuple[str, ...]) -> LabelledArticle:
    article = Article(
        id=hash(key) % 10_000, title=key, text=key, source="s", url=None, canonical_url=None,
        language=language, published_at=NOW, ingested_at=NOW, content_hash=key,
        external_id=key,
    )
    return LabelledArticle(article, event, topics)


ITEMS = [
    item("en1", "x", "en", ("war",)),
    item("ru1", "x", "ru", ("war",)),
    item("en2", "x", "en", ("war", "china")),
    item("en3", None, "en", ("china",)),
]


def fold_by_language(articles: list[Article]) -> list[list[Article]]:
    groups: dict[str | None, list[Article]] = {}
    for a in articles:
        groups.setdefault(a.language, []).append(a)
    return list(groups.values())


def test_scope_splits_same_and_cross_language_pairs() -> None:
    result = score_scope("all", ITEMS, fold_by_language)
    assert result.same_language == PairCounts(1, 2, 0)  # en1-en2 right, en3 merged wrongly
    assert result.cross_language == PairCounts(0, 0, 2)  # ru1 missed twice
    assert result.overall == result.same_language + result.cross_language


def test_per_topic_pools_each_topics_own_folding() -> None:
    result = score_per_topic(ITEMS, fold_by_language)
    # "china": en2 and en3 merged (wrong); "war": en1-en2 right, ru1 missed twice.
    assert result.overall == PairCounts(1, 1, 2)
    assert result.articles == 5


def test_loading_goes_through_ingest_and_keeps_labels(tmp_path: Path) -> None:
    lines = [
        {"id": "r1", "title": "Summit in Moscow", "published": "2025-05-08", "language": "en",
         "text": "Xi Jinping arrived in Moscow for talks with Vladimir Putin on trade.",
         "source": "Wire", "topics": ["china"], "event": "summit"},
        {"id": "r2", "title": "Floods in Peru", "published": "2025-05-08", "language": "en",
         "text": "Floods hit the coast of Peru after heavy rain; thousands were evacuated.",
         "source": "Wire", "topics": ["weather"], "event": None},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = load_labelled_corpus(corpus)
    assert [(i.article.external_id, i.event, i.topics) for i in items] == [
        ("r1", "summit", ("china",)), ("r2", None, ("weather",)),
    ]
    report = evaluate_folding(items)
    assert [r.scope for r in report.results] == ["all", "per topic"]
    assert report.results[0].overall.false_positives == 0
