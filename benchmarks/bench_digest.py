"""Latency of `digest` and `summary_for` on the bundled seeds, cold and warm cache.

    .venv/bin/python benchmarks/bench_digest.py [--runs 9] [--topic russia-china]

The seeds are ingested once into a temporary SQLite database. "cold" empties the summary
cache before every run, so each run summarizes the stories it shows (what a user sees
the first time a topic is asked for); "warm" runs with the cache left full (every later
request). One untimed call first loads the summarizers, so neither column counts import
time. Each cell is the median and the 95th percentile (nearest rank) of `--runs` runs in
milliseconds; the load average is printed because other processes share the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete
from timing import percentile, timed

from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore, open_store
from digests.store.schema import summary_cache
from digests.topics import load_topics

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ALL_TIME = timedelta(days=100_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--topic", default="russia-china")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, data_dir=Path(folder))  # type: ignore[call-arg]
        store = open_store(settings.resolved_database_url())
        assert isinstance(store, SqlStore)
        service = NewsService(store, settings, load_topics(settings.topics_file))
        service.ingest([SEEDS])

        def clear_cache() -> None:
            with store.engine.begin() as conn:
                conn.execute(delete(summary_cache))

        calls: dict[str, Callable[[], object]] = {
            "digest": lambda: service.digest(args.topic, since=ALL_TIME),
            "summary_for": lambda: service.summary_for(args.topic),
        }
        for call in calls.values():
            call()  # load the summarizers; not timed
        load_before = os.getloadavg()[0]
        rows = []
        for name, call in calls.items():
            cold = timed(call, args.runs, clear_cache)
            warm = timed(call, args.runs, lambda: None)
            rows.append((name, cold, warm))
        store.close()
    print(f"{args.runs} runs each, topic {args.topic!r}; load average (1 min): "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("| call | cold median ms | cold p95 ms | warm median ms | warm p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, cold, warm in rows:
        print(f"| {name} | {statistics.median(cold):.0f} | {percentile(cold, 0.95):.0f} | "
              f"{statistics.median(warm):.0f} | {percentile(warm, 0.95):.0f} |")


if __name__ == "__main__":
    main()
