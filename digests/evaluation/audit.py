"""What a reader reads: junk lines by kind, repeated lines, lines in another language.

The issue-11 audit. Every line a digest shows (key points, then each story's summary
lines) is checked as a reader would: could it stand alone (`standalone.junk_kind`, plus
a first line or key point that points back to something not shown, and a transcript
label left in), was it already shown in the same digest, and is it in the reader's
language. `benchmarks/audit_digests.py` prints the table for every shipped topic on the
seeds; `tests/evaluation/test_audit.py` holds the goals (junk at most 1 %, no repeats).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from digests.models import Digest
from digests.summarize.languages import detect_language
from digests.summarize.standalone import (
    POINTS_BACK,
    glued_turn,
    junk_kind,
    key_point_kind,
    refers_back,
    speaker_turn,
)

TRANSCRIPT = "transcript label"
_PUNCTUATION = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One line a reader sees, and whether it opens its block (key points always do)."""

    text: str
    language: str | None
    opens: bool
    key_point: bool = False


@dataclass(slots=True)
class AuditRow:
    """Counts for one digest (or a total): lines, junk by kind, repeats, other language.

    Other-language lines are counted in all and among the key points: a story with no
    coverage in the reader's language may be shown (marked), but a key point may not.
    """

    name: str
    lines: int = 0
    junk: Counter[str] = field(default_factory=Counter)
    repeats: int = 0
    other_language: int = 0
    other_language_points: int = 0

    @property
    def junk_total(self) -> int:
        """Lines with at least one junk kind."""
        return sum(self.junk.values())

    def add(self, other: AuditRow) -> None:
        """Add another row's counts to this one (for totals)."""
        self.lines += other.lines
        self.junk.update(other.junk)
        self.repeats += other.repeats
        self.other_language += other.other_language
        self.other_language_points += other.other_language_points


def digest_lines(digest: Digest) -> list[Line]:
    """The lines of `digest` in reading order: key points, then each story's lines."""
    lines: list[Line] = []
    for index, point in enumerate(digest.key_points):
        lines.append(Line(point, _point_language(index, point, digest), opens=True,
                          key_point=True))
    marked = set(getattr(digest, "key_point_stories", ()))
    for number, story in enumerate(digest.stories, start=1):
        for index, sentence in enumerate(story.summary.sentences):
            # Under a story whose key point is shown above, the first line continues it.
            opens = index == 0 and number not in marked
            lines.append(Line(sentence, story.summary.language, opens=opens))
    return lines


def _point_language(index: int, point: str, digest: Digest) -> str | None:
    """The language of the story a key point comes from."""
    numbers: Sequence[int] = getattr(digest, "key_point_stories", ())
    if index < len(numbers) and 0 < numbers[index] <= len(digest.stories):
        return digest.stories[numbers[index] - 1].summary.language
    for story in digest.stories:
        if point in story.summary.sentences:
            return story.summary.language
    return None


def line_junk(line: Line) -> str | None:
    """The first reason `line` cannot stand alone, or None."""
    if line.key_point:
        if (reason := key_point_kind(line.text, line.language)) is not None:
            return reason
    elif (kind := junk_kind(line.text, line.language)) is not None:
        return kind.value
    if ":" in line.text and (
        (speaker_turn(line.text) is not None and ":" in line.text[:60])
        or glued_turn(line.text) is not None  # a label run into the line
    ):
        return TRANSCRIPT
    if line.opens and refers_back(line.text, line.language):
        return POINTS_BACK
    return None


def normalised(text: str) -> str:
    """A line's identity for repeats: lowercased words, punctuation and spacing ignored."""
    return _PUNCTUATION.sub(" ", text.lower()).strip()


def audit_digest(name: str, digest: Digest, reader_language: str | None = None) -> AuditRow:
    """Count what is wrong with one digest's lines; `reader_language` None skips languages."""
    row = AuditRow(name)
    seen: set[str] = set()
    for line in digest_lines(digest):
        row.lines += 1
        if (kind := line_junk(line)) is not None:
            row.junk[kind] += 1
        key = normalised(line.text)
        if key in seen:
            row.repeats += 1
        seen.add(key)
        if reader_language and detect_language(line.text) != reader_language:
            row.other_language += 1
            row.other_language_points += line.key_point
    return row


def total(rows: Iterable[AuditRow]) -> AuditRow:
    """The sum of several rows."""
    summed = AuditRow("all")
    for row in rows:
        summed.add(row)
    return summed


def format_table(rows: Sequence[AuditRow], kinds: Sequence[str]) -> str:
    """A Markdown table: one row per digest and the total, one column per junk kind."""
    header = ["topic", "lines", "junk", *kinds, "repeats", "other lang", "of them key points"]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in [*rows, total(rows)]:
        share = f"{row.junk_total} ({100 * row.junk_total / max(row.lines, 1):.1f}%)"
        cells = [row.name, str(row.lines), share, *(str(row.junk[k]) for k in kinds),
                 str(row.repeats), str(row.other_language), str(row.other_language_points)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)
