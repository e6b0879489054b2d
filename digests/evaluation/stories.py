"""Measure story folding against hand-made event labels: pairwise precision, recall, F1.

Folding is a clustering, and a digest reader only sees its pairwise consequences: two
articles shown as one story, or as two. So every pair of articles is one decision; the
pairs whose records share a non-null `event` label are the positives, every other pair
(different events, or an unlabelled singleton) is a negative. A false positive is the
failure the issue forbids ("merging different events"), so it is reported as a count of
its own, not only folded into precision.

Two scopes are measured. "all" folds the whole corpus at once (the hardest case: 300
articles over 16 years). "per topic" folds each topic label's articles separately, the
way a digest folds one topic's search hits, and pools the pair counts over topics.
Pairs are also split into same-language and cross-language, because cross-language
clusters need signals a bag of words does not have.

Loading goes through the real ingest pipeline into a throw-away SQLite store, so the
near-duplicate links and MinHash signatures are exactly the ones production computes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations, product
from pathlib import Path

from digests.digest import FoldingRules, fold_stories
from digests.models import Article

Fold = Callable[[Sequence[Article]], list[list[Article]]]


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """A stored article with the corpus labels the measurement compares against."""

    article: Article
    event: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Confusion counts of "same story" decisions over article pairs."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def __add__(self, other: PairCounts) -> PairCounts:
        return PairCounts(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )

    @property
    def precision(self) -> float:
        """Share of merged pairs that are one event (1.0 when nothing was merged)."""
        merged = self.true_positives + self.false_positives
        return self.true_positives / merged if merged else 1.0

    @property
    def recall(self) -> float:
        """Share of same-event pairs that were merged (1.0 when there are none)."""
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class ScopeResult:
    """Pair counts of one scope, overall and split by whether the pair shares a language."""

    scope: str
    articles: int
    overall: PairCounts
    same_language: PairCounts
    cross_language: PairCounts


@dataclass(frozen=True, slots=True)
class StoryReport:
    """The folding measurement: the rules used and one result per scope."""

    rules: FoldingRules
    results: tuple[ScopeResult, ...] = field(default_factory=tuple)


def pair_counts(
    clusters: Iterable[Iterable[str]],
    events: Mapping[str, str | None],
    *,
    keep: Callable[[str, str], bool] | None = None,
) -> PairCounts:
    """Count pairwise decisions of `clusters` (ids) against gold `events` (None = singleton).

    Args:
        clusters: the predicted partition, as groups of item ids covering `events`' keys.
        events: gold event label per id; ids with None are alone in their own event.
        keep: optional filter on pairs (e.g. only same-language pairs); others are ignored.

    Returns:
        True positives (same cluster, same event), false positives (same cluster,
        different events) and false negatives (same event, different clusters).
    """
    cluster_of = {item: index for index, group in enumerate(clusters) for item in group}
    tp = fp = fn = 0
    for a, b in combinations(sorted(events), 2):
        if keep is not None and not keep(a, b):
            continue
        same_event = events[a] is not None and events[a] == events[b]
        same_cluster = cluster_of[a] == cluster_of[b]
        tp += same_event and same_cluster
        fp += same_cluster and not same_event
        fn += same_event and not same_cluster
    return PairCounts(tp, fp, fn)


def score_scope(scope: str, items: Sequence[LabelledArticle], fold: Fold) -> ScopeResult:
    """Fold `items` together and count pairs overall, same-language and cross-language."""
    groups = fold([item.article for item in items])
    clusters = [[_key(article) for article in group] for group in groups]
    events = {_key(item.article): item.event for item in items}
    language = {_key(item.article): item.article.language for item in items}

    def same(a: str, b: str) -> bool:
        return language[a] == language[b]

    return ScopeResult(
        scope=scope,
        articles=len(items),
        overall=pair_counts(clusters, events),
        same_language=pair_counts(clusters, events, keep=same),
        cross_language=pair_counts(clusters, events, keep=lambda a, b: not same(a, b)),
    )


def score_per_topic(items: Sequence[LabelledArticle], fold: Fold) -> ScopeResult:
    """Fold each topic's articles on their own and pool the pair counts over topics.

    A pair sharing several topics is counted once per topic, as it would be decided
    once in each of those topics' digests.
    """
    topics = sorted({topic for item in items for topic in item.topics})
    results = [
        score_scope(topic, [item for item in items if topic in item.topics], fold)
        for topic in topics
    ]
    return ScopeResult(
        scope="per topic",
        articles=sum(r.articles for r in results),
        overall=sum((r.overall for r in results), PairCounts()),
        same_language=sum((r.same_language for r in results), PairCounts()),
        cross_language=sum((r.cross_language for r in results), PairCounts()),
    )


def evaluate_folding(
    items: Sequence[LabelledArticle], rules: FoldingRules | None = None
) -> StoryReport:
    """Measure `fold_stories` under `rules` on all articles at once and per topic."""
    rules = rules or FoldingRules()

    def fold(articles: Sequence[Article]) -> list[list[Article]]:
        return fold_stories(articles, rules)

    return StoryReport(
        rules=rules,
        results=(score_scope("all", items, fold), score_per_topic(items, fold)),
    )


def load_labelled_corpus(path: Path) -> list[LabelledArticle]:
    """Ingest the corpus file into a temporary SQLite store and attach its labels.

    Records are matched back to stored articles by external id (the record's `id`), so a
    record the pipeline rejected or merged as an exact duplicate is simply absent.
    """
    from digests.ingest import ingest_paths  # the pipeline and store are slow to import
    from digests.settings import Settings
    from digests.store import open_store

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory(prefix="newsdigest-stories-") as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'stories.sqlite3'}")
        try:
            ingest_paths(store, [path], Settings(data_dir=Path(folder)))
            stored = store.list_articles(limit=len(records) + 1)
        finally:
            store.close()
    by_id = {article.external_id: article for article in stored}
    return [
        LabelledArticle(by_id[record["id"]], record.get("event"), tuple(record.get("topics", ())))
        for record in records
        if record.get("id") in by_id
    ]


def _key(article: Article) -> str:
    return article.external_id or str(article.id)


def sweep_rules(
    items: Sequence[LabelledArticle], candidates: Iterable[FoldingRules]
) -> list[tuple[FoldingRules, PairCounts]]:
    """Score each candidate rule set on all articles at once (the tuning view).

    Returns:
        One (rules, counts) per candidate, best first: fewest wrong merges, then highest
        F1, because merging two events is the failure a reader notices.
    """
    def score(rules: FoldingRules) -> PairCounts:
        def fold(articles: Sequence[Article]) -> list[list[Article]]:
            return fold_stories(articles, rules)

        return score_scope("all", items, fold).overall

    scored = [(rules, score(rules)) for rules in candidates]
    return sorted(scored, key=lambda pair: (pair[1].false_positives, -pair[1].f1))


def sweep_candidates(base: FoldingRules) -> list[FoldingRules]:
    """The grids the defaults were tuned on, each varied around the defaults.

    First the wording rules (both windows' thresholds and lengths), then the cross-language
    rules (entity cosine, its window, shared names), then the same-day rule (entity cosine,
    word floor, window).
    """
    wording = product((0.2, 0.25, 0.3, 0.35, 0.45), (1.0, 2.0, 3.0),
                      (0.35, 0.45, 0.6), (3.0, 7.0, 14.0))
    cross = product((0.4, 0.45, 0.5, 0.55), (3.0, 5.0, 7.0), (None, 1, 2))
    same_day = product((None, 0.5, 0.55, 0.6), (0.1, 0.15, 0.2), (1.0, 2.0))
    return (
        [replace(base, cosine_threshold=c, max_days=d, follow_up_threshold=f, follow_up_days=fd)
         for c, d, f, fd in wording]
        + [replace(base, concept_threshold=t, concept_days=d, shared_names=k)
           for t, d, k in cross]
        + [replace(base, same_day_concept_threshold=t, same_day_word_threshold=w,
                   same_day_days=d) for t, w, d in same_day]
    )
