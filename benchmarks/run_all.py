"""`make bench`: every benchmark's quick mode, one after another, printing their tables.

    .venv/bin/python benchmarks/run_all.py [--only NAME] [--list]

Each script runs as a child process under this interpreter (the project's virtualenv when
started by `make bench`) with small arguments, so the whole run takes minutes and shows
that every benchmark still works; the full-size runs and their figures are in
benchmarks/README.md. Nothing here needs the network (all servers are local). A script
whose input is missing (the BBC dataset, the shared corpus) is skipped with the reason,
not failed. Exit status: 1 when a script that ran failed, else 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BBC = ROOT / "../shared/datasets/bbc-news-summary/bbc.jsonl"


def _needs(path: Path, what: str) -> Callable[[], str | None]:
    def check() -> str | None:
        return None if path.exists() else f"{what} not found at {path.resolve()}"
    return check


@dataclass(frozen=True)
class Benchmark:
    """One script, its quick arguments, and why it cannot run here (None when it can)."""

    script: str
    quick: tuple[str, ...] = ()
    missing: Callable[[], str | None] = field(default=lambda: None)


BENCHMARKS = (
    Benchmark("bench_digest.py", ("--runs", "3")),
    Benchmark("bench_fold.py", ("--runs", "2", "--hits", "100,200")),
    Benchmark("bench_ingest.py", ("--articles", "500")),
    Benchmark("bench_extract.py", ("--pages", "6")),
    Benchmark("bench_poll.py", ("--feeds", "10", "--entries", "5", "--hosts", "2")),
    Benchmark("bench_inline.py", ("--repeats", "3")),
    Benchmark("bench_alerts.py", ("--chats", "50", "--stories", "4")),
    Benchmark("bench_big_feed.py", ("--items", "2000", "--caps", "200,2000")),
    Benchmark("bench_fanout.py", ("--chats", "60", "--warmup", "1")),
    Benchmark("bench_faults.py", ("--only", "no faults", "--chats", "10")),
    Benchmark("bench_startup.py", ("--runs", "1")),
    Benchmark("bench_scale.py", ("--articles", "300,600", "--backend", "sqlite", "--runs", "1"),
              _needs(BBC, "the BBC News Summary dataset")),
    Benchmark("audit_digests.py"),
    Benchmark("bench_summarize.py", ("--limit", "10", "--repeat", "1"),
              _needs(BBC, "the BBC News Summary dataset")),
)


def run(benchmark: Benchmark) -> tuple[str, float]:
    """Run one benchmark, its output going straight to ours; (outcome, seconds)."""
    reason = benchmark.missing()
    if reason is not None:
        return f"skipped: {reason}", 0.0
    command = [sys.executable, str(HERE / benchmark.script), *benchmark.quick]
    print(f"\n## {benchmark.script} {' '.join(benchmark.quick)}".rstrip(), flush=True)
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT)
    return ("ok" if code == 0 else f"failed (exit {code})"), time.monotonic() - started


def main() -> int:
    """Run the selected benchmarks and print one summary table at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run scripts whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the scripts and exit")
    args = parser.parse_args()
    chosen = [b for b in BENCHMARKS if args.only in b.script]
    if args.list:
        for benchmark in chosen:
            print(benchmark.script, " ".join(benchmark.quick))
        return 0
    outcomes = [(benchmark, *run(benchmark)) for benchmark in chosen]
    print("\n| benchmark | quick arguments | outcome | seconds |\n|---|---|---|---:|")
    for benchmark, outcome, seconds in outcomes:
        print(f"| {benchmark.script} | {' '.join(benchmark.quick)} | {outcome} | "
              f"{seconds:.1f} |")
    return 1 if any(outcome.startswith("failed") for _, outcome, _ in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
