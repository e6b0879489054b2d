"""Measure summary quality against extractive reference summaries (ROUGE, bootstrap intervals).

The package reads an evaluation dataset from wherever the user points, cuts each reference
into sentences by matching it against the article, ranks the article's sentences with every
requested algorithm, applies one selection budget to all of them, and scores with
`rouge-score`. `run_evaluation` is the entry point; `format_table` and `report_to_json`
render its result.

Names are loaded on first use (PEP 562): the command line declares `eval`'s options from
`cli.eval_arguments` without paying for sumy, NumPy and rouge-score at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digests.evaluation.report import format_table, report_to_json
    from digests.evaluation.runner import AlgorithmResult, EvalReport, run_evaluation

_LAZY = {
    "format_table": "digests.evaluation.report",
    "report_to_json": "digests.evaluation.report",
    "AlgorithmResult": "digests.evaluation.runner",
    "EvalReport": "digests.evaluation.runner",
    "run_evaluation": "digests.evaluation.runner",
}

__all__ = ["AlgorithmResult", "EvalReport", "format_table", "report_to_json", "run_evaluation"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
