"""The `newsdigest eval` command's arguments and body, for `digests.cli` to wire in.

Kept here so the command line stays a thin shell: `add_eval_arguments` declares the
options on a subparser, `main_eval` runs the evaluation with a progress bar and prints the
table or JSON, returning the exit status (0 ok, 2 bad usage, 1 unreadable dataset).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.progress import Progress

from digests.evaluation.dataset import DatasetError
from digests.evaluation.report import format_table, report_to_json
from digests.evaluation.runner import run_evaluation

DEFAULT_ALGORITHMS = "lead,lexrank,textrank,lsa,luhn,edmundson,kl,sumbasic,reduction,hybrid,oracle"


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare `eval`'s options on `parser`."""
    parser.add_argument("--dataset", type=Path, required=True, help="bbc.jsonl-style file")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--algorithms", default=DEFAULT_ALGORITHMS, help="comma-separated names")
    parser.add_argument(
        "--budget", default="ref-sentences", help="ref-sentences, ref-words or a sentence count"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--dump", type=Path, default=None, help="write per-article summaries")


def main_eval(args: argparse.Namespace) -> int:
    """Run `newsdigest eval` for parsed `args`; return the process exit status."""
    algorithms = [name.strip() for name in str(args.algorithms).split(",") if name.strip()]
    try:
        with Progress(transient=True, disable=args.json) as bar:
            task = bar.add_task("evaluating", total=None)
            report = run_evaluation(
                args.dataset,
                args.split,
                algorithms,
                args.budget,
                workers=args.workers,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                dump=args.dump,
                limit=args.limit,
            )
    except DatasetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report_to_json(report), indent=2) if args.json else format_table(report))
    return 0
