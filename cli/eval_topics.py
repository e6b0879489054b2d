"""The `newsdigest eval-topics` command: topic precision and recall against the corpus labels.

`main_topics` prints a Markdown table (or JSON): per topic the query alone, the query with
the topic's rules (what the bot does), and the two-fold held-out check, then macro rows
over the issue's five goal topics and over every measured topic. Exit status 0 ok, 1
unreadable corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any

from digests.evaluation.stories import PairCounts
from digests.evaluation.topics import (
    GOAL_TOPICS,
    TopicReport,
    TopicResult,
    evaluate_topics,
    load_topic_corpus,
)
from digests.models import Topic

_HEADER = (
    "| topic | labelled | query P | query R | P | R | F1 | found | wrong | missed "
    "| two-fold P | two-fold R | two-fold F1 | floors |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _floor(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _row(r: TopicResult) -> str:
    q, w, h = r.query_only, r.with_rules, r.held_out
    cells = [
        r.topic, str(r.labelled), f"{q.precision:.2f}", f"{q.recall:.2f}",
        f"{w.precision:.2f}", f"{w.recall:.2f}", f"{w.f1:.2f}",
        str(w.true_positives + w.false_positives), str(w.false_positives),
        str(w.false_negatives), f"{h.precision:.2f}", f"{h.recall:.2f}", f"{h.f1:.2f}",
        " / ".join(_floor(f) for f in r.floors),
    ]
    return "| " + " | ".join(cells) + " |"


def _macro_row(report: TopicReport, label: str, names: list[str]) -> str:
    query = report.macro(names, "query_only")
    rules = report.macro(names, "with_rules")
    held = report.macro(names, "held_out")
    cells = [label, "", f"{query[0]:.2f}", f"{query[1]:.2f}",
             *(f"{v:.2f}" for v in rules), "", "", "", *(f"{v:.2f}" for v in held), ""]
    return "| " + " | ".join(cells) + " |"


def format_topics_table(report: TopicReport) -> str:
    """The report as a Markdown table with macro rows for the goal topics and for all."""
    names = [r.topic for r in report.results]
    goal = [name for name in GOAL_TOPICS if name in names]
    return "\n".join([
        _HEADER,
        *(_row(r) for r in report.results),
        _macro_row(report, f"macro, {len(goal)} goal topics", goal),
        _macro_row(report, f"macro, all {len(names)}", names),
        "",
        "P/R/F1: query + rules on all articles (what the bot does). Two-fold: each topic's "
        "floor tuned on one half of the events, scored on the other, pooled; floors: the "
        "floor chosen on half A / half B.",
    ])


def _counts(counts: PairCounts) -> dict[str, Any]:
    return {
        "true_positives": counts.true_positives,
        "false_positives": counts.false_positives,
        "false_negatives": counts.false_negatives,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def topics_report_to_json(report: TopicReport) -> dict[str, Any]:
    """A JSON-ready dict: per topic the three kinds of counts and the tuned floors."""
    names = [r.topic for r in report.results]
    goal = [name for name in GOAL_TOPICS if name in names]
    return {
        "results": [
            {"topic": r.topic, "labelled": r.labelled, "query_only": _counts(r.query_only),
             "with_rules": _counts(r.with_rules), "held_out": _counts(r.held_out),
             "floors": list(r.floors)}
            for r in report.results
        ],
        "macro": {
            scope: {kind: dict(zip(("precision", "recall", "f1"), report.macro(chosen, kind),
                                   strict=True))
                    for kind in ("query_only", "with_rules", "held_out")}
            for scope, chosen in (("goal", goal), ("all", names))
        },
    }


def main_topics(args: argparse.Namespace, topics: Mapping[str, Topic]) -> int:
    """Run `newsdigest eval-topics` for parsed `args`; return the process exit status."""
    try:
        corpus = load_topic_corpus(args.corpus, topics)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {args.corpus}: {error}", file=sys.stderr)
        return 1
    report = evaluate_topics(corpus, topics)
    if args.json:
        print(json.dumps(topics_report_to_json(report), indent=2))
    else:
        print(format_topics_table(report))
    return 0
