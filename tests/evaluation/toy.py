"""A two-article evaluation dataset (plus one test-split row), for the engine and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    (
        "Council backs new budget",
        "The city council approved a new budget on Monday. Taxes will rise by two percent.\n\n"
        "The mayor said the budget protects schools. Opposition members said taxes hurt "
        "families.\n\nA local band played outside the hall.",
        "The city council approved a new budget on Monday.The mayor said the budget protects"
        " schools.",
    ),
    (
        "Storm hits coast",
        "A storm hit the coast overnight. Thousands of homes lost power after the storm.\n\n"
        "Engineers worked to restore power to homes. The storm moved north by morning.",
        "Thousands of homes lost power after the storm.A storm hit the coast overnight.",
    ),
]


def write_dataset(folder: Path) -> Path:
    """`folder/toy.jsonl`: the articles in the dev split, the first again in the test split."""
    path = folder / "toy.jsonl"
    rows = [
        {"id": f"toy/{i}", "title": t, "article": a, "summary": s, "split": "dev"}
        for i, (t, a, s) in enumerate(ARTICLES)
    ]
    rows.append({**rows[0], "id": "toy/test", "split": "test"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path
