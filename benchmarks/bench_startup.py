"""Wall time of short CLI commands, where start-up (imports) is most of the time.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--tree PATH ...]

Each `--tree` is a source tree of this project (default: this one); to compare with an
older commit, export it first (`git archive <commit> | tar -x -C /tmp/before`). Trees
are run in turn inside each round, so a change of machine load hits them alike. The
commands run with `DATA_DIR` set to `--data-dir`: ingest the seeds there first for the
digest row (`DATA_DIR=... .venv/bin/newsdigest ingest seeds/`, then one digest run so
the summaries are cached). Cells are medians in seconds, each followed by its ratio to
the import floor, `python -c 'import telegram, sumy'` timed in the same rounds (issue
14.5's goal: `--help` and `topics` within 1.3x of it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [["--help"], ["topics"], ["digest", "russia-china", "--since", "100000d"]]
ENTRY = "import sys; sys.argv[0] = 'newsdigest'; from cli.main import main; main()"
FLOOR = "import telegram, sumy"


def run_floor(tree: Path, env: dict[str, str]) -> float:
    """Seconds of importing the two libraries the bot cannot start without."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR], cwd=tree, env=env, capture_output=True,
                   check=True)
    return time.perf_counter() - start


def run_once(tree: Path, command: list[str], env: dict[str, str]) -> float:
    """Seconds of one run of `newsdigest <command>` from `tree` (which must succeed)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", ENTRY, *command], cwd=tree, env=env,
                   capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/newsdigest-bench"))
    args = parser.parse_args()
    trees: list[Path] = args.tree or [ROOT]
    env = dict(os.environ, DATA_DIR=str(args.data_dir))
    times: dict[tuple[str, Path], list[float]] = {}
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):
        times.setdefault(("floor", trees[0]), []).append(run_floor(trees[0], env))
        for command in COMMANDS:
            for tree in trees:
                key = (" ".join(command), tree)
                times.setdefault(key, []).append(run_once(tree, command, env))
    print(f"{args.runs} runs; load average (1 min): {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")
    print("| command | " + " | ".join(str(t) for t in trees) + " |")
    print("|---|" + "---:|" * len(trees))
    floor = statistics.median(times[("floor", trees[0])])
    print(f"| python -c '{FLOOR}' (floor) | " + " | ".join(f"{floor:.2f}" for _ in trees) + " |")
    for command in COMMANDS:
        name = " ".join(command)
        cells = " | ".join(
            f"{(m := statistics.median(times[(name, t)])):.2f} ({m / floor:.2f}x)" for t in trees)
        print(f"| newsdigest {name} | {cells} |")


if __name__ == "__main__":
    main()
