"""Cost of story folding: `fold_stories` on the first N corpus articles, and its parts.

    .venv/bin/python benchmarks/bench_fold.py [--runs 7] [--corpus ../shared/corpus/articles.jsonl]

Folding compares every pair of a digest's articles, so its time grows with the square of
their number; a digest folds tens of search hits, the corpus measurement folds 300. The
corpus is ingested once (through the real pipeline, as `newsdigest eval-stories` does).
Columns: median and 95th percentile (nearest rank) in milliseconds of `--runs` runs of the
whole fold, then the median of its per-article part (lead TF-IDF, gazetteer entities,
entity vectors, name keys) alone. Compare rows and ratios, not absolute figures: other
processes share this machine (the load average is printed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import percentile, timed

from digests.digest import FoldingRules, _evidence, fold_stories
from digests.evaluation.arguments import DEFAULT_CORPUS
from digests.evaluation.stories import load_labelled_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    articles = [item.article for item in load_labelled_corpus(args.corpus)]
    rules = FoldingRules()
    print(f"load average {os.getloadavg()[0]:.2f}\n")
    print("| articles | pairs | fold median ms | fold p95 ms | per-article part median ms |")
    print("|---|---|---|---|---|")
    for n in (10, 30, 100, len(articles)):
        subset = articles[:n]
        fold_stories(subset, rules)  # warm-up, not timed
        fold = timed(lambda s=subset: fold_stories(s, rules), args.runs)  # type: ignore[misc]
        part = timed(lambda s=subset: _evidence(s, rules), args.runs)  # type: ignore[misc]
        print(f"| {n} | {n * (n - 1) // 2} | {statistics.median(fold):.1f} "
              f"| {percentile(fold, 0.95):.1f} | {statistics.median(part):.1f} |")


if __name__ == "__main__":
    main()
