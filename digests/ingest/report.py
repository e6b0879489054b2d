"""The ingest report as lines a person reads: counts first, rejections grouped when many.

A dataset in an unexpected shape rejects every record for the same reason; 2,225 identical
"rejected …: no text field" lines bury the one thing to fix. So unless asked for detail
(`verbose`) or there are only a few, rejections are grouped by reason into one line each,
with the count and, for records without a body, the field names they do have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from digests.ingest.parse_corpus import FIELDS_SEPARATOR
from digests.models import AddOutcome, AddResult

#: Up to this many rejections are listed one per line even without `verbose`.
FEW_REJECTIONS = 10
_MAX_FIELDS = 12


def counted(count: int, singular: str, plural: str) -> str:
    """`1 file`, `2 files`: English plural forms for CLI output."""
    return f"{count:,} {singular if count == 1 else plural}"


def _reason_and_fields(reason: str) -> tuple[str, list[str]]:
    """Split "no text field (…); fields: id, title" into the reason and the field names."""
    head, separator, fields = reason.partition(FIELDS_SEPARATOR)
    return head, ([f.strip() for f in fields.split(",") if f.strip()] if separator else [])


def rejection_lines(rejections: Sequence[AddResult], *, verbose: bool = False) -> list[str]:
    """One line per rejection when `verbose` or few, else one line per distinct reason."""
    if verbose or len(rejections) <= FEW_REJECTIONS:
        return [f"rejected {r.label}: {r.reason}" for r in rejections]
    by_reason: Counter[str] = Counter()
    fields: dict[str, dict[str, None]] = {}
    for result in rejections:
        reason, names = _reason_and_fields(result.reason or "unknown")
        by_reason[reason] += 1
        fields.setdefault(reason, {}).update(dict.fromkeys(names))
    lines = []
    for reason, count in by_reason.most_common():
        line = f"{counted(count, 'record', 'records')} rejected: {reason}"
        if names := list(fields[reason]):
            more = ", …" if len(names) > _MAX_FIELDS else ""
            line += f"; fields found: {', '.join(names[:_MAX_FIELDS])}{more}"
        lines.append(line)
    lines.append("(run with -v to list every rejected record)")
    return lines


def describe(results: Sequence[AddResult], skipped: Sequence[str], *,
             verbose: bool = False) -> str:
    """A plain-text summary: a line of counts, files skipped, then the rejections."""
    found = Counter(result.outcome for result in results)
    counts = ", ".join(f"{found[outcome]:,} {outcome}" for outcome in AddOutcome)
    lines = [f"{counted(len(results), 'item', 'items')}: {counts}"]
    if skipped:
        lines.append(f"{counted(len(skipped), 'file', 'files')} skipped (not articles)")
    rejected = [r for r in results if r.outcome is AddOutcome.REJECTED]
    lines.extend(rejection_lines(rejected, verbose=verbose))
    return "\n".join(lines)
