"""The `newsdigest eval` command's arguments and body, for `cli.main` to wire in.

Kept here so the command line stays a thin shell: `add_eval_arguments` declares the
options on a subparser, `main_eval` runs the evaluation with a progress bar and prints the
table or JSON, returning the exit status (0 ok, 2 bad usage, 1 unreadable dataset).
"""

from __future__ import annotations

import argparse
import json
import sys

from cli.eval_arguments import DEFAULT_ALGORITHMS, add_eval_arguments


def main_eval(args: argparse.Namespace) -> int:
    """Run `newsdigest eval` for parsed `args`; return the process exit status."""
    from rich.progress import Progress

    from digests.evaluation.dataset import DatasetError
    from digests.evaluation.report import format_table, report_to_json
    from digests.evaluation.runner import run_evaluation

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


__all__ = ["DEFAULT_ALGORITHMS", "add_eval_arguments", "main_eval"]
