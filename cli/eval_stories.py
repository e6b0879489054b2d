"""The `newsdigest eval-stories` command: story-folding figures against the corpus labels.

`add_stories_arguments` declares the options on a subparser and `main_stories` prints a
Markdown table (or JSON) of pairwise precision, recall and F1 per scope, returning the
exit status (0 ok, 1 unreadable corpus). `--sweep` adds the threshold sweep the default
`FoldingRules` were chosen from.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from cli.eval_arguments import DEFAULT_CORPUS, add_stories_arguments
from digests.digest import FoldingRules
from digests.evaluation.stories import (
    PairCounts,
    ScopeResult,
    StoryReport,
    evaluate_folding,
    load_labelled_corpus,
    sweep_candidates,
    sweep_rules,
)

_HEADER = (
    "| scope | pairs | articles | positives | merged right | wrongly merged | missed "
    "| precision | recall | F1 |\n|---|---|---|---|---|---|---|---|---|---|"
)


def _row(scope: str, kind: str, articles: int, counts: PairCounts) -> str:
    positives = counts.true_positives + counts.false_negatives
    cells = [
        scope, kind, str(articles), str(positives), str(counts.true_positives),
        str(counts.false_positives), str(counts.false_negatives),
        f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _rows(result: ScopeResult) -> list[str]:
    return [
        _row(result.scope, "all", result.articles, result.overall),
        _row(result.scope, "same language", result.articles, result.same_language),
        _row(result.scope, "cross language", result.articles, result.cross_language),
    ]


def format_stories_table(report: StoryReport) -> str:
    """The report as a Markdown table, three rows (all, same-, cross-language) per scope."""
    rows = [row for result in report.results for row in _rows(result)]
    return "\n".join([f"rules: {asdict(report.rules)}", "", _HEADER, *rows])


def _counts_json(counts: PairCounts) -> dict[str, Any]:
    return {
        "true_positives": counts.true_positives,
        "false_positives": counts.false_positives,
        "false_negatives": counts.false_negatives,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def stories_report_to_json(report: StoryReport) -> dict[str, Any]:
    """A JSON-ready dict: the rules and, per scope, the counts and scores of each pair kind."""
    return {
        "rules": asdict(report.rules),
        "results": [
            {
                "scope": r.scope,
                "articles": r.articles,
                "overall": _counts_json(r.overall),
                "same_language": _counts_json(r.same_language),
                "cross_language": _counts_json(r.cross_language),
            }
            for r in report.results
        ],
    }


def _format_sweep(scored: list[tuple[FoldingRules, PairCounts]], limit: int = 15) -> str:
    lines = [
        "| cosine | days | follow-up cosine | follow-up days | entity cosine | entity days "
        "| shared names | same-day entity cosine | same-day word floor | same-day days "
        "| right | wrong | P | R | F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r, c in scored[:limit]:
        lines.append(
            f"| {r.cosine_threshold} | {r.max_days:g} | {r.follow_up_threshold} "
            f"| {r.follow_up_days:g} | {r.concept_threshold} | {r.concept_days:g} "
            f"| {r.shared_names} | {r.same_day_concept_threshold} "
            f"| {r.same_day_word_threshold} | {r.same_day_days:g} "
            f"| {c.true_positives} | {c.false_positives} "
            f"| {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"
        )
    return "\n".join(lines)


def main_stories(args: argparse.Namespace) -> int:
    """Run `newsdigest eval-stories` for parsed `args`; return the process exit status."""
    try:
        items = load_labelled_corpus(args.corpus)
    except (OSError, ValueError) as error:
        print(f"error: cannot read {args.corpus}: {error}", file=sys.stderr)
        return 1
    report = evaluate_folding(items, FoldingRules())
    scored = sweep_rules(items, sweep_candidates(report.rules)) if args.sweep else []
    if args.json:
        data = stories_report_to_json(report)
        if scored:
            data["sweep"] = [
                {"rules": asdict(rules), **_counts_json(counts)} for rules, counts in scored
            ]
        print(json.dumps(data, indent=2))
        return 0
    print(format_stories_table(report))
    if scored:
        print("\nsweep over all articles (best first: fewest wrong merges, then F1)\n")
        print(_format_sweep(scored))
    return 0


__all__ = ["DEFAULT_CORPUS", "add_stories_arguments", "main_stories"]
