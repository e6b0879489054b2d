"""Read an evaluation dataset of articles with extractive reference summaries.

The format is the one of the BBC News Summary copy (`bbc.jsonl`): one JSON object per
line with `id`, `title`, `article` (paragraphs separated by blank lines), `summary` and
`split`. The file is read from wherever the user points; nothing is bundled, because the
articles are under the BBC's copyright and may only be used for evaluation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SPLITS = ("dev", "test", "all")


class DatasetError(ValueError):
    """The dataset file is missing, unreadable or not in the expected format."""


@dataclass(frozen=True, slots=True)
class EvalArticle:
    """One article of the evaluation set with its reference summary (raw, possibly glued)."""

    id: str
    title: str
    text: str
    reference: str
    split: str
    language: str = "en"

    @property
    def paragraphs(self) -> list[str]:
        """Non-empty paragraphs of the article, in order."""
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


def load_dataset(path: Path, split: str = "all", *, language: str = "en") -> list[EvalArticle]:
    """Load the articles of one split (`dev`, `test` or `all`), in file order.

    Raises:
        DatasetError: the file cannot be read, a line is not a valid record, or the split
            is unknown; the message names the line so a user can fix the file.
    """
    if split not in SPLITS:
        raise DatasetError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"cannot read dataset {path}: {error}") from error
    articles = list(_parse(lines, path, language))
    return [a for a in articles if split == "all" or a.split == split]


def _parse(lines: list[str], path: Path, language: str) -> Iterator[EvalArticle]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield EvalArticle(
                id=str(record["id"]),
                title=str(record.get("title") or ""),
                text=str(record["article"]),
                reference=str(record["summary"]),
                split=str(record.get("split") or "all"),
                language=str(record.get("language") or language),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DatasetError(f"{path}:{number}: not a dataset record ({error})") from error
