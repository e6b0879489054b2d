"""Cost of story folding: `fold_stories` on N articles, pruned against every pair.

    nice -n 19 .venv/bin/python benchmarks/bench_fold.py [--runs 5] [--corpus seeds/corpus.jsonl]
        [--dataset ../shared/datasets/bbc-news-summary/bbc.jsonl] [--hits 100,200,400,800,1600]

Folding compared every pair of a digest's articles, so its time grew with the square of
their number; it now compares only the pairs `digests.fold_candidates` finds (prefix
filtering on signatures, lead words, entities and names) and skips pairs already in one
group, with the same groups (checked here on every row, and in
tests/core/test_fold_candidates.py).

Two tables. The labelled corpus (`--corpus`, ingested once through the real pipeline, as
`newsdigest eval-stories` does) on its first 10, 30, 100 and all articles. Then the curve
a digest sees: `--hits` articles matching the "markets" topic words (shares, profits,
economy) in the corpus `benchmarks/bench_scale.py` builds from the BBC file (recombined
real sentences, 1,000 a day; skipped without the file), the first N in publishing order.
Columns: median and 95th percentile (nearest rank) in CPU ms (process time, so the
other processes on the shared cores count less than in wall time) of `--runs` folds, every pair
("before") and pruned ("after"), the pair checks each made (`_same_story` calls), and the
per-article part alone (lead TF-IDF, gazetteer entities, entity vectors, name keys; the
entities, names and word counts of a lead are cached between folds, so this is warm up
to the cache's 1,024 leads and paid again on every fold of more articles than that).
Compare rows and ratios, not absolute figures: other processes share this machine (the
load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_scale import find_dataset, generate
from timing import percentile

import digests.digest as digest_module
from cli.eval_arguments import DEFAULT_CORPUS
from digests.digest import FoldingRules, _evidence, fold_stories
from digests.evaluation.stories import load_labelled_corpus
from digests.models import Article

MARKETS = re.compile(r"\b(shares|profits|economy)\b", re.IGNORECASE)


def count_checks(articles: Sequence[Article], rules: FoldingRules, exhaustive: bool) -> int:
    """How many pairs one fold tests with `_same_story`."""
    real = digest_module._same_story
    calls = 0

    def counting(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    digest_module._same_story = counting  # type: ignore[assignment]
    try:
        fold_stories(articles, rules, exhaustive=exhaustive)
    finally:
        digest_module._same_story = real
    return calls


def cpu_timed(call: Callable[[], object], runs: int) -> list[float]:
    """CPU milliseconds of `runs` calls: what the fold costs, whatever else the cores run."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    return times


def ids(groups: list[list[Article]]) -> list[list[int]]:
    return [[a.id for a in group] for group in groups]


def print_curve(title: str, articles: list[Article], sizes: list[int], runs: int) -> None:
    rules = FoldingRules()
    print(f"\n{title}\n")
    print("| articles | all pairs | before median ms | before p95 ms | before checks "
          "| after median ms | after p95 ms | after checks | speed-up | per-article part ms "
          "| same groups |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        subset = articles[:n]
        n = len(subset)  # the corpus may hold fewer
        same = ids(fold_stories(subset, rules)) == ids(  # also warms the lead cache
            fold_stories(subset, rules, exhaustive=True))
        before = cpu_timed(lambda s=subset: fold_stories(s, rules, exhaustive=True), runs)  # type: ignore[misc]
        after = cpu_timed(lambda s=subset: fold_stories(s, rules), runs)  # type: ignore[misc]
        part = cpu_timed(lambda s=subset: _evidence(s, rules), runs)  # type: ignore[misc]
        print(f"| {n} | {n * (n - 1) // 2} | {statistics.median(before):.1f} "
              f"| {percentile(before, 0.95):.1f} | {count_checks(subset, rules, True)} "
              f"| {statistics.median(after):.1f} | {percentile(after, 0.95):.1f} "
              f"| {count_checks(subset, rules, False)} "
              f"| {statistics.median(before) / statistics.median(after):.1f}x "
              f"| {statistics.median(part):.1f} | {'yes' if same else 'NO'} |", flush=True)


def markets_hits(dataset: Path, count: int) -> list[Article]:
    """The first `count` generated articles a markets digest would match, ingested."""
    records = []
    for record in generate(dataset, count * 12):  # about one in seven matches
        if MARKETS.search(f"{record['title']} {record['text']}"):
            records.append(record)
            if len(records) == count:
                break
    with tempfile.TemporaryDirectory(prefix="bench-fold-") as folder:
        corpus = Path(folder) / "hits.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return [item.article for item in load_labelled_corpus(corpus)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--dataset", type=Path)
    parser.add_argument("--hits", default="100,200,400,800,1600")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    labelled = [item.article for item in load_labelled_corpus(args.corpus)]
    print_curve(f"labelled corpus ({args.corpus})", labelled,
                [10, 30, 100, len(labelled)], args.runs)
    dataset = find_dataset(args.dataset)
    if dataset is None:
        print("\nhits curve skipped: the BBC News Summary file is not here (--dataset)")
        return
    sizes = [int(size) for size in args.hits.split(",")]
    hits = markets_hits(dataset, max(sizes))
    print_curve(f"markets hits from {dataset.name} (recombined, 1,000 articles a day)",
                hits, sizes, args.runs)
    print(f"\nload average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
