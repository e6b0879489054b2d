"""Measure named topics against the corpus `topics` labels: precision, recall, F1 per topic.

An article is "in" a topic when the topic's query finds it in the store and the topic's
rules accept it, exactly the path digests, searches and subscriptions take
(`digests.topics.relevant_hits`). Every shipped topic whose name is also a corpus label
is measured; the others have nothing to compare against.

The rules' weights were written by hand and their floors set by looking at the corpus, so
figures on the whole corpus flatter them. The two-fold check is the honest number: the
articles are split in two halves by event (every language version of one event, and all
articles of one event, fall in the same half, since they share their wording), each
topic's floor is chosen on one half and scored on the other, and the held-out counts of
both directions are pooled.
"""

from __future__ import annotations

import hashlib
import itertools
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from digests.evaluation.stories import LabelledArticle, PairCounts, load_labelled_corpus
from digests.models import Topic

GOAL_TOPICS = ("russia-china", "ukraine-war", "covid-19", "us-election-2020", "energy")


@dataclass(frozen=True, slots=True)
class TopicCorpus:
    """The labelled articles and, per topic, the external ids its query finds in the store."""

    items: tuple[LabelledArticle, ...]
    candidates: Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class TopicResult:
    """One topic's counts: query alone, query and rules, and the two-fold held-out check."""

    topic: str
    labelled: int
    query_only: PairCounts
    with_rules: PairCounts
    held_out: PairCounts
    floors: tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class TopicReport:
    """Every measured topic, in the order of the topics file."""

    results: tuple[TopicResult, ...]

    def macro(self, names: Iterable[str], kind: str) -> tuple[float, float, float]:
        """Mean precision, recall and F1 over `names` of the counts named `kind`."""
        chosen = [getattr(r, kind) for r in self.results if r.topic in set(names)]
        if not chosen:
            return (0.0, 0.0, 0.0)
        n = len(chosen)
        return (sum(c.precision for c in chosen) / n, sum(c.recall for c in chosen) / n,
                sum(c.f1 for c in chosen) / n)


def fold_of(item: LabelledArticle) -> int:
    """0 or 1, fixed by the item's event (or its own id when it has none)."""
    key = item.event or item.article.external_id or str(item.article.id)
    return hashlib.sha256(key.encode("utf-8")).digest()[0] & 1


def split_folds(items: Sequence[LabelledArticle]) -> tuple[list[LabelledArticle], ...]:
    """The two disjoint halves of the two-fold check."""
    return ([i for i in items if fold_of(i) == 0], [i for i in items if fold_of(i) == 1])


def _key(item: LabelledArticle) -> str:
    return item.article.external_id or str(item.article.id)


def _accepted(topic: Topic, item: LabelledArticle, floor: float | None) -> bool:
    if topic.rules is None:
        return True
    article = item.article
    evidence = topic.rules.judge(article.title, article.text, article.language, floor)
    return evidence is not None and evidence.relevant


def count_topic(topic: Topic, items: Iterable[LabelledArticle], candidates: frozenset[str],
                *, use_rules: bool = True, floor: float | None = None) -> PairCounts:
    """Confusion counts of `topic` over `items`: found (query, then rules) versus labelled."""
    tp = fp = fn = 0
    for item in items:
        found = _key(item) in candidates and (not use_rules or _accepted(topic, item, floor))
        gold = topic.name in item.topics
        tp += found and gold
        fp += found and not gold
        fn += gold and not found
    return PairCounts(tp, fp, fn)


def tune_floor(topic: Topic, items: Sequence[LabelledArticle],
               candidates: frozenset[str]) -> float | None:
    """The floor with the best F1 on `items` (ties: the higher floor), None without rules.

    Candidate floors lie halfway between consecutive scores the tuning half's articles
    reach, so the search is exact and the chosen floor keeps the widest margin on both
    sides instead of sitting on the weakest accepted article.
    """
    if topic.rules is None:
        return None
    scores = {0.0}
    for item in items:
        if _key(item) in candidates:
            a = item.article
            evidence = topic.rules.judge(a.title, a.text, a.language)
            if evidence is not None:
                scores.add(evidence.score)
    ordered = sorted(scores)
    floors = [ordered[0], *((low + high) / 2 for low, high in itertools.pairwise(ordered))]
    return max(floors, key=lambda floor: (
        count_topic(topic, items, candidates, floor=floor).f1, floor))


def evaluate_topics(corpus: TopicCorpus, topics: Mapping[str, Topic]) -> TopicReport:
    """Measure every topic that is also a label, on all articles and two-fold by event."""
    labels = {label for item in corpus.items for label in item.topics}
    halves = split_folds(corpus.items)
    results = []
    for name, topic in topics.items():
        if name not in labels:
            continue
        found = corpus.candidates[name]
        floors = tuple(tune_floor(topic, half, found) for half in halves)
        held_out = (count_topic(topic, halves[1], found, floor=floors[0])
                    + count_topic(topic, halves[0], found, floor=floors[1]))
        results.append(TopicResult(
            topic=name,
            labelled=sum(name in item.topics for item in corpus.items),
            query_only=count_topic(topic, corpus.items, found, use_rules=False),
            with_rules=count_topic(topic, corpus.items, found),
            held_out=held_out,
            floors=(floors[0], floors[1]),
        ))
    return TopicReport(tuple(results))


def load_topic_corpus(path: Path, topics: Mapping[str, Topic]) -> TopicCorpus:
    """Ingest the corpus into a throw-away SQLite store and run every topic's query on it.

    The store search is the real candidate step (FTS5, stemming, CJK handling); the
    PostgreSQL backend compiles the same query AST and its own contract tests keep the
    two in step.
    """
    from digests.ingest import ingest_paths  # the pipeline and store are slow to import
    from digests.settings import Settings
    from digests.store import open_store
    from digests.topics import resolve_topic

    items = load_labelled_corpus(path)
    with tempfile.TemporaryDirectory(prefix="newsdigest-topics-") as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'topics.sqlite3'}")
        try:
            ingest_paths(store, [path], Settings(data_dir=Path(folder)))
            candidates = {
                name: frozenset(
                    h.article.external_id or str(h.article.id)
                    for h in store.search(resolve_topic(name, topics).query,
                                          limit=len(items) + 1)
                )
                for name in topics
            }
        finally:
            store.close()
    return TopicCorpus(tuple(items), candidates)
