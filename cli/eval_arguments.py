"""The options of `newsdigest eval`, `eval-stories` and `eval-topics`, without heavy imports.

Kept apart from the commands' bodies so building the command-line parser stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_ALGORITHMS = "lead,lexrank,textrank,lsa,luhn,edmundson,kl,sumbasic,reduction,hybrid,oracle"
# digests.settings.PROJECT_ROOT, not imported: pydantic-settings would cost `--help` 0.1 s.
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "seeds" / "corpus.jsonl"


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


def add_stories_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare `eval-stories`' options on `parser`."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus.jsonl file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--sweep", action="store_true", help="also sweep folding thresholds")


def add_topics_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare `eval-topics`' options on `parser`."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus.jsonl file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
