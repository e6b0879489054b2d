"""Render an `EvalReport`: a Markdown table for people, JSON for machines.

The table is Markdown so the same text pastes into the README and reads fine in a
terminal. ROUGE is shown as F1 x 100 with the 95% bootstrap interval; JSON keeps the raw
fractions so nothing is lost to rounding.
"""

from __future__ import annotations

import json
from typing import Any

from digests.evaluation.runner import AlgorithmResult, EvalReport

_HEADER = "| system | R-1 | R-2 | R-Lsum | ms/article | n |\n|---|---|---|---|---|---|"


def _cell(mean: float, interval: tuple[float, float]) -> str:
    low, high = interval
    return f"{100 * mean:.2f} [{100 * low:.2f}, {100 * high:.2f}]"


def _row(result: AlgorithmResult) -> str:
    cells = [
        result.algorithm,
        _cell(result.rouge1, result.intervals["rouge1"]),
        _cell(result.rouge2, result.intervals["rouge2"]),
        _cell(result.rouge_lsum, result.intervals["rougeLsum"]),
        f"{result.ms_per_article:.2f}",
        str(result.n),
    ]
    return "| " + " | ".join(cells) + " |"


def format_table(report: EvalReport) -> str:
    """A Markdown table, one row per algorithm, under a line stating split and budget."""
    title = (
        f"{report.split} split, budget {report.budget}, {report.articles} articles "
        f"(ROUGE F1 x 100 [95% bootstrap CI]; {report.seconds:.0f} s)"
    )
    return "\n".join([title, "", _HEADER, *(_row(r) for r in report.results)])


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """A JSON-ready dict of the report (ROUGE as fractions in [0, 1])."""
    return {
        "dataset": report.dataset,
        "split": report.split,
        "budget": report.budget,
        "articles": report.articles,
        "seconds": round(report.seconds, 3),
        "results": [
            {
                "algorithm": r.algorithm,
                "n": r.n,
                "rouge1": r.rouge1,
                "rouge2": r.rouge2,
                "rougeLsum": r.rouge_lsum,
                "ci95": {k: list(v) for k, v in r.intervals.items()},
                "ms_per_article": r.ms_per_article,
            }
            for r in report.results
        ],
    }


def dumps(report: EvalReport) -> str:
    """The report as indented JSON text."""
    return json.dumps(report_to_json(report), indent=2)
