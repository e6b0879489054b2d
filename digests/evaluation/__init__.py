"""Measure summary quality against extractive reference summaries (ROUGE, bootstrap intervals).

The package reads an evaluation dataset from wherever the user points, cuts each reference
into sentences by matching it against the article, ranks the article's sentences with every
requested algorithm, applies one selection budget to all of them, and scores with
`rouge-score`. `run_evaluation` is the entry point; `format_table` and `report_to_json`
render its result.
"""

from digests.evaluation.report import format_table, report_to_json
from digests.evaluation.runner import AlgorithmResult, EvalReport, run_evaluation

__all__ = ["AlgorithmResult", "EvalReport", "format_table", "report_to_json", "run_evaluation"]
